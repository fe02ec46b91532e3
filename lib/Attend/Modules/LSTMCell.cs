namespace Attend.Modules;

/// <summary>
/// The long short-term memory cell, as PyTorch's <c>nn.LSTMCell</c> (gates stacked i, f, g, o):
/// [i, f, g, o] = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh; c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g); h' = σ(o) ⊙ tanh(c').
/// </summary>
public sealed class LSTMCell : Module<Tensor, (Tensor, Tensor)?, (Tensor, Tensor)>
{
    private readonly CellWeights weights;

    /// <summary>Creates the cell.</summary>
    public LSTMCell(int input_size, int hidden_size, bool bias = true)
        : base(nameof(LSTMCell))
    {
        RecurrentChecks.Sizes(nameof(LSTMCell), input_size, hidden_size);
        this.input_size = input_size;
        this.hidden_size = hidden_size;
        weights = CellWeights.Create(this, "", 4, input_size, hidden_size, bias);
    }

    /// <summary>The size of each input.</summary>
    public int input_size { get; }

    /// <summary>The size of the hidden and cell states.</summary>
    public int hidden_size { get; }

    /// <summary>W_ih = [W_ii; W_if; W_ig; W_io], [4H, input_size].</summary>
    public Parameter weight_ih => weights.weight_ih;

    /// <summary>W_hh = [W_hi; W_hf; W_hg; W_ho], [4H, H].</summary>
    public Parameter weight_hh => weights.weight_hh;

    /// <summary>b_ih [4H], or null.</summary>
    public Parameter? bias_ih => weights.bias_ih;

    /// <summary>b_hh [4H], or null.</summary>
    public Parameter? bias_hh => weights.bias_hh;

    /// <summary>
    /// One step: x [B, input_size] and (h, c), each [B, H] (zeros when null) → (h', c'). Unbatched [input_size] works too.
    /// </summary>
    public override (Tensor, Tensor) forward(Tensor input, (Tensor, Tensor)? hx = null)
    {
        var (x, unbatched) = CellInput.Batch(nameof(LSTMCell), input, input_size);
        var h = CellInput.State(nameof(LSTMCell), "h", hx?.Item1, unbatched, x.size(0), hidden_size, x);
        var c = CellInput.State(nameof(LSTMCell), "c", hx?.Item2, unbatched, x.size(0), hidden_size, x);
        var (h1, c1) = FusedStep(weights.InputGates(x), weights.HiddenGates(h), c);
        return unbatched ? (h1.squeeze(0), c1.squeeze(0)) : (h1, c1);
    }

    /// <summary>One step from zero states.</summary>
    public (Tensor, Tensor) call(Tensor input) => forward(input, null);

    /// <summary>The LSTM update given gi = x·W_ihᵀ + b_ih and gh = h·W_hhᵀ + b_hh (both [B, 4H]) and the cell state c.</summary>
    internal static (Tensor H, Tensor C) Step(Tensor gi, Tensor gh, Tensor c)
    {
        var gates = gi.add(gh).chunk(4, 1);
        var input = gates[0].sigmoid();  // how much of the candidate to write
        var forget = gates[1].sigmoid(); // how much of the old memory to keep
        var candidate = gates[2].tanh();
        var output = gates[3].sigmoid(); // how much of the memory to show
        var next = forget.mul(c).add(input.mul(candidate));
        return (output.mul(next.tanh()), next);
    }

    /// <summary>
    /// <see cref="Step"/> as one kernel and one autograd node (<see cref="Backends.IBackend.LstmCell"/>): the same
    /// values up to rounding, checked against <see cref="Step"/> and gradchecked in the tests. Chapter 5, §5.4: the
    /// NTM's controller runs one LSTM step per time step at batch 1, where the composed form's dozen small ops cost
    /// more in dispatch than in arithmetic.
    /// </summary>
    internal static (Tensor H, Tensor C) FusedStep(Tensor gi, Tensor gh, Tensor c)
    {
        Tensor.SameDevice(nameof(LSTMCell), gi, gh);
        Tensor.SameDevice(nameof(LSTMCell), gi, c);
        int batch = c.size(0), hidden = c.size(1);
        if (gi.dims.Length != 2 || !gi.ShapeEquals(gh) || gi.size(0) != batch || gi.size(1) != 4 * hidden)
        {
            throw new ArgumentException(
                $"LSTMCell: expects gate pre-activations gi and gh [B, 4H] and c [B, H], got gi {Tensor.Format(gi.dims)}, " +
                $"gh {Tensor.Format(gh.dims)} and c {Tensor.Format(c.dims)}.",
                nameof(gi));
        }

        var backend = gi.Backend;
        var gates = gi.NewLike(gi.dims, zero: false);
        var hc = gi.NewLike([batch, 2 * hidden], zero: false);
        backend.LstmCell(gi.storage, gh.storage, c.storage, batch, hidden, gates.storage, hc.storage);
        hc = Tensor.Record(hc, "lstm_cell", [gi, gh, c], g =>
        {
            var gPre = gi.NewLike(gi.dims, zero: false);
            var gc = c.NewLike(c.dims, zero: false);
            backend.LstmCellBackward(gates.storage, c.storage, hc.storage, g.storage, batch, hidden, gPre.storage, gc.storage);
            return [gPre, gPre, gc];    // gi and gh enter as a sum: the same gradient for both
        });
        return (hc.narrow(1, 0, hidden), hc.narrow(1, hidden, hidden));
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{input_size}, {hidden_size}" + (bias_ih is null ? ", bias=False" : "");
}
