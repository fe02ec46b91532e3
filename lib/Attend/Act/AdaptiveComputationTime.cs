using Attend.Modules;

namespace Attend.Act;

/// <summary>
/// Adaptive computation time (Graves, 2016) around one of the library's recurrent cells: at every input step the
/// cell runs a variable number of "ponder" steps on the same input, and a halting unit decides when to stop.
/// <code>
/// var act = new AdaptiveComputationTime(new RNNCell(64 + 1, 128), output_size: 1);   // + 1: the first-step flag
/// var result = act.call(x);                                                          // x [B, 64] or [B, T, 64]
/// var loss = F.binary_cross_entropy_with_logits(result.Output.squeeze(1), y)
///                .add(PonderCost.Penalty(result.Ponder, tau: 0.01));
/// </code>
/// <para>
/// Input step t, ponder step n = 1, 2, …: sⁿ = cell([x_t, 𝟙(n = 1)], sⁿ⁻¹) with s⁰ the previous step's state; the
/// flag bit tells the cell that a new input has arrived. The <see cref="HaltingUnit"/> reads hⁿ = σ(W_h sⁿ + b_h),
/// and <see cref="HaltingDistribution"/> turns these into weights pⁿ (hⁿ, then the remainder R at the step N where
/// they add up to 1 − ε, or at <see cref="max_steps"/>). The state passed on and the output are the mean-field
/// averages s_t = Σₙ pⁿ sⁿ (for an LSTM: both h and c) and y_t = Σₙ pⁿ yⁿ. The output layer is linear and the
/// weights sum to one, so y_t = W_y s_t + b_y: one output per input step is computed, not one per ponder step.
/// </para>
/// <para>
/// Examples of a batch halt at different steps. The batch keeps stepping while any example ponders; an example that
/// has halted gets weight 0 from then on (a mask, no per-example branching), so it no longer changes its state,
/// its output or its gradient.
/// </para>
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.1–8.2 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed class AdaptiveComputationTime : Module<Tensor, ActState?, ActOutput>
{
    private readonly RecurrentCore core;
    private readonly HaltingUnit halting;
    private readonly Linear? output;

    /// <summary>
    /// Wraps <paramref name="cell"/> (an <see cref="RNNCell"/>, <see cref="GRUCell"/> or <see cref="LSTMCell"/> whose
    /// input_size is the data's size + 1, for the first-step flag). With <paramref name="output_size"/> &gt; 0 a linear
    /// output layer maps the mean-field state to outputs; with 0 the outputs are the mean-field hidden states.
    /// </summary>
    public AdaptiveComputationTime(Module cell, int output_size = 0, double epsilon = 0.01, int max_steps = 100)
        : base(nameof(AdaptiveComputationTime))
    {
        HaltingDistribution.Check(epsilon, max_steps);
        core = RecurrentCore.Wrap(cell);
        if (core.InputSize < 2)
        {
            throw new ArgumentException(
                $"AdaptiveComputationTime: the cell's input_size ({core.InputSize}) must be the data's size + 1 (the first-step flag), so at least 2.",
                nameof(cell));
        }

        if (output_size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(output_size), $"AdaptiveComputationTime: output_size ({output_size}) must be ≥ 0.");
        }

        this.epsilon = epsilon;
        this.max_steps = max_steps;
        this.output_size = output_size;
        halting = new HaltingUnit(core.HiddenSize);
        register_module(nameof(cell), cell);
        register_module(nameof(halting), halting);
        if (output_size > 0)
        {
            output = new Linear(core.HiddenSize, output_size);
            register_module(nameof(output), output);
        }
    }

    /// <summary>The wrapped cell.</summary>
    public Module cell => core.Cell;

    /// <summary>The halting unit.</summary>
    public HaltingUnit halting_unit => halting;

    /// <summary>The size of each input vector (the cell's input_size without the flag bit).</summary>
    public int input_size => core.InputSize - 1;

    /// <summary>H, the cell's hidden size.</summary>
    public int hidden_size => core.HiddenSize;

    /// <summary>The size of each output (0: the outputs are the hidden states).</summary>
    public int output_size { get; }

    /// <summary>ε: pondering stops once the halting probabilities add up to 1 − ε.</summary>
    public double epsilon { get; }

    /// <summary>The most ponder steps per input step (1: a plain recurrent network, no pondering).</summary>
    public int max_steps { get; }

    /// <summary>
    /// Whether a tanh <see cref="RNNCell"/>'s ponder loop runs as the one fused node of <see cref="FusedRnnPonder"/>
    /// (the default) rather than the composed ops of <see cref="Ponder"/>; the tests compare the two.
    /// </summary>
    internal bool UseFused { get; set; } = true;

    /// <summary>
    /// Runs the cell adaptively over <paramref name="input"/>, [B, T, input_size] (or [B, input_size] for one input
    /// step, in which case the outputs are [B, output_size]), from <paramref name="state"/> (zeros when null).
    /// </summary>
    public override ActOutput forward(Tensor input, ActState? state = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dims.Length is not (2 or 3) || input.dims[^1] != input_size)
        {
            throw new ArgumentException(
                $"AdaptiveComputationTime: expected input of shape [B, T, {input_size}] or [B, {input_size}] (the cell's input_size " +
                $"{core.InputSize} is the data's size + 1 for the first-step flag), got {Tensor.Format(input.dims)}.", nameof(input));
        }

        var single = input.dims.Length == 2;
        var x = single ? input.unsqueeze(1) : input;
        var (batch, steps) = (x.size(0), x.size(1));
        var s = State(state, batch, x.device);

        var flag = core.FlagColumn();
        var gates = core.InputGates(x); // [B, T, G·H]: the input's share, the same for every ponder step of a step
        var outputs = new Tensor[steps];
        var ponder = new Tensor[steps];
        var counts = new int[batch, steps];
        var remainders = new float[batch, steps];
        var weights = new float[steps][,];
        for (var t = 0; t < steps; t++)
        {
            (s, ponder[t], weights[t]) = Ponder(gates.select(1, t), flag, s, counts, remainders, t, zeroState: state is null && t == 0);
            outputs[t] = s[0];
        }

        var h = torch.stack(outputs, 1); // [B, T, H]
        var y = output is null ? h : output.call(h);
        var longest = weights.Max(w => w.GetLength(1));
        var halting3 = new float[batch, steps, longest];
        for (var t = 0; t < steps; t++)
        {
            for (var b = 0; b < batch; b++)
            {
                for (var n = 0; n < weights[t].GetLength(1); n++)
                {
                    halting3[b, t, n] = weights[t][b, n];
                }
            }
        }

        return new ActOutput(single ? y.squeeze(1) : y, new ActState(s[0], s.Length > 1 ? s[1] : null), torch.stack(ponder, 1),
                             counts, remainders, halting3);
    }

    /// <summary>Runs the batch from the same input step.</summary>
    public ActOutput call(Tensor input) => forward(input, null);

    /// <summary>
    /// The ponder steps of one input step: gi is the input's share of the gates [B, G·H]. Returns the mean-field
    /// state, ρ = N + R [B] and the weights pⁿ [B, longest N]; fills N and R at column <paramref name="t"/>.
    /// <paramref name="zeroState"/>: s0 is the zero state of a sequence started without one.
    /// </summary>
    private (Tensor[] State, Tensor Ponder, float[,] Weights) Ponder(Tensor gi, Tensor flag, Tensor[] s0, int[,] counts,
                                                                    float[,] remainders, int t, bool zeroState)
    {
        var batch = gi.size(0);
        var device = gi.device;
        var rule = new HaltingDistribution(batch, epsilon, max_steps);
        if (UseFused && core.FusedRnn is var (weightHh, biasHh))
        {
            var packed = FusedRnnPonder.Run(gi, flag, s0[0], weightHh, biasHh, halting.weight, halting.bias, rule, zeroState);
            return ([packed.narrow(1, 0, core.HiddenSize)], packed.select(1, core.HiddenSize).add(Counts(rule, counts, remainders, t, device)),
                    rule.Weights());
        }
        var cumulative = torch.zeros([batch], device); // Σ hⁿ over the steps before, in the graph (R depends on it)
        Tensor? remainder = null;
        var mean = new Tensor[s0.Length];
        var s = s0;
        while (rule.AnyRunning)
        {
            s = core.Step(rule.StepsTaken == 0 ? gi.add(flag) : gi, s);
            var h = halting.call(s[0]);
            var (continues, halts, _) = rule.Step(h.ToArray());
            var goOn = torch.tensor(continues, [batch], device);
            var stop = torch.tensor(halts, [batch], device);
            var last = cumulative.rsub(1f).mul(stop);   // R for those halting now, 0 elsewhere
            var p = h.mul(goOn).add(last);              // pⁿ: hⁿ while going on, R at the last step, 0 after
            remainder = remainder is null ? last : remainder.add(last);
            cumulative = cumulative.add(h.mul(goOn));
            var column = p.unsqueeze(1);
            for (var i = 0; i < s.Length; i++)
            {
                var weighted = s[i].mul(column);
                mean[i] = mean[i] is null ? weighted : mean[i].add(weighted);
            }
        }

        return (mean, remainder!.add(Counts(rule, counts, remainders, t, device)), rule.Weights());
    }

    /// <summary>Copies N and R of input step <paramref name="t"/> into the host arrays; returns N as a tensor [B].</summary>
    private static Tensor Counts(HaltingDistribution rule, int[,] counts, float[,] remainders, int t, Device device)
    {
        var n = new float[rule.Steps.Length];
        for (var b = 0; b < n.Length; b++)
        {
            counts[b, t] = rule.Steps[b];
            remainders[b, t] = rule.Remainders[b];
            n[b] = rule.Steps[b];
        }

        return torch.tensor(n, [n.Length], device);
    }

    private Tensor[] State(ActState? state, int batch, Device device)
    {
        if (state is null)
        {
            return core.Zeros(batch, device);
        }

        var expected = new[] { batch, core.HiddenSize };
        if (!state.h.dims.AsSpan().SequenceEqual(expected) || (core.States == 2) != (state.c is not null) ||
            (state.c is not null && !state.c.dims.AsSpan().SequenceEqual(expected)))
        {
            throw new ArgumentException(
                $"AdaptiveComputationTime: expected a state h{(core.States == 2 ? " and c" : "")} of shape {Tensor.Format(expected)}, got h " +
                $"{Tensor.Format(state.h.dims)}{(state.c is null ? "" : $" and c {Tensor.Format(state.c.dims)}")}.", nameof(state));
        }

        return state.c is null ? [state.h] : [state.h, state.c];
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"epsilon={epsilon}, max_steps={max_steps}";
}
