namespace Attend.Modules;

/// <summary>
/// Average pooling as a module, as PyTorch's <c>nn.AvgPool2d</c>: each output is the mean of a
/// <see cref="kernel_size"/> window, moved by <see cref="stride"/> (the kernel size by default).
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public sealed class AvgPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the pool.</summary>
    public AvgPool2d(int kernel_size, int? stride = null, int padding = 0, bool count_include_pad = true)
        : base(nameof(AvgPool2d))
    {
        this.kernel_size = kernel_size;
        this.stride = stride ?? kernel_size;
        this.padding = padding;
        this.count_include_pad = count_include_pad;
    }

    /// <summary>The window's side.</summary>
    public int kernel_size { get; }

    /// <summary>The step between windows.</summary>
    public int stride { get; }

    /// <summary>The zero padding on each side.</summary>
    public int padding { get; }

    /// <summary>Whether padded zeros count in the mean.</summary>
    public bool count_include_pad { get; }

    /// <summary>[N, C, H, W] → [N, C, H', W'].</summary>
    public override Tensor forward(Tensor input) =>
        torch.nn.functional.avg_pool2d(input, kernel_size, stride, padding, count_include_pad);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={kernel_size}, stride={stride}, padding={padding}";
}
