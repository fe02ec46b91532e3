namespace Attend.Attention;

/// <summary>
/// The scaled dot-product score score(q, k) = qᵀk / √d (Vaswani et al. 2017). If the entries of q and k are
/// independent with variance 1, qᵀk has variance d: dividing by √d keeps the scores near unit size, so the softmax
/// does not saturate (and its gradient vanish) as d grows.
/// </summary>
/// <remarks>Taught in Chapter 2: attention as soft lookup (notebooks/02-attention-as-soft-lookup.ipynb).</remarks>
public sealed class ScaledDotScore : AttentionScore
{
    /// <summary>Creates the score.</summary>
    public ScaledDotScore()
        : base(nameof(ScaledDotScore))
    {
    }

    /// <inheritdoc/>
    protected override Tensor Score(Tensor queries, Tensor keys)
    {
        if (queries.size(2) != keys.size(2))
        {
            throw new ArgumentException(
                $"ScaledDotScore: queries and keys must have the same size to take qᵀk, got queries {Tensor.Format(queries.shape)} " +
                $"and keys {Tensor.Format(keys.shape)}.", nameof(queries));
        }

        var d = keys.size(2);
        return queries.matmul(keys.transpose(1, 2)).div(MathF.Sqrt(d));
    }
}
