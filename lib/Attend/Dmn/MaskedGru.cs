using Attend.Modules;

namespace Attend.Dmn;

/// <summary>
/// A GRU run over a padded sequence, used by DMN+'s question module (over words) and input fusion layer (over
/// facts, in both directions). The state moves only at real positions: h_t = h_{t−1} + mask_t (GRU(x_t, h_{t−1}) − h_{t−1}),
/// so a question's state after its last word is its encoding, and the backward direction of the fusion layer starts
/// from zero at each story's last real fact rather than at the padding after it. The inputs' share of every gate is
/// computed for all positions in one product before the loop (the recurrence needs only the hidden share per step).
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.2.</remarks>
public sealed class MaskedGru : Module
{
    private readonly Parameter weightIh;
    private readonly Parameter weightHh;
    private readonly Parameter biasIh;
    private readonly Parameter biasHh;

    /// <summary>A GRU from <paramref name="input_size"/> to <paramref name="hidden_size"/>, weights Xavier-uniform from <paramref name="generator"/>.</summary>
    public MaskedGru(int input_size, int hidden_size, Device? device = null, Generator? generator = null)
        : base(nameof(MaskedGru))
    {
        DmnInit.Positive(nameof(MaskedGru), nameof(input_size), input_size);
        DmnInit.Positive(nameof(MaskedGru), nameof(hidden_size), hidden_size);
        this.input_size = input_size;
        this.hidden_size = hidden_size;
        weightIh = DmnInit.Xavier(3 * hidden_size, input_size, device, generator);
        weightHh = DmnInit.Xavier(3 * hidden_size, hidden_size, device, generator);
        biasIh = DmnInit.Zeros(3 * hidden_size, device);
        biasHh = DmnInit.Zeros(3 * hidden_size, device);
        register_parameter("weight_ih", weightIh);
        register_parameter("weight_hh", weightHh);
        register_parameter("bias_ih", biasIh);
        register_parameter("bias_hh", biasHh);
    }

    /// <summary>The input size.</summary>
    public int input_size { get; }

    /// <summary>The hidden size.</summary>
    public int hidden_size { get; }

    /// <summary>
    /// Runs over <paramref name="input"/> [B, T, input_size] with <paramref name="mask"/> [B, T] (1 = real), forward
    /// in time or, with <paramref name="reverse"/>, backward. Returns every state [B, T, H] (aligned with the
    /// input) and the last state [B, H].
    /// </summary>
    public (Tensor States, Tensor Last) Run(Tensor input, Tensor mask, bool reverse = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mask);
        if (input.dim() != 3 || input.size(2) != input_size)
        {
            throw new ArgumentException($"MaskedGru: input must be [B, T, {input_size}], got {Tensor.Format(input.dims)}.", nameof(input));
        }

        if (mask.dim() != 2 || mask.size(0) != input.size(0) || mask.size(1) != input.size(1))
        {
            throw new ArgumentException(
                $"MaskedGru: mask must be [B, T] = {Tensor.Format([input.size(0), input.size(1)])}, got {Tensor.Format(mask.dims)}.", nameof(mask));
        }

        int b = input.size(0), steps = input.size(1);
        // [B, T, 3H]: the input's share, all steps at once, cut into steps by unbind, whose backward fills one shared
        // buffer (a select per step would give each step a full-size zero gradient: O(T²) backward).
        var gates = torch.nn.functional.linear(input, weightIh, biasIh).unbind(1);
        var masks = mask.unbind(1);
        var h = torch.zeros([b, hidden_size], device: input.device);
        var hiddenSide = new SequenceLinear(weightHh, biasHh); // W_hh's gradient in one product over the sequence
        var states = new Tensor[steps];
        for (var s = 0; s < steps; s++)
        {
            var t = reverse ? steps - 1 - s : s;
            var next = GRUCell.Step(gates[t], hiddenSide.Step(h), h);
            h = h.add(next.sub(h).mul(masks[t].unsqueeze(1)));
            states[t] = h;
        }

        return (torch.stack(states, 1), h);
    }
}
