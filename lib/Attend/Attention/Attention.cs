using Attend.Modules;

namespace Attend.Attention;

/// <summary>
/// Attention as a soft lookup: score every key against the query, turn the scores into weights with a softmax (padded
/// keys get weight 0), and return the weighted sum of the values. A dictionary lookup returns the value of the one
/// matching key; attention returns a blend of all values, weighted by how well each key matches, which is
/// differentiable and so can be learned.
/// <code>
/// scores  = score(queries, keys)            [B, Tq, Tk]
/// weights = softmax(scores masked) over Tk  [B, Tq, Tk]
/// context = weights · values                [B, Tq, dv]
/// </code>
/// </summary>
/// <remarks>
/// Queries may be [B, Tq, dq] or a single query per example [B, dq] (a decoder step); with the latter the outputs
/// drop the Tq dimension: context [B, dv], weights [B, Tk]. Keys are [B, Tk, dk], values [B, Tk, dv] (the keys when
/// none are given, as in the seq2seq models where the encoder states are both), mask [B, Tk] with 1 = real token,
/// 0 = padding (see <see cref="AttentionMask"/>, which also says what a row with no real key gives).
/// Taught in Chapter 2: attention as soft lookup (notebooks/02-attention-as-soft-lookup.ipynb).
/// </remarks>
public sealed class Attention : Module
{
    /// <summary>Creates attention with the scoring function <paramref name="score"/> (its parameters become this module's).</summary>
    public Attention(AttentionScore score)
        : base(nameof(Attention))
    {
        ArgumentNullException.ThrowIfNull(score);
        this.score = score;
        RegisterComponents();
    }

    /// <summary>The scoring function.</summary>
    public AttentionScore score { get; }

    /// <summary>Attends from <paramref name="queries"/> over <paramref name="keys"/>/<paramref name="values"/>; see the class remarks for shapes.</summary>
    public AttentionOutput forward(Tensor queries, Tensor keys, Tensor? values = null, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(keys);
        values ??= keys;
        if (keys.ndim != 3 || values.ndim != 3 || values.size(0) != keys.size(0) || values.size(1) != keys.size(1))
        {
            throw new ArgumentException(
                $"Attention: expected keys [B, Tk, dk] and values [B, Tk, dv] with the same B and Tk, got keys " +
                $"{Tensor.Format(keys.shape)} and values {Tensor.Format(values.shape)}.", nameof(values));
        }

        var single = queries.ndim == 2;
        var q = single ? queries.unsqueeze(1) : queries; // [B, Tq, dq]
        var weights = AttentionMask.MaskedSoftmax(score.call(q, keys), mask);
        var context = weights.matmul(values); // [B, Tq, Tk]·[B, Tk, dv] = [B, Tq, dv]
        return single ? new AttentionOutput(context.squeeze(1), weights.squeeze(1)) : new AttentionOutput(context, weights);
    }

    /// <summary>Runs <see cref="forward"/>.</summary>
    public AttentionOutput call(Tensor queries, Tensor keys, Tensor? values = null, Tensor? mask = null) =>
        forward(queries, keys, values, mask);
}
