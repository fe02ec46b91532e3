using Attend.Modules;

namespace Attend.Attention;

/// <summary>
/// The additive (concat) score of Bahdanau et al. 2014: score(q, k) = vᵀ tanh(W q + U k), a one-hidden-layer network
/// over the pair. Luong's "concat" score vᵀ tanh(W[q; k]) is the same thing, since W[q; k] = W_q q + W_k k.
/// </summary>
/// <remarks>
/// v starts at zero, as in the paper: every score is then 0, so attention starts uniform and learns where to look.
/// (W and U receive no gradient until v moves away from zero, which the first step does.) There are no biases, as
/// in the paper: a bias inside the tanh can be absorbed by U's input, and one outside would shift all scores of a
/// query equally, which softmax ignores. Taught in Chapter 2: attention as soft lookup
/// (notebooks/02-attention-as-soft-lookup.ipynb).
/// </remarks>
public sealed class AdditiveScore : AttentionScore
{
    /// <summary>Creates the score; <paramref name="attentionDim"/> is the size of the hidden layer (the paper's n').</summary>
    public AdditiveScore(int queryDim, int keyDim, int attentionDim)
        : base(nameof(AdditiveScore))
    {
        W = new Linear(queryDim, attentionDim, bias: false);
        U = new Linear(keyDim, attentionDim, bias: false);
        v = new Parameter(torch.zeros(attentionDim));
        RegisterComponents();
    }

    /// <summary>The map of the query, W [A, dq].</summary>
    public Linear W { get; }

    /// <summary>The map of the key, U [A, dk].</summary>
    public Linear U { get; }

    /// <summary>The output vector v [A], zero at the start.</summary>
    public Parameter v { get; }

    /// <inheritdoc/>
    protected override Tensor Score(Tensor queries, Tensor keys)
    {
        Expect("queries", W.in_features, queries, nameof(queries));
        Expect("keys", U.in_features, keys, nameof(keys));
        var wq = W.call(queries).unsqueeze(2); // [B, Tq, 1, A]
        var uk = U.call(keys).unsqueeze(1);    // [B, 1, Tk, A]
        return wq.add(uk).tanh().matmul(v);    // [B, Tq, Tk, A]·[A] = [B, Tq, Tk]
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"query_dim={W.in_features}, key_dim={U.in_features}, attention_dim={v.size(0)}";
}
