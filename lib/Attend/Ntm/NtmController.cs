using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// The NTM's controller (Chapter 5, §5.4): the network that sees the input and the last read vectors and drives the
/// heads. Its state is a list of tensors (empty for a feed-forward controller) whose start is learned.
/// </summary>
public abstract class NtmController : Module
{
    /// <summary>Creates a controller named <paramref name="name"/>.</summary>
    protected NtmController(string name)
        : base(name)
    {
    }

    /// <summary>The size of the controller's input (external input plus read vectors).</summary>
    public abstract int input_size { get; }

    /// <summary>The size of the controller's output, which feeds the heads and the output layer.</summary>
    public abstract int output_size { get; }

    /// <summary>The state before the first step for a batch of <paramref name="batch"/>.</summary>
    public abstract Tensor[] InitialState(int batch);

    /// <summary>One step: input [B, input_size] and state → output [B, output_size] and the new state.</summary>
    public abstract (Tensor Output, Tensor[] State) Step(Tensor input, Tensor[] state);
}

/// <summary>
/// An LSTM controller (the paper's best on every task): one <see cref="LSTMCell"/>, output h, state (h, c) starting
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

/// <summary>
/// A feed-forward controller: one layer, tanh(W x + b), no state of its own. Everything it remembers is in memory,
/// which makes the heads' behaviour easier to read (the paper's observation).
/// </summary>
public sealed class FeedForwardController : NtmController
{
    private readonly Linear fc;

    /// <summary>A layer with <paramref name="input_size"/> inputs and <paramref name="hidden_size"/> tanh units.</summary>
    public FeedForwardController(int input_size, int hidden_size)
        : base(nameof(FeedForwardController))
    {
        fc = new Linear(input_size, hidden_size);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int input_size => fc.in_features;

    /// <inheritdoc/>
    public override int output_size => fc.out_features;

    /// <inheritdoc/>
    public override Tensor[] InitialState(int batch) => [];

    /// <inheritdoc/>
    public override (Tensor Output, Tensor[] State) Step(Tensor input, Tensor[] state) => (fc.call(input).tanh(), state);
}
