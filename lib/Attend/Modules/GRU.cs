namespace Attend.Modules;

/// <summary>
/// A multi-layer GRU over a whole sequence, as PyTorch's <c>nn.GRU</c> (see <see cref="GRUCell"/> for the update).
/// forward(x [T, B, F] (or [B, T, F] when batch_first), h0 [layers·dirs, B, H]) returns (every h_t of the last layer
/// [T, B, dirs·H], final h [layers·dirs, B, H]).
/// </summary>
public sealed class GRU : RNNBase<Tensor?, (Tensor, Tensor)>
{
    /// <summary>Creates the layer.</summary>
    public GRU(int input_size, int hidden_size, int num_layers = 1, bool bias = true, bool batch_first = false,
               double dropout = 0, bool bidirectional = false)
        : base(nameof(GRU), 3, input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional)
    {
    }

    /// <summary>Runs over the sequence from <paramref name="h0"/> (zeros when null): (output, h_n).</summary>
    public override (Tensor, Tensor) forward(Tensor input, Tensor? h0 = null)
    {
        var (output, final) = Run(input, [h0], ["h0"]);
        return (output, final[0]);
    }

    private protected override Tensor[] Cell(Tensor gi, Tensor gh, Tensor[] state) => [GRUCell.Step(gi, gh, state[0])];
}
