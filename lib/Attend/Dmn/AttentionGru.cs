using Attend.Modules;
namespace Attend.Dmn;

/// <summary>
/// DMN+'s attention-based GRU (Xiong et al. 2016, §3.3): a GRU whose update gate is replaced by the attention
/// gate g_i, so a fact the gate ignores leaves the state untouched and the order of facts still counts (a soft sum
/// Σ g_i f_i would lose it):
/// <code>
/// r_i = σ(W⁽ʳ⁾ f_i + U⁽ʳ⁾ h_{i−1} + b⁽ʳ⁾)
/// h̃_i = tanh(W f_i + r_i ∘ (U h_{i−1}) + b⁽ʰ⁾)
/// h_i = g_i ∘ h̃_i + (1 − g_i) ∘ h_{i−1}
/// </code>
/// The state after the last fact is the episode's context c^t. Padding facts have g = 0 and change nothing.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.3.</remarks>
public sealed class AttentionGru : Module
{
    /// <summary>[W⁽ʳ⁾; W] [2H, input].</summary>
    public Parameter weight_ih { get; }

    /// <summary>[U⁽ʳ⁾; U] [2H, H].</summary>
    public Parameter weight_hh { get; }

    /// <summary>[b⁽ʳ⁾; b⁽ʰ⁾] on the input side [2H].</summary>
    public Parameter bias_ih { get; }

    /// <summary>The hidden side's bias [2H] (as PyTorch's GRU keeps two).</summary>
    public Parameter bias_hh { get; }

    /// <summary>An attention GRU from facts of <paramref name="input_size"/> to a state of <paramref name="hidden_size"/>.</summary>
    public AttentionGru(int input_size, int hidden_size, Device? device = null, Generator? generator = null)
        : base(nameof(AttentionGru))
    {
        DmnInit.Positive(nameof(AttentionGru), nameof(input_size), input_size);
        DmnInit.Positive(nameof(AttentionGru), nameof(hidden_size), hidden_size);
        weight_ih = DmnInit.Xavier(2 * hidden_size, input_size, device, generator);
        weight_hh = DmnInit.Xavier(2 * hidden_size, hidden_size, device, generator);
        bias_ih = DmnInit.Zeros(2 * hidden_size, device);
        bias_hh = DmnInit.Zeros(2 * hidden_size, device);
        register_parameter("weight_ih", weight_ih);
        register_parameter("weight_hh", weight_hh);
        register_parameter("bias_ih", bias_ih);
        register_parameter("bias_hh", bias_hh);
    }

    /// <summary>
    /// One step: fact <paramref name="f"/> [B, in], state <paramref name="h"/> [B, H], gate <paramref name="g"/> [B] → h' [B, H].
    /// </summary>
    public Tensor Step(Tensor f, Tensor h, Tensor g) =>
        StepFromGates(torch.nn.functional.linear(f, weight_ih, bias_ih), h, g);

    /// <summary>
    /// The context c [B, H] of an episode over <paramref name="facts"/> [B, M, in] with gates
    /// <paramref name="gates"/> [B, M], from a zero state.
    /// </summary>
    public Tensor forward(Tensor facts, Tensor gates)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(gates);
        if (facts.dim() != 3 || facts.size(2) != weight_ih.size(1))
        {
            throw new ArgumentException($"AttentionGru: facts must be [B, M, {weight_ih.size(1)}], got {Tensor.Format(facts.dims)}.", nameof(facts));
        }

        if (gates.dim() != 2 || gates.size(0) != facts.size(0) || gates.size(1) != facts.size(1))
        {
            throw new ArgumentException(
                $"AttentionGru: gates must be [B, M] = {Tensor.Format([facts.size(0), facts.size(1)])}, got {Tensor.Format(gates.dims)}.", nameof(gates));
        }

