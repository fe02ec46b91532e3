using Attend.Modules;

namespace Attend.Dmn;

/// <summary>
/// The episodic memory of DMN+ (§3.3): T passes over the facts. Pass t gates the facts with the
/// <see cref="AttentionGate"/> of the question and the previous memory, summarizes them with the
/// <see cref="AttentionGru"/> into a context c_t, and updates the memory with an untied ReLU layer,
/// m_t = ReLU(W_t [m_{t−1}; c_t; q] + b_t), starting from m_0 = q. The gate and the attention GRU are shared by the
/// passes; the update weights are not (untied). Every pass's gates are returned.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.3.</remarks>
public sealed class EpisodicMemory : Module
{
    private readonly AttentionGate gate;
    private readonly AttentionGru gru;
    private readonly ModuleList<Linear> updates;

    /// <summary>An episodic memory of <paramref name="passes"/> passes over facts of size <paramref name="dim"/>.</summary>
    public EpisodicMemory(int dim, int passes)
        : base(nameof(EpisodicMemory))
    {
        if (dim < 1 || passes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(passes), $"EpisodicMemory: dim ({dim}) and passes ({passes}) must be positive.");
        }

        gate = new AttentionGate(dim);
        gru = new AttentionGru(dim);
        updates = new ModuleList<Linear>([.. Enumerable.Range(0, passes).Select(_ => new Linear(3 * dim, dim))]);
        RegisterComponents();
    }

    /// <summary>The number of passes T.</summary>
    public int passes => updates.Count;

    /// <summary>One pass: the gates g [B, M], the context c and the new memory m_t [B, d].</summary>
    public (Tensor Gates, Tensor Context, Tensor Memory) Pass(int t, Tensor facts, Tensor q, Tensor m, Tensor mask)
    {
        if (t < 0 || t >= passes)
        {
            throw new ArgumentOutOfRangeException(nameof(t), $"EpisodicMemory.Pass: pass {t} is outside 0–{passes - 1}.");
        }

        var g = gate.forward(facts, q, m, mask);
        var c = gru.forward(facts, g);
        var next = updates[t].call(torch.cat([m, c, q], 1)).relu();
        return (g, c, next);
    }

    /// <summary>All passes from m_0 = q: the final memory [B, d] and each pass's gates [B, M].</summary>
    public (Tensor Memory, IReadOnlyList<Tensor> Gates) forward(Tensor facts, Tensor q, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(q);
        var m = q;
        var gates = new List<Tensor>(passes);
        for (var t = 0; t < passes; t++)
        {
            var (g, _, next) = Pass(t, facts, q, m, mask);
            gates.Add(g);
            m = next;
        }

        return (m, gates);
    }
}
