namespace Attend.Modules;

/// <summary>
/// The gated recurrent unit cell, as PyTorch's <c>nn.GRUCell</c> (gates stacked r, z, n):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
public sealed class GRUCell : Module<Tensor, Tensor?, Tensor>
{
    private readonly CellWeights weights;

    /// <summary>Creates the cell.</summary>
    public GRUCell(int input_size, int hidden_size, bool bias = true)
        : base(nameof(GRUCell))
    {
        RecurrentChecks.Sizes(nameof(GRUCell), input_size, hidden_size);
        this.input_size = input_size;
        this.hidden_size = hidden_size;
        weights = CellWeights.Create(this, "", 3, input_size, hidden_size, bias);
    }

    /// <summary>The size of each input.</summary>
    public int input_size { get; }

    /// <summary>The size of the hidden state.</summary>
    public int hidden_size { get; }

    /// <summary>W_ih = [W_ir; W_iz; W_in], [3H, input_size].</summary>
    public Parameter weight_ih => weights.weight_ih;

    /// <summary>W_hh = [W_hr; W_hz; W_hn], [3H, H].</summary>
    public Parameter weight_hh => weights.weight_hh;

    /// <summary>b_ih [3H], or null.</summary>
    public Parameter? bias_ih => weights.bias_ih;

    /// <summary>b_hh [3H], or null.</summary>
    public Parameter? bias_hh => weights.bias_hh;

    /// <summary>One step: x [B, input_size] and h [B, H] (zeros when null) → h' [B, H]. Unbatched [input_size] works too.</summary>
    public override Tensor forward(Tensor input, Tensor? hx = null)
    {
        var (x, unbatched) = CellInput.Batch(nameof(GRUCell), input, input_size);
        var h = CellInput.State(nameof(GRUCell), "hx", hx, unbatched, x.size(0), hidden_size, x);
        var next = Step(weights.InputGates(x), weights.HiddenGates(h), h);
        return unbatched ? next.squeeze(0) : next;
    }

    /// <summary>One step from a zero state.</summary>
    public Tensor call(Tensor input) => forward(input, null);

    /// <summary>
    /// The GRU update given gi = x·W_ihᵀ + b_ih and gh = h·W_hhᵀ + b_hh (both [B, 3H]). The reset gate r scales
    /// only the hidden part of n, which is why the two halves are kept apart. One fused op (one backend kernel
    /// forward and one backward) computes what <see cref="ComposedStep"/> writes out op by op; the tests check that
    /// both give the same values and gradients.
    /// </summary>
    internal static Tensor Step(Tensor gi, Tensor gh, Tensor h)
    {
        Tensor.SameDevice("GRUCell", gi, gh);
        Tensor.SameDevice("GRUCell", gi, h);
        int batch = h.size(0), hidden = h.size(1);
        if (gi.ndim != 2 || gh.ndim != 2 || gi.size(0) != batch || gh.size(0) != batch || gi.size(1) != 3 * hidden || gh.size(1) != 3 * hidden)
        {
            throw new ArgumentException(
                $"GRUCell: the gates must be [B, 3H] = [{batch}, {3 * hidden}] for the state [B, H] = {Tensor.Format(h.shape)}; " +
                $"got gi {Tensor.Format(gi.shape)} and gh {Tensor.Format(gh.shape)}.", nameof(gi));
        }

        var result = h.NewLike([batch, hidden], zero: false);
        var backend = h.Backend;
        backend.GruGates(gi.storage, gh.storage, h.storage, batch, hidden, result.storage);
        return Tensor.Record(result, "gru_gates", [gi, gh, h], g =>
        {
            var ggi = gi.NewLike(gi.dims, zero: false);
            var ggh = gh.NewLike(gh.dims, zero: false);
            var gh0 = h.NewLike(h.dims, zero: false);
            backend.GruGatesBackward(gi.storage, gh.storage, h.storage, g.storage, batch, hidden, ggi.storage, ggh.storage, gh0.storage);
            return [ggi, ggh, gh0];
        });
    }

    /// <summary>The same update as <see cref="Step"/>, composed from elementwise ops as Chapter 3 derives it.</summary>
    internal static Tensor ComposedStep(Tensor gi, Tensor gh, Tensor h)
    {
        var i = gi.chunk(3, 1); // i_r, i_z, i_n
        var g = gh.chunk(3, 1); // h_r, h_z, h_n
        var r = i[0].add(g[0]).sigmoid();
        var z = i[1].add(g[1]).sigmoid();
        var n = i[2].add(r.mul(g[2])).tanh();
        return z.rsub(1f).mul(n).add(z.mul(h));
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{input_size}, {hidden_size}" + (bias_ih is null ? ", bias=False" : "");
}
