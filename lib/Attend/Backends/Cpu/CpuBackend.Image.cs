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
        var (plane, positions) = (w.Height * w.Width, w.OutH * w.OutW);
        for (var n = 0; n < w.Batch; n++)
        {
            var image = src.Slice(n * w.Channels * plane, w.Channels * plane);
            var block = dst.Slice(n * w.PatchSize * positions, w.PatchSize * positions);
            for (var c = 0; c < w.Channels; c++)
            {
                for (var kh = 0; kh < w.KernelH; kh++)
                {
                    for (var kw = 0; kw < w.KernelW; kw++)
                    {
                        // Matrix row (c, kh, kw): what this kernel tap sees at every output position (oh, ow), i.e.
                        // pixel (oh·sH − pH + kh, ow·sW − pW + kw); output line oh reads one image row.
                        var row = block.Slice(((((c * w.KernelH) + kh) * w.KernelW) + kw) * positions, positions);
                        var (ow0, ow1) = InsideColumns(w, kw);
                        for (var oh = 0; oh < w.OutH; oh++)
                        {
                            var line = row.Slice(oh * w.OutW, w.OutW);
                            var ih = (oh * w.StrideH) - w.PadH + kh;
                            if (ih < 0 || ih >= w.Height)
                            {
                                line.Clear();
                                continue;
                            }

                            line[..ow0].Clear();
                            line[ow1..].Clear();
                            var first = (c * plane) + (ih * w.Width) + (ow0 * w.StrideW) - w.PadW + kw;
                            if (w.StrideW == 1)
                            {
                                image.Slice(first, ow1 - ow0).CopyTo(line[ow0..ow1]);
                            }
                            else
                            {
                                for (var ow = ow0; ow < ow1; ow++)
                                {
                                    line[ow] = image[first + ((ow - ow0) * w.StrideW)];
                                }
                            }
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
        var (plane, positions) = (w.Height * w.Width, w.OutH * w.OutW);
        for (var n = 0; n < w.Batch; n++)
        {
            var image = dst.Slice(n * w.Channels * plane, w.Channels * plane);
            var block = src.Slice(n * w.PatchSize * positions, w.PatchSize * positions);
            for (var c = 0; c < w.Channels; c++)
            {
                for (var kh = 0; kh < w.KernelH; kh++)
                {
                    for (var kw = 0; kw < w.KernelW; kw++)
                    {
                        // The loop of Im2Col with the copy reversed: add each in-image entry back onto its pixel.
                        var row = block.Slice(((((c * w.KernelH) + kh) * w.KernelW) + kw) * positions, positions);
                        var (ow0, ow1) = InsideColumns(w, kw);
                        for (var oh = 0; oh < w.OutH; oh++)
                        {
                            var ih = (oh * w.StrideH) - w.PadH + kh;
                            if (ih < 0 || ih >= w.Height || ow0 >= ow1)
                            {
                                continue;
                            }

                            var line = row.Slice((oh * w.OutW) + ow0, ow1 - ow0);
                            var first = (c * plane) + (ih * w.Width) + (ow0 * w.StrideW) - w.PadW + kw;
                            if (w.StrideW == 1)
                            {
                                var pixels = image.Slice(first, ow1 - ow0);
                                TensorPrimitives.Add(pixels, line, pixels);
                            }
                            else
                            {
                                for (var i = 0; i < line.Length; i++)
                                {
                                    image[first + (i * w.StrideW)] += line[i];
                                }
                            }
                        }
                    }
                }
            }
        }

        GC.KeepAlive(columns);
        GC.KeepAlive(x);
    }

    /// <summary>
    /// The output columns [ow0, ow1) at which kernel column <paramref name="kw"/> reads inside the image
    /// (0 ≤ ow·sW − pW + kw &lt; W); the others read the padding.
    /// </summary>
    private static (int Ow0, int Ow1) InsideColumns(Window2d w, int kw)
    {
        var offset = kw - w.PadW; // the input column read at ow = 0
        var ow0 = offset >= 0 ? 0 : (-offset + w.StrideW - 1) / w.StrideW;
        var last = w.Width - 1 - offset; // ow·sW ≤ last
        var ow1 = last < 0 ? 0 : Math.Min(w.OutW, (last / w.StrideW) + 1);
        return (Math.Min(ow0, w.OutW), Math.Max(ow1, Math.Min(ow0, w.OutW)));
    }

    /// <inheritdoc/>
    public void MaxPool2d(Storage x, Window2d window, Storage y, Storage indices)
    {
        var src = S(x);
        var dst = S(y);
        var idx = S(indices);
        var w = window;
        var plane = w.Height * w.Width;
        var o = 0;
        for (var p = 0; p < w.Batch * w.Channels; p++)
        {
            var image = src.Slice(p * plane, plane);
            for (var oh = 0; oh < w.OutH; oh++)
            {
                var top = (oh * w.StrideH) - w.PadH;
                var (h0, h1) = (Math.Max(top, 0), Math.Min(top + w.KernelH, w.Height));
                for (var ow = 0; ow < w.OutW; ow++, o++)
                {
                    // The window clipped to the image (the padding is −∞, so it never wins).
                    var left = (ow * w.StrideW) - w.PadW;
                    var (w0, w1) = (Math.Max(left, 0), Math.Min(left + w.KernelW, w.Width));
                    var at = (h0 * w.Width) + w0;
                    var best = image[at];
                    for (var ih = h0; ih < h1 && !float.IsNaN(best); ih++)
                    {
                        for (var iw = w0; iw < w1; iw++)
                        {
                            var v = image[(ih * w.Width) + iw];
                            if (v > best || float.IsNaN(v))
                            {
                                (best, at) = (v, (ih * w.Width) + iw); // strictly greater: the first maximum wins
                                if (float.IsNaN(v))
                                {
                                    break; // NaN propagates, as in PyTorch
                                }
                            }
                        }
                    }

                    dst[o] = best;
                    idx[o] = at;
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
        GC.KeepAlive(indices);
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
