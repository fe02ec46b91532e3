namespace Attend.Modules;

/// <summary>The activation tanh x as a module (PyTorch's <c>nn.Tanh</c>), for use in <see cref="Sequential"/>.</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    /// <summary>Creates the activation.</summary>
    public Tanh()
        : base(nameof(Tanh))
    {
    }

    /// <summary>tanh x, elementwise.</summary>
    public override Tensor forward(Tensor input) => input.tanh();
}