        // The facts' share of r and h̃, every step at once. unbind (not select per step) so that backward writes
        // each step's gradient into one shared buffer: a select's backward is a zero tensor of the full [B, M, 2H],
        // which made the episode's backward O(M²).
        var inputs = torch.nn.functional.linear(facts, weight_ih, bias_ih).unbind(1);
        var steps = gates.unbind(1);
        var h = torch.zeros([facts.size(0), weight_hh.size(1)], device: facts.device);
        var hidden = new SequenceLinear(weight_hh, bias_hh); // U's gradient in one product over the episode
        for (var i = 0; i < inputs.Length; i++)
        {
            h = FusedStep(inputs[i], hidden.Step(h), h, steps[i]);
        }

        return h;
    }

    private Tensor StepFromGates(Tensor gi, Tensor h, Tensor g) =>
        FusedStep(gi, torch.nn.functional.linear(h, weight_hh, bias_hh), h, g);

    /// <summary>
    /// The step given gi = f·W_ihᵀ + b_ih and gh = h·W_hhᵀ + b_hh (both [B, 2H], r then h̃), h [B, H] and g [B], as
    /// one fused op: one backend kernel forward and one backward (<see cref="Backends.IBackend.AttentionGruGates"/>)
    /// where <see cref="ComposedStep"/> makes about ten tensors forward and twenty backward per fact. The tests
    /// check that both give the same values and gradients.
    /// </summary>
    internal static Tensor FusedStep(Tensor gi, Tensor gh, Tensor h, Tensor g)
    {
        Tensor.SameDevice("AttentionGru", gi, gh);
        Tensor.SameDevice("AttentionGru", gi, h);
        Tensor.SameDevice("AttentionGru", gi, g);
        if (h.ndim != 2)
        {
            throw new ArgumentException($"AttentionGru: the state must be [B, H], got {Tensor.Format(h.shape)}.", nameof(h));
        }

        int batch = h.size(0), hidden = h.size(1);
        if (gi.ndim != 2 || gh.ndim != 2 || gi.size(0) != batch || gh.size(0) != batch || gi.size(1) != 2 * hidden || gh.size(1) != 2 * hidden)
        {
            throw new ArgumentException(
                $"AttentionGru: the gates must be [B, 2H] = [{batch}, {2 * hidden}] for the state [B, H] = {Tensor.Format(h.shape)}; " +
                $"got gi {Tensor.Format(gi.shape)} and gh {Tensor.Format(gh.shape)}.", nameof(gi));
        }

        if (g.ndim != 1 || g.size(0) != batch)
        {
            throw new ArgumentException($"AttentionGru: the attention gate must be [B] = [{batch}], got {Tensor.Format(g.shape)}.", nameof(g));
        }

        var result = h.NewLike([batch, hidden], zero: false);
        var backend = h.Backend;
        backend.AttentionGruGates(gi.storage, gh.storage, h.storage, g.storage, batch, hidden, result.storage);
        return Tensor.Record(result, "attention_gru_gates", [gi, gh, h, g], up =>
        {
            var ggi = gi.NewLike(gi.dims, zero: false);
            var ggh = gh.NewLike(gh.dims, zero: false);
            var gh0 = h.NewLike(h.dims, zero: false);
            var gg = g.NewLike(g.dims, zero: false);
            backend.AttentionGruGatesBackward(gi.storage, gh.storage, h.storage, g.storage, up.storage, batch, hidden,
                                              ggi.storage, ggh.storage, gh0.storage, gg.storage);
            return [ggi, ggh, gh0, gg];
        });
    }

    /// <summary>The same step as <see cref="FusedStep"/>, composed from elementwise ops as §7.3 writes it.</summary>
    internal static Tensor ComposedStep(Tensor gi, Tensor gh, Tensor h, Tensor g)
    {
        var i = gi.chunk(2, 1);
        var u = gh.chunk(2, 1);
        var r = i[0].add(u[0]).sigmoid();
        var candidate = i[1].add(r.mul(u[1])).tanh();
        return h.add(candidate.sub(h).mul(g.unsqueeze(1))); // g h̃ + (1 − g) h
    }
}
