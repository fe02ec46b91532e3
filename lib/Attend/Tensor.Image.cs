using Attend.Backends;

namespace Attend;

public partial class Tensor
{
    // The differentiable image primitives behind conv2d and the pools (torch.nn.functional.Image.cs checks the
    // arguments and builds the Window2d). They come in adjoint pairs, and each op's backward is its partner:
    //   Im2Col (windows → columns)     ↔ Col2Im (columns added back onto the pixels they came from)
    //   AvgPool (window means)         ↔ AvgPoolAdjoint (each mean's gradient spread evenly over its window)
    //   MaxPool (window maxima)        → ScatterAdd at the argmax indices (whose backward is Gather)

    /// <summary>
    /// The windows of an image batch [N, C, H, W] as the columns of a matrix per image, [N, C·kH·kW, OutH·OutW] (see
    /// <see cref="IBackend.Im2Col"/>). Backward: <see cref="Col2ImOp"/>.
    /// </summary>
    /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
    internal Tensor Im2ColOp(Window2d window, string op)
    {
        var result = NewLike([window.Batch, window.PatchSize, window.OutH * window.OutW], zero: false);
        if (result.numel() > 0)
        {
            Backend.Im2Col(storage, window, result.storage);
        }

        return Record(result, op, [this], g => [g.Col2ImOp(window, op)]);
    }

    /// <summary>
    /// Columns [N, C·kH·kW, OutH·OutW] summed back onto the image [N, C, H, W] they were read from: the adjoint of
    /// <see cref="Im2ColOp"/> (and its backward is <see cref="Im2ColOp"/>).
    /// </summary>
    internal Tensor Col2ImOp(Window2d window, string op)
    {
        var result = NewLike([window.Batch, window.Channels, window.Height, window.Width], zero: true);
        if (numel() > 0)
        {
            Backend.Col2Im(storage, window, result.storage);
        }

        return Record(result, op, [this], g => [g.Im2ColOp(window, op)]);
    }

    /// <summary>
    /// The maximum of each window of each plane, [N, C, OutH, OutW], with the flat position ih·W + iw of each
    /// maximum in its plane. Backward: the gradient goes to the winner of each window and nowhere else.
    /// </summary>
    internal (Tensor Values, Tensor Indices) MaxPoolOp(Window2d window, string op)
    {
        int[] shape = [window.Batch, window.Channels, window.OutH, window.OutW];
        var values = NewLike(shape, zero: false);
        var indices = NewLike(shape, zero: false);
        if (values.numel() > 0)
        {
            Backend.MaxPool2d(storage, window, values.storage, indices.storage);
        }

        var planes = window.Batch * window.Channels;
        var (outputs, pixels) = (window.OutH * window.OutW, window.Height * window.Width);
        var flatIndices = indices.reshape(planes, outputs);
        values = Record(values, op, [this], g =>
            [ScatterAlong(g.reshape(planes, outputs), 1, flatIndices, pixels, op).reshape(dims)]);
        return (values, indices);
    }

    /// <summary>The mean of each window of each plane, [N, C, OutH, OutW]. Backward: <see cref="AvgPoolAdjointOp"/>.</summary>
    internal Tensor AvgPoolOp(Window2d window, bool countIncludePad, string op)
    {
        var result = NewLike([window.Batch, window.Channels, window.OutH, window.OutW], zero: false);
        if (result.numel() > 0)
        {
            Backend.AvgPool2d(storage, window, countIncludePad, result.storage);
        }

        return Record(result, op, [this], g => [g.AvgPoolAdjointOp(window, countIncludePad, op)]);
    }

    /// <summary>
    /// Each value of a pooled map [N, C, OutH, OutW] divided by its window's divisor and added to every pixel of
    /// that window, [N, C, H, W]: the adjoint of <see cref="AvgPoolOp"/> (and its backward is <see cref="AvgPoolOp"/>).
    /// </summary>
    internal Tensor AvgPoolAdjointOp(Window2d window, bool countIncludePad, string op)
    {
        var result = NewLike([window.Batch, window.Channels, window.Height, window.Width], zero: true);
        if (numel() > 0)
        {
            Backend.AvgPool2dBackward(storage, window, countIncludePad, result.storage);
        }

        return Record(result, op, [this], g => [g.AvgPoolOp(window, countIncludePad, op)]);
    }
}
