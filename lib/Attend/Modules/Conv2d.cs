namespace Attend.Modules;

/// <summary>
/// A 2-D convolution layer, as PyTorch's <c>nn.Conv2d</c>: <see cref="weight"/> [out_channels, in_channels, kH, kW]
/// slides over the input [N, in_channels, H, W] (see <see cref="torch.nn.functional.conv2d(Tensor, Tensor, Tensor?, int, int)"/>).
/// Initialized as PyTorch: W ~ kaiming_uniform(a = √5), i.e. U(±1/√fan_in), and b ~ U(±1/√fan_in), with
/// fan_in = in_channels·kH·kW, the number of inputs each output sums.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    /// <summary>Creates a layer with a square <paramref name="kernel_size"/>² kernel.</summary>
    public Conv2d(int in_channels, int out_channels, int kernel_size, int stride = 1, int padding = 0, bool bias = true)
        : this(in_channels, out_channels, (kernel_size, kernel_size), (stride, stride), (padding, padding), bias)
    {
    }

    /// <summary>Creates a layer with a rectangular kernel (kH, kW) and separate vertical/horizontal stride and padding.</summary>
    public Conv2d(int in_channels, int out_channels, (int, int) kernel_size, (int, int)? stride = null, (int, int)? padding = null,
                  bool bias = true)
        : base(nameof(Conv2d))
    {
        if (in_channels <= 0 || out_channels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(in_channels),
                $"Conv2d: in_channels ({in_channels}) and out_channels ({out_channels}) must be positive.");
        }

        if (kernel_size.Item1 <= 0 || kernel_size.Item2 <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel_size),
                $"Conv2d: kernel_size must be positive, got ({kernel_size.Item1}, {kernel_size.Item2}).");
        }

        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = kernel_size;
        this.stride = stride ?? (1, 1);
        this.padding = padding ?? (0, 0);
        weight = new Parameter(torch.empty(out_channels, in_channels, kernel_size.Item1, kernel_size.Item2));
        torch.nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        register_parameter(nameof(weight), weight);
        if (bias)
        {
            this.bias = new Parameter(torch.empty(out_channels));
            var bound = 1 / Math.Sqrt(in_channels * kernel_size.Item1 * kernel_size.Item2);
            torch.nn.init.uniform_(this.bias, -bound, bound);
        }

        register_parameter(nameof(bias), this.bias);
    }

    /// <summary>The channels of the input.</summary>
    public int in_channels { get; }

    /// <summary>The channels of the output (the number of filters).</summary>
    public int out_channels { get; }

    /// <summary>(kH, kW).</summary>
    public (int, int) kernel_size { get; }

    /// <summary>(vertical, horizontal) step between windows.</summary>
    public (int, int) stride { get; }

    /// <summary>(rows, columns) of zeros added on each side.</summary>
    public (int, int) padding { get; }

    /// <summary>The filters [out_channels, in_channels, kH, kW].</summary>
    public Parameter weight { get; }

    /// <summary>The bias [out_channels], or null.</summary>
    public Parameter? bias { get; }

    /// <summary>[N, in_channels, H, W] (or [in_channels, H, W]) → [N, out_channels, H', W'].</summary>
    public override Tensor forward(Tensor input) => torch.nn.functional.conv2d(input, weight, bias, stride, padding);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{in_channels}, {out_channels}, kernel_size=({kernel_size.Item1}, {kernel_size.Item2}), " +
        $"stride=({stride.Item1}, {stride.Item2})" +
        (padding == (0, 0) ? "" : $", padding=({padding.Item1}, {padding.Item2})") + (bias is null ? ", bias=False" : "");
}
