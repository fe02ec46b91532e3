using Attend.Modules;
namespace Attend.Dmn;

/// <summary>
/// DMN+'s episodic memory (Xiong et al. 2016, §3.3): T passes over the facts. Pass t scores the facts with the
/// attention gate given q and m^{t−1}, runs the attention GRU to a context c^t, and updates the memory with an
/// untied ReLU layer, one per pass:
/// <code>
/// m⁰ = q,   g^t = gate(F, q, m^{t−1}),   c^t = AttnGRU(F, g^t),   m^t = ReLU(W^t [m^{t−1}; c^t; q] + b^t)
/// </code>
/// The gate and the attention GRU are shared by the passes. Every pass's gates are returned.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.3.</remarks>
public sealed class EpisodicMemory : Module
{
    private readonly Parameter[] updateWeights;
    private readonly Parameter[] updateBiases;

    /// <summary>The attention gate.</summary>
    public AttentionGate gate { get; }

    /// <summary>The attention-based GRU.</summary>
    public AttentionGru attention_gru { get; }

    /// <summary>Memory of size <paramref name="dim"/> over <paramref name="passes"/> passes.</summary>
    public EpisodicMemory(int dim, int passes, Device? device = null, Generator? generator = null)
        : base(nameof(EpisodicMemory))
    {
        DmnInit.Positive(nameof(EpisodicMemory), nameof(dim), dim);
        DmnInit.Positive(nameof(EpisodicMemory), nameof(passes), passes);
        gate = new AttentionGate(dim, dim, device, generator);
        attention_gru = new AttentionGru(dim, dim, device, generator);
        register_module("gate", gate);
        register_module("attention_gru", attention_gru);
        updateWeights = [.. Enumerable.Range(0, passes).Select(_ => DmnInit.Xavier(dim, 3 * dim, device, generator))];
        updateBiases = [.. Enumerable.Range(0, passes).Select(_ => DmnInit.Zeros(dim, device))];
        for (var t = 0; t < passes; t++)
        {
            register_parameter($"update{t}_weight", updateWeights[t]);
            register_parameter($"update{t}_bias", updateBiases[t]);
        }
    }

    /// <summary>The number of passes T.</summary>
    public int passes => updateWeights.Length;

    /// <summary>The untied update of pass <paramref name="t"/> (from 0): m^t = ReLU(W^t [m^{t−1}; c^t; q] + b^t).</summary>
    public Tensor Update(int t, Tensor previous, Tensor context, Tensor q) =>
        torch.nn.functional.linear(torch.cat([previous, context, q], 1), updateWeights[t], updateBiases[t]).relu();

    /// <summary>
    /// The final memory m^T [B, d] and the gates of every pass (T tensors [B, M]) for <paramref name="facts"/>
    /// [B, M, d], <paramref name="q"/> [B, d] and <paramref name="mask"/> [B, M].
    /// </summary>
    public (Tensor Memory, IReadOnlyList<Tensor> Attention) forward(Tensor facts, Tensor q, Tensor mask)
    {
        var m = q;
        var attention = new List<Tensor>(passes);
        for (var t = 0; t < passes; t++)
        {
            var g = gate.forward(facts, q, m, mask);
            attention.Add(g);
            m = Update(t, m, attention_gru.forward(facts, g), q);
        }

        return (m, attention);
    }
}
