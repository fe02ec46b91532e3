namespace Attend.Modules;

/// <summary>
/// Average pooling to a fixed output size whatever the input size, as PyTorch's <c>nn.AdaptiveAvgPool2d</c>
/// (captioning models use it to get a fixed feature grid, such as 14×14, from images of any size).
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public sealed class AdaptiveAvgPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the pool for an output of <paramref name="output_size"/> = (out_h, out_w).</summary>
    public AdaptiveAvgPool2d((int, int) output_size)
        : base(nameof(AdaptiveAvgPool2d)) => this.output_size = output_size;

    /// <summary>Creates the pool for a square output of side <paramref name="output_size"/>.</summary>
    public AdaptiveAvgPool2d(int output_size)
        : this((output_size, output_size))
    {
    }

    /// <summary>(out_h, out_w).</summary>
    public (int, int) output_size { get; }

    /// <summary>[N, C, H, W] → [N, C, out_h, out_w].</summary>
    public override Tensor forward(Tensor input) => torch.nn.functional.adaptive_avg_pool2d(input, output_size);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"output_size=({output_size.Item1}, {output_size.Item2})";
}
