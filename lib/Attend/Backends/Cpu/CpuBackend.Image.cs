using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

// The image kernels: im2col and its adjoint, max and average pooling.
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
    public void Im2Col(Storage x, Window2d window, Storage columns)
    {
        var src = S(x);
        var dst = S(columns);
        var w = window;
        var plane = w.Height * w.Width;
        var row = 0;
        for (var n = 0; n < w.Batch; n++)
        {
            var image = src.Slice(n * w.Channels * plane, w.Channels * plane);
            for (var oh = 0; oh < w.OutH; oh++)
            {
                for (var ow = 0; ow < w.OutW; ow++, row++)
                {
                    // One row of the matrix: the window at (oh, ow), channel by channel, kernel row by kernel row.
                    // Each kernel row reads kW neighbouring pixels of one image row: a copy of the part inside the
                    // image, zeros for the part in the padding.
                    var target = dst.Slice(row * w.PatchSize, w.PatchSize);
                    var (left, k0, k1) = Columns(w, ow);
                    for (var c = 0; c < w.Channels; c++)
                    {
                        for (var kh = 0; kh < w.KernelH; kh++)
                        {
                            var segment = target.Slice(((c * w.KernelH) + kh) * w.KernelW, w.KernelW);
                            var ih = (oh * w.StrideH) - w.PadH + kh;
                            if (ih < 0 || ih >= w.Height || k0 >= k1)
                            {
                                segment.Clear();
                                continue;
                            }

                            segment[..k0].Clear();
                            image.Slice((c * plane) + (ih * w.Width) + left + k0, k1 - k0).CopyTo(segment[k0..k1]);
                            segment[k1..].Clear();
                        }
                    }
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(columns);
    }

    /// <inheritdoc/>
    public void Col2Im(Storage columns, Window2d window, Storage x)
    {
        var src = S(columns);
        var dst = S(x);
        dst.Clear();
        var w = window;
        var plane = w.Height * w.Width;
        var row = 0;
        for (var n = 0; n < w.Batch; n++)
        {
            var image = dst.Slice(n * w.Channels * plane, w.Channels * plane);
            for (var oh = 0; oh < w.OutH; oh++)
            {
                for (var ow = 0; ow < w.OutW; ow++, row++)
                {
                    // The loop of Im2Col with the copy reversed: add each in-image part back onto its pixels.
                    var source = src.Slice(row * w.PatchSize, w.PatchSize);
                    var (left, k0, k1) = Columns(w, ow);
                    for (var c = 0; c < w.Channels; c++)
                    {
                        for (var kh = 0; kh < w.KernelH; kh++)
                        {
                            var ih = (oh * w.StrideH) - w.PadH + kh;
                            if (ih < 0 || ih >= w.Height || k0 >= k1)
                            {
                                continue;
                            }

                            var segment = source.Slice((((c * w.KernelH) + kh) * w.KernelW) + k0, k1 - k0);
                            var pixels = image.Slice((c * plane) + (ih * w.Width) + left + k0, k1 - k0);
                            TensorPrimitives.Add(pixels, segment, pixels);
                        }
                    }
                }
            }
        }

        GC.KeepAlive(columns);
        GC.KeepAlive(x);
    }

    /// <summary>
    /// The window at output column <paramref name="ow"/> starts at input column <c>left</c> (negative in the padding);
    /// its kernel columns k0 … k1 − 1 fall inside the image.
    /// </summary>
    private static (int Left, int K0, int K1) Columns(Window2d w, int ow)
    {
        var left = (ow * w.StrideW) - w.PadW;
        return (left, Math.Max(0, -left), Math.Min(w.KernelW, w.Width - left));
    }

    /// <inheritdoc/>
    public void MaxPool2d(Storage x, Window2d window, Storage y, Storage indices)
    {
        var src = S(x);
        var dst = S(y);
        var idx = S(indices);
        var w = window;
        var (outH, outW) = (w.OutH, w.OutW);
        var plane = w.Height * w.Width;
        var o = 0;
        for (var p = 0; p < w.Batch * w.Channels; p++)
        {
            var image = src.Slice(p * plane, plane);
            for (var oh = 0; oh < outH; oh++)
            {
                for (var ow = 0; ow < outW; ow++, o++)
                {
                    var (best, at) = WindowMax(image, w, oh, ow);
                    dst[o] = best;
                    idx[o] = at;
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
        GC.KeepAlive(indices);
    }

    /// <summary>The largest value in the window at (oh, ow) and its flat position in the plane (NaN wins, as PyTorch).</summary>
    private static (float Value, int At) WindowMax(ReadOnlySpan<float> image, Window2d w, int oh, int ow)
    {
        var (h0, h1, w0, w1) = Clip(w, oh, ow);
        var (best, at) = (float.NegativeInfinity, -1);
        for (var ih = h0; ih < h1; ih++)
        {
            for (var iw = w0; iw < w1; iw++)
            {
                var v = image[(ih * w.Width) + iw];
                if (float.IsNaN(v))
                {
                    return (v, (ih * w.Width) + iw);
                }

                if (at < 0 || v > best)
                {
                    (best, at) = (v, (ih * w.Width) + iw);
                }
            }
        }

        return (best, at);
    }

    /// <inheritdoc/>
    public void AvgPool2d(Storage x, Window2d window, bool countIncludePad, Storage y)
    {
        var src = S(x);
        var dst = S(y);
        var w = window;
        var plane = w.Height * w.Width;
        var o = 0;
        for (var p = 0; p < w.Batch * w.Channels; p++)
        {
            var image = src.Slice(p * plane, plane);
            for (var oh = 0; oh < w.OutH; oh++)
            {
                for (var ow = 0; ow < w.OutW; ow++, o++)
                {
                    var (h0, h1, w0, w1) = Clip(w, oh, ow);
                    var sum = 0f;
                    for (var ih = h0; ih < h1; ih++)
                    {
                        for (var iw = w0; iw < w1; iw++)
                        {
                            sum += image[(ih * w.Width) + iw];
                        }
                    }

                    dst[o] = sum / Divisor(w, h0, h1, w0, w1, countIncludePad);
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void AvgPool2dBackward(Storage gy, Window2d window, bool countIncludePad, Storage gx)
    {
        var src = S(gy);
        var dst = S(gx);
        dst.Clear();
        var w = window;
        var plane = w.Height * w.Width;
        var o = 0;
        for (var p = 0; p < w.Batch * w.Channels; p++)
        {
            var image = dst.Slice(p * plane, plane);
            for (var oh = 0; oh < w.OutH; oh++)
            {
                for (var ow = 0; ow < w.OutW; ow++, o++)
                {
                    var (h0, h1, w0, w1) = Clip(w, oh, ow);
                    var share = src[o] / Divisor(w, h0, h1, w0, w1, countIncludePad);
                    for (var ih = h0; ih < h1; ih++)
                    {
                        for (var iw = w0; iw < w1; iw++)
                        {
                            image[(ih * w.Width) + iw] += share;
                        }
                    }
                }
            }
        }

        GC.KeepAlive(gy);
        GC.KeepAlive(gx);
    }

    /// <summary>The window at (oh, ow) clipped to the image: rows [h0, h1), columns [w0, w1).</summary>
    private static (int H0, int H1, int W0, int W1) Clip(Window2d w, int oh, int ow)
    {
        var top = (oh * w.StrideH) - w.PadH;
        var left = (ow * w.StrideW) - w.PadW;
        return (Math.Max(top, 0), Math.Min(top + w.KernelH, w.Height), Math.Max(left, 0), Math.Min(left + w.KernelW, w.Width));
    }

    private static float Divisor(Window2d w, int h0, int h1, int w0, int w1, bool countIncludePad) =>
        countIncludePad ? w.KernelH * w.KernelW : (h1 - h0) * (w1 - w0);
}
