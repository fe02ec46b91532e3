using Attend.Modules;

namespace Attend.Attention;

/// <summary>
/// The general (bilinear) score score(q, k) = qᵀ W k (Luong et al. 2015, "general"), with a learned W [dq, dk]: the
/// query and key may have different sizes, and W learns which of their directions should match.
/// </summary>
/// <remarks>
/// W k is computed once for all keys (a <see cref="Linear"/> map dk → dq without bias, whose weight is W), then every
/// query is dotted with it: qᵀ(W k). Taught in Chapter 2: attention as soft lookup
/// (notebooks/02-attention-as-soft-lookup.ipynb).
/// </remarks>
public sealed class GeneralScore : AttentionScore
{
    /// <summary>Creates the score for queries of size <paramref name="queryDim"/> and keys of size <paramref name="keyDim"/>.</summary>
    public GeneralScore(int queryDim, int keyDim)
        : base(nameof(GeneralScore))
    {
        W = new Linear(keyDim, queryDim, bias: false);
        RegisterComponents();
    }

    /// <summary>The map k ↦ W k; its weight [dq, dk] is the W of qᵀ W k.</summary>
    public Linear W { get; }

    /// <inheritdoc/>
    protected override Tensor Score(Tensor queries, Tensor keys)
    {
        Expect("queries", W.out_features, queries, nameof(queries));
        Expect("keys", W.in_features, keys, nameof(keys));
        return queries.matmul(W.call(keys).transpose(1, 2)); // [B, Tq, dq]·[B, dq, Tk]
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"query_dim={W.out_features}, key_dim={W.in_features}";
}
