namespace Attend.Backends;

/// <summary>
/// The geometry of a window sliding over images, shared by the convolution and pooling kernels: a batch of
/// <see cref="Batch"/> images of <see cref="Channels"/> planes of <see cref="Height"/> × <see cref="Width"/>
/// (row-major [N, C, H, W]), a <see cref="KernelH"/> × <see cref="KernelW"/> window moved by
/// (<see cref="StrideH"/>, <see cref="StrideW"/>) over the input padded by (<see cref="PadH"/>, <see cref="PadW"/>)
/// on every side. Output position (oh, ow) sees input rows oh·strideH − padH + kh for kh = 0 … KernelH − 1.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
/// <param name="Batch">N, the number of images.</param>
/// <param name="Channels">C, the planes per image.</param>
/// <param name="Height">H of the input.</param>
/// <param name="Width">W of the input.</param>
/// <param name="KernelH">The window's height.</param>
/// <param name="KernelW">The window's width.</param>
/// <param name="StrideH">The vertical step between windows.</param>
/// <param name="StrideW">The horizontal step between windows.</param>
/// <param name="PadH">Rows of padding added above and below.</param>
/// <param name="PadW">Columns of padding added left and right.</param>
public readonly record struct Window2d(int Batch, int Channels, int Height, int Width, int KernelH, int KernelW,
                                       int StrideH, int StrideW, int PadH, int PadW)
{
    /// <summary>Output height: ⌊(H + 2·padH − kH) / strideH⌋ + 1.</summary>
    public int OutH => ((Height + (2 * PadH) - KernelH) / StrideH) + 1;

    /// <summary>Output width: ⌊(W + 2·padW − kW) / strideW⌋ + 1.</summary>
    public int OutW => ((Width + (2 * PadW) - KernelW) / StrideW) + 1;

    /// <summary>The number of values in one window across all channels: C·kH·kW (a row of the im2col matrix).</summary>
    public int PatchSize => Channels * KernelH * KernelW;
}
