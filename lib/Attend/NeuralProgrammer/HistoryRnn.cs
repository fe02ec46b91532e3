using Attend.Modules;

namespace Attend.NeuralProgrammer;

/// <summary>
/// The history RNN (Chapter 9, §9.3): h_t = tanh(W [c_{t−1}; h_{t−1}] + b), where c_{t−1} = [α_op·U ; α_col·P] is
/// what the previous step chose — the operation embeddings U and column vectors P weighted by that step's soft
/// choices. It is how step t knows what has been done so far.
/// </summary>
public sealed class HistoryRnn : Module<Tensor, Tensor, Tensor>
{
    private readonly RNNCell cell;

    /// <summary>Creates the history RNN over choice vectors of size 2·<paramref name="hidden_size"/>.</summary>
    public HistoryRnn(int hidden_size)
        : base(nameof(HistoryRnn))
    {
        if (hidden_size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hidden_size), $"HistoryRnn: hidden_size must be positive, got {hidden_size}.");
        }

        cell = new RNNCell(2 * hidden_size, hidden_size);
        RegisterComponents();
    }

    /// <summary>The previous choice [B, 2·hidden] and state [B, hidden] → the new state [B, hidden].</summary>
    public override Tensor forward(Tensor choice, Tensor state) => cell.call(choice, state);
}
