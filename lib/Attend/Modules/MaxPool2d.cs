namespace Attend.Modules;

/// <summary>
/// Max pooling as a module, as PyTorch's <c>nn.MaxPool2d</c>: each output is the largest value of a
/// <see cref="kernel_size"/> window, moved by <see cref="stride"/> (the kernel size by default, so windows tile
/// the image and a 2×2 pool halves its height and width). It has no parameters.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the pool.</summary>
    public MaxPool2d(int kernel_size, int? stride = null, int padding = 0)
        : base(nameof(MaxPool2d))
    {
        this.kernel_size = kernel_size;
        this.stride = stride ?? kernel_size;
        this.padding = padding;
    }

    /// <summary>The window's side.</summary>
    public int kernel_size { get; }

    /// <summary>The step between windows.</summary>
    public int stride { get; }

    /// <summary>The −∞ padding on each side.</summary>
    public int padding { get; }

    /// <summary>[N, C, H, W] → [N, C, H', W'].</summary>
    public override Tensor forward(Tensor input) => torch.nn.functional.max_pool2d(input, kernel_size, stride, padding);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={kernel_size}, stride={stride}, padding={padding}";
}
