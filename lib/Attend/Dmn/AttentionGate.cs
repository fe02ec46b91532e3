using Attend.Modules;
namespace Attend.Dmn;

/// <summary>
/// DMN+'s attention gate (Xiong et al. 2016, §3.3): how much fact f_i matters to question q given the memory
/// m^{t−1} so far. The interactions
/// <code>
/// z_i = [f_i ∘ q ; f_i ∘ m ; |f_i − q| ; |f_i − m|]                 (4d)
/// Z_i = W⁽²⁾ tanh(W⁽¹⁾ z_i + b⁽¹⁾) + b⁽²⁾                             (a scalar)
/// g_i = softmax_i(Z_i)                                              (over the story's facts)
/// </code>
/// are scored by a two-layer tanh network and normalised over the facts; padding facts get no weight.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.3.</remarks>
public sealed class AttentionGate : Module
{
    /// <summary>W⁽¹⁾ [hidden, 4d].</summary>
    public Parameter weight1 { get; }

    /// <summary>b⁽¹⁾ [hidden].</summary>
    public Parameter bias1 { get; }

    /// <summary>W⁽²⁾ [1, hidden].</summary>
    public Parameter weight2 { get; }

    /// <summary>b⁽²⁾ [1] (it shifts every score alike, so the softmax ignores it; kept to match the paper).</summary>
    public Parameter bias2 { get; }

    /// <summary>A gate for facts of size <paramref name="dim"/> with a tanh layer of <paramref name="hidden"/> units (d in the paper).</summary>
    public AttentionGate(int dim, int hidden, Device? device = null, Generator? generator = null)
        : base(nameof(AttentionGate))
    {
        DmnInit.Positive(nameof(AttentionGate), nameof(dim), dim);
        DmnInit.Positive(nameof(AttentionGate), nameof(hidden), hidden);
        weight1 = DmnInit.Xavier(hidden, 4 * dim, device, generator);
        bias1 = DmnInit.Zeros(hidden, device);
        weight2 = DmnInit.Xavier(1, hidden, device, generator);
        bias2 = DmnInit.Zeros(1, device);
        register_parameter("weight1", weight1);
        register_parameter("bias1", bias1);
        register_parameter("weight2", weight2);
        register_parameter("bias2", bias2);
    }

    /// <summary>
    /// The gates g [B, M] for <paramref name="facts"/> [B, M, d], question <paramref name="q"/> [B, d], memory
    /// <paramref name="m"/> [B, d] and <paramref name="mask"/> [B, M] (1 = a real fact; every row needs one).
    /// </summary>
    public Tensor forward(Tensor facts, Tensor q, Tensor m, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(mask);
        var d = weight1.size(1) / 4;
        if (facts.dim() != 3 || facts.size(2) != d)
        {
            throw new ArgumentException($"AttentionGate: facts must be [B, M, {d}], got {Tensor.Format(facts.dims)}.", nameof(facts));
        }

        int b = facts.size(0), slots = facts.size(1);
        if (q.dim() != 2 || q.size(0) != b || q.size(1) != d)
        {
            throw new ArgumentException($"AttentionGate: q must be [B, d] = {Tensor.Format([b, d])}, got {Tensor.Format(q.dims)}.", nameof(q));
        }

        if (m.dim() != 2 || m.size(0) != b || m.size(1) != d)
        {
            throw new ArgumentException($"AttentionGate: m must be [B, d] = {Tensor.Format([b, d])}, got {Tensor.Format(m.dims)}.", nameof(m));
        }

        if (mask.dim() != 2 || mask.size(0) != b || mask.size(1) != slots)
        {
            throw new ArgumentException($"AttentionGate: mask must be [B, M] = {Tensor.Format([b, slots])}, got {Tensor.Format(mask.dims)}.", nameof(mask));
        }

        var qe = q.unsqueeze(1).expand(b, slots, d);
        var me = m.unsqueeze(1).expand(b, slots, d);
        var z = torch.cat([facts.mul(qe), facts.mul(me), facts.sub(qe).abs(), facts.sub(me).abs()], 2); // [B, M, 4d]
        var hidden = torch.nn.functional.linear(z, weight1, bias1).tanh();
        var scores = torch.nn.functional.linear(hidden, weight2, bias2).squeeze(2);                       // Z: [B, M]
        return scores.masked_fill(mask.eq(0), -1e9f).softmax(1);
    }
}
