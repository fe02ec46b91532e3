using Attend.Modules;

namespace Attend.Dmn;

/// <summary>
/// The attention gate of DMN+ (Xiong, Merity, Socher 2016, §3.3): how much fact f_i matters for the question q
/// given the memory m so far. Interactions of the fact with both,
/// z_i = [f_i ∘ q; f_i ∘ m; |f_i − q|; |f_i − m|] (4d), go through a two-layer net,
/// Z_i = W⁽²⁾ tanh(W⁽¹⁾ z_i + b⁽¹⁾) + b⁽²⁾, and a softmax over the facts gives the gates g_i (padding facts get 0).
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.3.</remarks>
public sealed class AttentionGate : Module
{
    private readonly Linear hidden;
    private readonly Linear score;

    /// <summary>A gate for facts, questions and memories of size <paramref name="dim"/>.</summary>
    public AttentionGate(int dim)
        : base(nameof(AttentionGate))
    {
        if (dim < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), $"AttentionGate: dim must be positive, got {dim}.");
        }

        hidden = new Linear(4 * dim, dim);
        score = new Linear(dim, 1);
        RegisterComponents();
    }

    /// <summary>The interaction features z [B, M, 4d] of facts [B, M, d] with q and m [B, d].</summary>
    public static Tensor Features(Tensor facts, Tensor q, Tensor m)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(m);
        if (facts.dim() != 3 || q.dim() != 2 || !q.ShapeEquals(m) || q.size(0) != facts.size(0) || q.size(1) != facts.size(2))
        {
            throw new ArgumentException(
                $"AttentionGate: facts must be [B, M, d] and q, m [B, d], got {Tensor.Format(facts.dims)}, {Tensor.Format(q.dims)}, " +
                $"{Tensor.Format(m.dims)}.", nameof(facts));
        }

        var (q3, m3) = (q.unsqueeze(1), m.unsqueeze(1));
        return torch.cat([facts.mul(q3), facts.mul(m3), facts.sub(q3).abs(), facts.sub(m3).abs()], 2);
    }

    /// <summary>The gates g [B, M] of facts [B, M, d] for q and m [B, d]; <paramref name="mask"/> [B, M] marks real facts.</summary>
    public Tensor forward(Tensor facts, Tensor q, Tensor m, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var z = Features(facts, q, m);
        if (mask.dim() != 2 || mask.size(0) != facts.size(0) || mask.size(1) != facts.size(1))
        {
            throw new ArgumentException($"AttentionGate: mask must be [B, M] = [{facts.size(0)}, {facts.size(1)}], got {Tensor.Format(mask.dims)}.",
                nameof(mask));
        }

        var scores = score.call(hidden.call(z).tanh()).squeeze(2);            // Z_i [B, M]
        return scores.masked_fill(mask.eq(0), -1e9f).softmax(1);
    }
}
