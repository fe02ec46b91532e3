using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// A feed-forward controller (Chapter 5, §5.4): one layer, tanh(W x + b), no state of its own. Everything it remembers is in memory,
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
