namespace Attend.Modules;

/// <summary>
/// Layer normalization, as PyTorch's <c>nn.LayerNorm</c>: each sample is normalized over its last dimensions
/// (<see cref="normalized_shape"/>) to mean 0 and variance 1 (biased variance), then scaled by <see cref="weight"/>
/// (ones at first) and shifted by <see cref="bias"/> (zeros at first).
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; <paramref name="elementwise_affine"/> false leaves out weight and bias.</summary>
    public LayerNorm(int[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true)
        : base(nameof(LayerNorm))
    {
        ArgumentNullException.ThrowIfNull(normalized_shape);
        if (normalized_shape.Length == 0 || normalized_shape.Any(d => d <= 0))
        {
            throw new ArgumentException(
                $"LayerNorm: normalized_shape must be a non-empty list of positive sizes, got {Tensor.Format(normalized_shape)}.",
                nameof(normalized_shape));
        }

        this.normalized_shape = (int[])normalized_shape.Clone();
        this.eps = eps;
        if (elementwise_affine)
        {
            weight = new Parameter(torch.ones(normalized_shape));
            this.bias = bias ? new Parameter(torch.zeros(normalized_shape)) : null;
        }

        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), this.bias);
    }

    /// <summary>Creates the layer over the last dimension of size <paramref name="normalized_shape"/>.</summary>
    public LayerNorm(int normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true)
        : this([normalized_shape], eps, elementwise_affine, bias)
    {
    }

    /// <summary>The trailing dimensions normalized over.</summary>
    public int[] normalized_shape { get; }

    /// <summary>Added to the variance to avoid division by zero.</summary>
    public double eps { get; }

    /// <summary>The per-element scale (γ), or null.</summary>
    public Parameter? weight { get; }

    /// <summary>The per-element shift (β), or null.</summary>
    public Parameter? bias { get; }

    /// <summary>The normalized input, same shape.</summary>
    public override Tensor forward(Tensor input) => torch.nn.functional.layer_norm(input, normalized_shape, weight, bias, eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{Tensor.Format(normalized_shape)}, eps={eps}, elementwise_affine={weight is not null}";
}
