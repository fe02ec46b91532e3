namespace Attend.Attention;

/// <summary>
/// The dot-product score score(q, k) = qᵀk (Luong et al. 2015, "dot"): a query and a key match when they point the
/// same way. It has no parameters, so queries and keys must have the same size d. All pairs at once: Q·Kᵀ.
/// </summary>
/// <remarks>Taught in Chapter 2: attention as soft lookup (notebooks/02-attention-as-soft-lookup.ipynb).</remarks>
public sealed class DotScore : AttentionScore
{
    /// <summary>Creates the score.</summary>
    public DotScore()
        : base(nameof(DotScore))
    {
    }

    /// <inheritdoc/>
    protected override Tensor Score(Tensor queries, Tensor keys)
    {
        if (queries.size(2) != keys.size(2))
        {
            throw new ArgumentException(
                $"DotScore: queries and keys must have the same size to take qᵀk, got queries {Tensor.Format(queries.shape)} " +
                $"and keys {Tensor.Format(keys.shape)}; use GeneralScore or AdditiveScore when the sizes differ.", nameof(queries));
        }

        return queries.matmul(keys.transpose(1, 2)); // [B, Tq, d]·[B, d, Tk] = [B, Tq, Tk]
    }
}
