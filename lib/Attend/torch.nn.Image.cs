namespace Attend;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A 2-D convolution layer with a square kernel (<see cref="Modules.Conv2d"/>).</summary>
        /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
        public static Modules.Conv2d Conv2d(int in_channels, int out_channels, int kernel_size, int stride = 1, int padding = 0,
                                            bool bias = true) =>
            new(in_channels, out_channels, kernel_size, stride, padding, bias);

        /// <summary>A 2-D convolution layer with a rectangular kernel (<see cref="Modules.Conv2d"/>).</summary>
        public static Modules.Conv2d Conv2d(int in_channels, int out_channels, (int, int) kernel_size, (int, int)? stride = null,
                                            (int, int)? padding = null, bool bias = true) =>
            new(in_channels, out_channels, kernel_size, stride, padding, bias);

        /// <summary>Max pooling (<see cref="Modules.MaxPool2d"/>); the stride defaults to the kernel size.</summary>
        public static Modules.MaxPool2d MaxPool2d(int kernel_size, int? stride = null, int padding = 0) => new(kernel_size, stride, padding);

        /// <summary>Average pooling (<see cref="Modules.AvgPool2d"/>); the stride defaults to the kernel size.</summary>
        public static Modules.AvgPool2d AvgPool2d(int kernel_size, int? stride = null, int padding = 0, bool count_include_pad = true) =>
            new(kernel_size, stride, padding, count_include_pad);

        /// <summary>Average pooling to a fixed square output size (<see cref="Modules.AdaptiveAvgPool2d"/>).</summary>
        public static Modules.AdaptiveAvgPool2d AdaptiveAvgPool2d(int output_size) => new(output_size);

        /// <summary>Average pooling to a fixed output size (out_h, out_w) (<see cref="Modules.AdaptiveAvgPool2d"/>).</summary>
        public static Modules.AdaptiveAvgPool2d AdaptiveAvgPool2d((int, int) output_size) => new(output_size);
    }
}
