using Attend.Modules;

namespace Attend.Attention;

/// <summary>
/// The location-based score of Luong et al. 2015: a_t = softmax(W_a h_t). The scores come from the query alone, one
/// per source position up to <see cref="max_length"/>: the model learns where to look (e.g. "the third word") without
/// looking at what is there. The keys only say how many positions this batch has; their values are ignored.
/// </summary>
/// <remarks>
/// The scores are W q [B, Tq, max_length] cut to the Tk positions of the keys; padded positions are then masked by
/// <see cref="Attention"/> like any other score. Taught in Chapter 2: attention as soft lookup
/// (notebooks/02-attention-as-soft-lookup.ipynb).
/// </remarks>
public sealed class LocationScore : AttentionScore
{
    /// <summary>Creates the score for queries of size <paramref name="queryDim"/> and at most <paramref name="maxLength"/> keys.</summary>
    public LocationScore(int queryDim, int maxLength)
        : base(nameof(LocationScore))
    {
        if (maxLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"LocationScore: maxLength must be at least 1, got {maxLength}.");
        }

        W = new Linear(queryDim, maxLength, bias: false);
        RegisterComponents();
    }

    /// <summary>The map from a query to one score per position, W_a [max_length, dq].</summary>
    public Linear W { get; }

    /// <summary>The longest source this score can attend over.</summary>
    public int max_length => W.out_features;

    /// <inheritdoc/>
    protected override Tensor Score(Tensor queries, Tensor keys)
    {
        Expect("queries", W.in_features, queries, nameof(queries));
        var length = keys.size(1);
        if (length > max_length)
        {
            throw new ArgumentException(
                $"LocationScore: the keys {Tensor.Format(keys.shape)} have {length} positions but this score was built for at " +
                $"most {max_length}; create it with a larger maxLength.", nameof(keys));
        }

        return W.call(queries).narrow(2, 0, length); // [B, Tq, max_length] → [B, Tq, Tk]
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"query_dim={W.in_features}, max_length={max_length}";
}
