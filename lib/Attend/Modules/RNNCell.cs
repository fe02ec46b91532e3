namespace Attend.Modules;

/// <summary>
/// The simple (Elman) recurrent cell, as PyTorch's <c>nn.RNNCell</c>: h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh),
/// act = tanh (or relu).
/// </summary>
public sealed class RNNCell : Module<Tensor, Tensor?, Tensor>
{
    private readonly CellWeights weights;

    /// <summary>Creates the cell; <paramref name="nonlinearity"/> is "tanh" or "relu".</summary>
    public RNNCell(int input_size, int hidden_size, bool bias = true, string nonlinearity = "tanh")
        : base(nameof(RNNCell))
    {
        RecurrentChecks.Sizes(nameof(RNNCell), input_size, hidden_size);
        this.nonlinearity = RecurrentChecks.Nonlinearity(nameof(RNNCell), nonlinearity);
        this.input_size = input_size;
        this.hidden_size = hidden_size;
        weights = CellWeights.Create(this, "", 1, input_size, hidden_size, bias);
    }

    /// <summary>The size of each input.</summary>
    public int input_size { get; }

    /// <summary>The size of the hidden state.</summary>
    public int hidden_size { get; }

    /// <summary>"tanh" or "relu".</summary>
    public string nonlinearity { get; }

    /// <summary>W_ih [H, input_size].</summary>
    public Parameter weight_ih => weights.weight_ih;

    /// <summary>W_hh [H, H].</summary>
    public Parameter weight_hh => weights.weight_hh;

    /// <summary>b_ih [H], or null.</summary>
    public Parameter? bias_ih => weights.bias_ih;

    /// <summary>b_hh [H], or null.</summary>
    public Parameter? bias_hh => weights.bias_hh;

    /// <summary>One step: x [B, input_size] and h [B, H] (zeros when null) → h' [B, H]. Unbatched [input_size] works too.</summary>
    public override Tensor forward(Tensor input, Tensor? hx = null)
    {
        var (x, unbatched) = CellInput.Batch(nameof(RNNCell), input, input_size);
        var h = CellInput.State(nameof(RNNCell), "hx", hx, unbatched, x.size(0), hidden_size, x);
        var next = Step(weights.InputGates(x), weights.HiddenGates(h), nonlinearity);
        return unbatched ? next.squeeze(0) : next;
    }

    /// <summary>One step from a zero state.</summary>
    public Tensor call(Tensor input) => forward(input, null);

    /// <summary>h' = act(gi + gh), given the input part gi and the hidden part gh of the pre-activation.</summary>
    internal static Tensor Step(Tensor gi, Tensor gh, string nonlinearity)
    {
        var preactivation = gi.add(gh);
        return nonlinearity == "relu" ? preactivation.relu() : preactivation.tanh();
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{input_size}, {hidden_size}" + (bias_ih is null ? ", bias=False" : "") + (nonlinearity == "tanh" ? "" : $", nonlinearity={nonlinearity}");
}
