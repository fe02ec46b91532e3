namespace Attend.Modules;

/// <summary>
/// A multi-layer Elman RNN over a whole sequence, as PyTorch's <c>nn.RNN</c>: h_t = act(W_ih x_t + b_ih + W_hh h_(t−1) + b_hh).
/// forward(x [T, B, F], h0 [layers·dirs, B, H]) returns (every h_t of the last layer [T, B, dirs·H], final h [layers·dirs, B, H]).
/// </summary>
public sealed class RNN : RNNBase<Tensor?, (Tensor, Tensor)>
{
    /// <summary>Creates the layer; <paramref name="nonlinearity"/> is "tanh" or "relu".</summary>
    public RNN(int input_size, int hidden_size, int num_layers = 1, string nonlinearity = "tanh", bool bias = true,
               bool batch_first = false, double dropout = 0, bool bidirectional = false)
        : base(nameof(RNN), 1, input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional) =>
        this.nonlinearity = RecurrentChecks.Nonlinearity(nameof(RNN), nonlinearity);

    /// <summary>"tanh" or "relu".</summary>
    public string nonlinearity { get; }

    /// <summary>Runs over the sequence from <paramref name="h0"/> (zeros when null): (output, h_n).</summary>
    public override (Tensor, Tensor) forward(Tensor input, Tensor? h0 = null)
    {
        var (output, final) = Run(input, [h0], ["h0"]);
        return (output, final[0]);
    }

    private protected override Tensor[] Cell(Tensor gi, Tensor gh, Tensor[] state) => [RNNCell.Step(gi, gh, nonlinearity)];
}
