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

    /// <summary>
    /// Re-draws the controller's weights as pytorch-ntm does (see <see cref="NeuralTuringMachine.init_as_pytorch_ntm"/>);
    /// a controller with no counterpart there keeps its own initialisation.
    /// </summary>
    internal virtual void InitAsPytorchNtm(Generator? generator)
    {
    }
}
