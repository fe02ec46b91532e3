namespace Attend.Modules;

/// <summary>The activation max(x, 0) as a module (PyTorch's <c>nn.ReLU</c>), for use in <see cref="Sequential"/>.</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    /// <summary>Creates the activation.</summary>
    public ReLU()
        : base(nameof(ReLU))
    {
    }

    /// <summary>max(x, 0), elementwise.</summary>
    public override Tensor forward(Tensor input) => input.relu();
}
