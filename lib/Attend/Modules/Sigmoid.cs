namespace Attend.Modules;

/// <summary>The activation σ(x) = 1/(1+e^−x) as a module (PyTorch's <c>nn.Sigmoid</c>), for use in <see cref="Sequential"/>.</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    /// <summary>Creates the activation.</summary>
    public Sigmoid()
        : base(nameof(Sigmoid))
    {
    }

    /// <summary>σ(x) = 1/(1+e^−x), elementwise.</summary>
    public override Tensor forward(Tensor input) => input.sigmoid();
}
