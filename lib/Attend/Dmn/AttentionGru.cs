using Attend.Modules;

namespace Attend.Dmn;

/// <summary>
/// The attention-based GRU of DMN+ (§3.3): a GRU whose update gate is replaced by the attention gate g_i, so the
/// gate comes from the question and memory rather than from the fact alone:
/// <code>
/// r_i = σ(W_r f_i + U_r h_{i−1} + b_r)
/// h̃_i = tanh(W f_i + r_i ∘ (U h_{i−1}) + b)
/// h_i = g_i ∘ h̃_i + (1 − g_i) ∘ h_{i−1}
/// </code>
/// A fact with g_i = 0 (padding, or ignored) leaves the state untouched; the final state is the episode's context c.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.3.</remarks>
public sealed class AttentionGru : Module
{
    private readonly Linear inputReset;   // W_r, b_r
    private readonly Linear stateReset;   // U_r
    private readonly Linear inputNew;     // W, b
    private readonly Linear stateNew;     // U

    /// <summary>An attention GRU over facts of size <paramref name="dim"/> with a state of the same size.</summary>
    public AttentionGru(int dim)
        : base(nameof(AttentionGru))
    {
        if (dim < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), $"AttentionGru: dim must be positive, got {dim}.");
        }

        inputReset = new Linear(dim, dim);
        stateReset = new Linear(dim, dim, bias: false);
        inputNew = new Linear(dim, dim);
        stateNew = new Linear(dim, dim, bias: false);
        RegisterComponents();
    }

    /// <summary>One step: fact f [B, d], gate g [B], state h [B, d] → the next state [B, d].</summary>
    public Tensor Step(Tensor fact, Tensor gate, Tensor h)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(h);
        var r = inputReset.call(fact).add(stateReset.call(h)).sigmoid();
        var candidate = inputNew.call(fact).add(r.mul(stateNew.call(h))).tanh();
        var g = gate.unsqueeze(1);
        return g.mul(candidate).add(g.rsub(1f).mul(h));
    }

    /// <summary>Runs over facts [B, M, d] with gates [B, M] from a zero state; returns the final state c [B, d].</summary>
    public Tensor forward(Tensor facts, Tensor gates)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(gates);
        if (facts.dim() != 3 || gates.dim() != 2 || gates.size(0) != facts.size(0) || gates.size(1) != facts.size(1))
        {
            throw new ArgumentException(
                $"AttentionGru: facts must be [B, M, d] and gates [B, M], got {Tensor.Format(facts.dims)} and {Tensor.Format(gates.dims)}.",
                nameof(gates));
        }

        var h = torch.zeros([facts.size(0), facts.size(2)], facts.device);
        for (var i = 0; i < facts.size(1); i++)
        {
            h = Step(facts.select(1, i), gates.select(1, i), h);
        }

        return h;
    }
}
