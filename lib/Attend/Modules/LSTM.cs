namespace Attend.Modules;

/// <summary>
/// A multi-layer LSTM over a whole sequence, as PyTorch's <c>nn.LSTM</c> (see <see cref="LSTMCell"/> for the update).
/// forward(x [T, B, F] (or [B, T, F] when batch_first), (h0, c0) each [layers·dirs, B, H]) returns
/// (every h_t of the last layer [T, B, dirs·H], (final h, final c) each [layers·dirs, B, H]).
/// </summary>
public sealed class LSTM : RNNBase<(Tensor, Tensor)?, (Tensor, (Tensor, Tensor))>
{
    /// <summary>Creates the layer.</summary>
    public LSTM(int input_size, int hidden_size, int num_layers = 1, bool bias = true, bool batch_first = false,
                double dropout = 0, bool bidirectional = false)
        : base(nameof(LSTM), 4, input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional)
    {
    }

    /// <summary>Runs over the sequence from (h0, c0) (zeros when null): (output, (h_n, c_n)).</summary>
    public override (Tensor, (Tensor, Tensor)) forward(Tensor input, (Tensor, Tensor)? hx = null)
    {
        var (output, final) = Run(input, [hx?.Item1, hx?.Item2], ["h0", "c0"]);
        return (output, (final[0], final[1]));
    }

    private protected override Tensor[] Cell(Tensor gi, Tensor gh, Tensor[] state)
    {
        var (h, c) = LSTMCell.Step(gi, gh, state[1]);
        return [h, c];
    }
}
