namespace Attend.Attention;

/// <summary>
/// What an attention module returns: the <paramref name="Context"/> (the weighted sum of the values, [B, Tq, dv],
/// or [B, dv] for a single query per example) and the <paramref name="Weights"/> that made it ([B, Tq, Tk], or
/// [B, Tk]), kept so they can be plotted as a heatmap of who looked where.
/// </summary>
/// <param name="Context">Σ_j weight_j · value_j for every query.</param>
/// <param name="Weights">The attention distribution over the keys for every query: rows sum to 1.</param>
/// <remarks>Taught in Chapter 2: attention as soft lookup (notebooks/02-attention-as-soft-lookup.ipynb).</remarks>
public sealed record AttentionOutput(Tensor Context, Tensor Weights);
