using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// Reductions and softmax along one dimension of x viewed as [outer, n, inner]: one thread per (outer, inner) line,
// which walks its n values in order (deterministic, and coalesced when inner > 1 since neighbouring threads read
// neighbouring columns).
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, LineArgs>? reduceKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, LineArgs>? softmaxKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, LineArgs>? softmaxBackwardKernel;

    /// <summary>A line's geometry and what to do with it.</summary>
    internal struct LineArgs
    {
        public int N, Inner, Op, WriteIndices;
    }

    /// <inheritdoc/>
    public void Reduce(ReduceOp op, Storage x, int outer, int n, int inner, Storage y, Storage? indices)
    {
        var args = new LineArgs { N = n, Inner = inner, Op = (int)op, WriteIndices = indices is null ? 0 : 1 };
        Launch(outer * inner, () => Kernel(ref reduceKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, LineArgs>(ReduceKernel))(
            outer * inner, V(x), V(y), V(indices ?? y), args));
    }

    private static void ReduceKernel(Index1D t, ArrayView<float> x, ArrayView<float> y, ArrayView<float> indices, LineArgs a)
    {
        var (o, i) = (t / a.Inner, t % a.Inner);
        var start = (o * a.N * a.Inner) + i;
        var op = (ReduceOp)a.Op;
        if (op == ReduceOp.Sum)
        {
            var sum = 0f;
            for (var j = 0; j < a.N; j++)
            {
                sum += x[start + (j * a.Inner)];
            }

            y[t] = sum;
        }
        else if (op == ReduceOp.LogSumExp)
        {
            var max = float.NegativeInfinity;
            for (var j = 0; j < a.N; j++)
            {
                max = XMath.Max(max, x[start + (j * a.Inner)]);
            }

            // An infinite max needs no shift (the sum is inf or 0 anyway); shifting by it would give inf − inf = NaN.
            var shift = XMath.IsInfinity(max) ? 0f : max;
            var sum = 0f;
            for (var j = 0; j < a.N; j++)
            {
                sum += XMath.Exp(x[start + (j * a.Inner)] - shift);
            }

            y[t] = XMath.Log(sum) + shift;
        }
        else
        {
            // Max or Min: the first extreme wins; a NaN wins over everything (as in PyTorch).
            var best = x[start];
            var at = 0;
            for (var j = 1; j < a.N && !XMath.IsNaN(best); j++)
            {
                var v = x[start + (j * a.Inner)];
                if ((op == ReduceOp.Max ? v > best : v < best) || XMath.IsNaN(v))
                {
                    best = v;
                    at = j;
                }
            }

            y[t] = best;
            if (a.WriteIndices != 0)
            {
                indices[t] = at;
            }
        }
    }

    /// <inheritdoc/>
    public void Softmax(Storage x, int outer, int n, int inner, Storage y, bool log)
    {
        var args = new LineArgs { N = n, Inner = inner, Op = log ? 1 : 0 };
        Launch(outer * inner * n, () => Kernel(ref softmaxKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, LineArgs>(SoftmaxKernel))(
            outer * inner, V(x), V(y), args));
    }

    private static void SoftmaxKernel(Index1D t, ArrayView<float> x, ArrayView<float> y, LineArgs a)
    {
        var (o, i) = (t / a.Inner, t % a.Inner);
        var start = (o * a.N * a.Inner) + i;
        var max = float.NegativeInfinity;
        for (var j = 0; j < a.N; j++)
        {
            max = XMath.Max(max, x[start + (j * a.Inner)]);
        }

        var sum = 0f;
        for (var j = 0; j < a.N; j++)
        {
            sum += XMath.Exp(x[start + (j * a.Inner)] - max);
        }

        if (a.Op != 0)
        {
            var lse = XMath.Log(sum);
            for (var j = 0; j < a.N; j++)
            {
                var at = start + (j * a.Inner);
                y[at] = x[at] - max - lse;
            }
        }
        else
        {
            for (var j = 0; j < a.N; j++)
            {
                var at = start + (j * a.Inner);
                y[at] = XMath.Exp(x[at] - max) / sum;
            }
        }
    }

    /// <inheritdoc/>
    public void SoftmaxBackward(Storage y, Storage gy, int outer, int n, int inner, Storage gx, bool log)
    {
        var args = new LineArgs { N = n, Inner = inner, Op = log ? 1 : 0 };
        Launch(outer * inner * n, () => Kernel(ref softmaxBackwardKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, LineArgs>(SoftmaxBackwardKernel))(
            outer * inner, V(y), V(gy), V(gx), args));
    }

    /// <summary>softmax: gx = y ⊙ (gy − Σ gy⊙y); log-softmax: gx = gy − exp(y) Σ gy.</summary>
    private static void SoftmaxBackwardKernel(Index1D t, ArrayView<float> y, ArrayView<float> gy, ArrayView<float> gx, LineArgs a)
    {
        var (o, i) = (t / a.Inner, t % a.Inner);
        var start = (o * a.N * a.Inner) + i;
        var total = 0f;
        for (var j = 0; j < a.N; j++)
        {
            var at = start + (j * a.Inner);
            total += a.Op != 0 ? gy[at] : gy[at] * y[at];
        }

        for (var j = 0; j < a.N; j++)
        {
            var at = start + (j * a.Inner);
            gx[at] = a.Op != 0 ? gy[at] - (XMath.Exp(y[at]) * total) : y[at] * (gy[at] - total);
        }
    }
}
