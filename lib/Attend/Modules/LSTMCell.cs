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
        var (h1, c1) = Step(weights.InputGates(x), weights.HiddenGates(h), c);
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

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{input_size}, {hidden_size}" + (bias_ih is null ? ", bias=False" : "");
}
