using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// An LSTM controller (Chapter 5, §5.4; the paper's best on every task): one <see cref="LSTMCell"/>, output h, state (h, c) starting
/// from learned biases h₀ and c₀.
/// </summary>
public sealed class LstmController : NtmController
{
    private readonly LSTMCell lstm;

    /// <summary>h₀ [H], learned.</summary>
    public Parameter h0;

    /// <summary>c₀ [H], learned.</summary>
    public Parameter c0;

    /// <summary>An LSTM with <paramref name="input_size"/> inputs and <paramref name="hidden_size"/> units.</summary>
    public LstmController(int input_size, int hidden_size)
        : base(nameof(LstmController))
    {
        lstm = new LSTMCell(input_size, hidden_size);
        h0 = new Parameter(torch.zeros(hidden_size));
        c0 = new Parameter(torch.zeros(hidden_size));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int input_size => lstm.input_size;

    /// <inheritdoc/>
    public override int output_size => lstm.hidden_size;

    /// <inheritdoc/>
    public override Tensor[] InitialState(int batch) =>
        [h0.unsqueeze(0).expand(batch, output_size), c0.unsqueeze(0).expand(batch, output_size)];

    /// <inheritdoc/>
    public override (Tensor Output, Tensor[] State) Step(Tensor input, Tensor[] state)
    {
        var (h, c) = lstm.forward(input, (state[0], state[1]));
        return (h, [h, c]);
    }
}
