using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// The image kernels (Chapter 4, visual attention): im2col and its adjoint, max and average pooling. Every adjoint is
// written as a gather (one thread per input pixel summing what it fed), so no two threads write the same value.
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, Window2d>? im2ColKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, Window2d>? col2ImKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, Window2d>? maxPoolKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, Window2d, int>? avgPoolKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, Window2d, int>? avgPoolBackwardKernel;

    /// <inheritdoc/>
    /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
    public void Im2Col(Storage x, Window2d window, Storage columns)
    {
        var count = window.Batch * window.PatchSize * window.OutH * window.OutW;
        Launch(count, () => Kernel(ref im2ColKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, Window2d>(Im2ColKernel))(
            count, V(x), V(columns), window));
    }

    /// <summary>Column entry t of [N, C·kH·kW, OutH·OutW]: the pixel its tap (c, kh, kw) sees at (oh, ow), or 0.</summary>
    private static void Im2ColKernel(Index1D t, ArrayView<float> x, ArrayView<float> columns, Window2d w)
    {
        var (outH, outW) = (w.OutH, w.OutW);
        var positions = outH * outW;
        var patch = w.PatchSize;
        var p = t % positions;
        var row = (t / positions) % patch;
        var n = t / (positions * patch);
        var (oh, ow) = (p / outW, p % outW);
        var kw = row % w.KernelW;
        var kh = (row / w.KernelW) % w.KernelH;
        var c = row / (w.KernelW * w.KernelH);
        var ih = (oh * w.StrideH) - w.PadH + kh;
        var iw = (ow * w.StrideW) - w.PadW + kw;
        columns[t] = ih < 0 || ih >= w.Height || iw < 0 || iw >= w.Width
            ? 0f
            : x[((((n * w.Channels) + c) * w.Height) + ih) * w.Width + iw];
    }

    /// <inheritdoc/>
    public void Col2Im(Storage columns, Window2d window, Storage x)
    {
        var count = window.Batch * window.Channels * window.Height * window.Width;
        Launch(count, () => Kernel(ref col2ImKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, Window2d>(Col2ImKernel))(
            count, V(columns), V(x), window));
    }

    /// <summary>Pixel t of [N, C, H, W]: the sum of every column entry read from it, taps in (kh, kw) order.</summary>
    private static void Col2ImKernel(Index1D t, ArrayView<float> columns, ArrayView<float> x, Window2d w)
    {
        var (outH, outW) = (w.OutH, w.OutW);
        var positions = outH * outW;
        var iw = t % w.Width;
        var ih = (t / w.Width) % w.Height;
        var c = (t / (w.Width * w.Height)) % w.Channels;
        var n = t / (w.Width * w.Height * w.Channels);
        var patch = w.PatchSize;
        var sum = 0f;
        for (var kh = 0; kh < w.KernelH; kh++)
        {
            var top = ih + w.PadH - kh; // = oh·strideH when this tap of window oh reads row ih
            if (top < 0 || top % w.StrideH != 0 || top / w.StrideH >= outH)
            {
                continue;
            }

            for (var kw = 0; kw < w.KernelW; kw++)
            {
                var left = iw + w.PadW - kw;
                if (left < 0 || left % w.StrideW != 0 || left / w.StrideW >= outW)
                {
                    continue;
                }

                var row = (((c * w.KernelH) + kh) * w.KernelW) + kw;
                sum += columns[(((n * patch) + row) * positions) + ((top / w.StrideH) * outW) + (left / w.StrideW)];
            }
        }

        x[t] = sum;
    }

    /// <inheritdoc/>
    public void MaxPool2d(Storage x, Window2d window, Storage y, Storage indices)
    {
        var count = window.Batch * window.Channels * window.OutH * window.OutW;
        Launch(count, () => Kernel(ref maxPoolKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, Window2d>(MaxPoolKernel))(
            count, V(x), V(y), V(indices), window));
    }

    private static void MaxPoolKernel(Index1D t, ArrayView<float> x, ArrayView<float> y, ArrayView<float> indices, Window2d w)
    {
        var (outH, outW) = (w.OutH, w.OutW);
        var ow = t % outW;
        var oh = (t / outW) % outH;
        var plane = (t / (outW * outH)) * w.Height * w.Width;
        var top = (oh * w.StrideH) - w.PadH;
        var left = (ow * w.StrideW) - w.PadW;
        var (h0, h1) = (top > 0 ? top : 0, top + w.KernelH < w.Height ? top + w.KernelH : w.Height);
        var (w0, w1) = (left > 0 ? left : 0, left + w.KernelW < w.Width ? left + w.KernelW : w.Width);
        var at = (h0 * w.Width) + w0;
        var best = x[plane + at];
        var done = XMath.IsNaN(best); // NaN propagates, as in PyTorch
        for (var ih = h0; ih < h1 && !done; ih++)
        {
            for (var iw = w0; iw < w1 && !done; iw++)
            {
                var v = x[plane + (ih * w.Width) + iw];
                if (v > best || XMath.IsNaN(v))
                {
                    best = v; // strictly greater: the first maximum wins
                    at = (ih * w.Width) + iw;
                    done = XMath.IsNaN(v);
                }
            }
        }

        y[t] = best;
        indices[t] = at;
    }

    /// <inheritdoc/>
    public void AvgPool2d(Storage x, Window2d window, bool countIncludePad, Storage y)
    {
        var count = window.Batch * window.Channels * window.OutH * window.OutW;
        Launch(count, () => Kernel(ref avgPoolKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, Window2d, int>(AvgPoolKernel))(
            count, V(x), V(y), window, countIncludePad ? 1 : 0));
    }

    private static void AvgPoolKernel(Index1D t, ArrayView<float> x, ArrayView<float> y, Window2d w, int includePad)
    {
        var (outH, outW) = (w.OutH, w.OutW);
        var ow = t % outW;
        var oh = (t / outW) % outH;
        var plane = (t / (outW * outH)) * w.Height * w.Width;
        var top = (oh * w.StrideH) - w.PadH;
        var left = (ow * w.StrideW) - w.PadW;
        var (h0, h1) = (top > 0 ? top : 0, top + w.KernelH < w.Height ? top + w.KernelH : w.Height);
        var (w0, w1) = (left > 0 ? left : 0, left + w.KernelW < w.Width ? left + w.KernelW : w.Width);
        var sum = 0f;
        for (var ih = h0; ih < h1; ih++)
        {
            for (var iw = w0; iw < w1; iw++)
            {
                sum += x[plane + (ih * w.Width) + iw];
            }
        }

        y[t] = sum / (includePad != 0 ? w.KernelH * w.KernelW : (h1 - h0) * (w1 - w0));
    }

    /// <inheritdoc/>
    public void AvgPool2dBackward(Storage gy, Window2d window, bool countIncludePad, Storage gx)
    {
        var count = window.Batch * window.Channels * window.Height * window.Width;
        Launch(count, () => Kernel(ref avgPoolBackwardKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, Window2d, int>(AvgPoolBackwardKernel))(
            count, V(gy), V(gx), window, countIncludePad ? 1 : 0));
    }

    /// <summary>Pixel t: the sum of gy / divisor over the windows (oh, ow) that contain it, in (oh, ow) order.</summary>
    private static void AvgPoolBackwardKernel(Index1D t, ArrayView<float> gy, ArrayView<float> gx, Window2d w, int includePad)
    {
        var (outH, outW) = (w.OutH, w.OutW);
        var iw = t % w.Width;
        var ih = (t / w.Width) % w.Height;
        var planeIndex = t / (w.Width * w.Height);
        var sum = 0f;
        for (var oh = 0; oh < outH; oh++)
        {
            var top = (oh * w.StrideH) - w.PadH;
            if (ih < top || ih >= top + w.KernelH)
            {
                continue;
            }

            var (h0, h1) = (top > 0 ? top : 0, top + w.KernelH < w.Height ? top + w.KernelH : w.Height);
            for (var ow = 0; ow < outW; ow++)
            {
                var left = (ow * w.StrideW) - w.PadW;
                if (iw < left || iw >= left + w.KernelW)
                {
                    continue;
                }

                var (w0, w1) = (left > 0 ? left : 0, left + w.KernelW < w.Width ? left + w.KernelW : w.Width);
                var divisor = includePad != 0 ? w.KernelH * w.KernelW : (h1 - h0) * (w1 - w0);
                sum += gy[(((planeIndex * outH) + oh) * outW) + ow] / divisor;
            }
        }

        gx[t] = sum;
    }
}
