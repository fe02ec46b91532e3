using ILGPU;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// Fill, block and strided copies, and the index kernels (index_select, gather and their adjoints).
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, float>? fillKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, BlockCopyArgs>? copyBlockKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, BroadcastPlan>? stridedCopyKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, IndexArgs>? indexSelectKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, IndexArgs>? indexAddKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, IndexArgs>? gatherKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, IndexArgs>? scatterAddKernel;

    /// <summary>The sizes of a row-strided block copy.</summary>
    internal struct BlockCopyArgs
    {
        public int SourceOffset, SourceRowStride, DestinationOffset, DestinationRowStride, Cols;
    }

    /// <summary>x viewed as [Outer, N, Inner], indexed by M indices (or M rows of indices).</summary>
    internal struct IndexArgs
    {
        public int Outer, N, Inner, M;
    }

    /// <inheritdoc/>
    public void Fill(Storage destination, int count, float value)
    {
        Launch(count, () => Kernel(ref fillKernel, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(FillKernel))(
            count, V(destination), value));
    }

    private static void FillKernel(Index1D i, ArrayView<float> y, float value) => y[i] = value;

    /// <inheritdoc/>
    public void CopyBlock(Storage source, int sourceOffset, int sourceRowStride,
                          Storage destination, int destinationOffset, int destinationRowStride, int rows, int cols)
    {
        var args = new BlockCopyArgs
        {
            SourceOffset = sourceOffset,
            SourceRowStride = sourceRowStride,
            DestinationOffset = destinationOffset,
            DestinationRowStride = destinationRowStride,
            Cols = cols,
        };
        Launch(rows * cols, () => Kernel(ref copyBlockKernel, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, BlockCopyArgs>(CopyBlockKernel))(
            rows * cols, V(source), V(destination), args));
    }

    private static void CopyBlockKernel(Index1D i, ArrayView<float> x, ArrayView<float> y, BlockCopyArgs a)
    {
        var (r, c) = (i / a.Cols, i % a.Cols);
        y[a.DestinationOffset + (r * a.DestinationRowStride) + c] = x[a.SourceOffset + (r * a.SourceRowStride) + c];
    }

    /// <inheritdoc/>
    public void StridedCopy(Storage source, int[] sourceStrides, Storage destination, int[] shape)
    {
        var total = destination.Length;
        var plan = BroadcastPlan.Create("strided copy", shape, sourceStrides, null, null);
        Launch(total, () => Kernel(ref stridedCopyKernel, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, BroadcastPlan>(StridedCopyKernel))(
            total, V(source), V(destination), plan));
    }

    private static void StridedCopyKernel(Index1D i, ArrayView<float> x, ArrayView<float> y, BroadcastPlan plan)
    {
        plan.Offsets(i, out var a, out _, out _);
        y[i] = x[a];
    }

    /// <inheritdoc/>
    public void IndexSelect(Storage x, int outer, int n, int inner, int[] index, Storage y)
    {
        var count = outer * index.Length * inner;
        using var idx = Upload(index);
        var args = new IndexArgs { Outer = outer, N = n, Inner = inner, M = index.Length };
        Launch(count, () => Kernel(ref indexSelectKernel, Load4(IndexSelectKernel))(count, V(x), idx.View, V(y), args));
    }

    private static Func<Accelerator, Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, IndexArgs>> Load4(
        Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, IndexArgs> kernel) =>
        a => a.LoadAutoGroupedStreamKernel(kernel);

    private static void IndexSelectKernel(Index1D t, ArrayView<float> x, ArrayView<float> index, ArrayView<float> y, IndexArgs a)
    {
        var i = t % a.Inner;
        var j = (t / a.Inner) % a.M;
        var o = t / (a.Inner * a.M);
        y[t] = x[(((o * a.N) + (int)index[j]) * a.Inner) + i];
    }

    /// <inheritdoc/>
    public void IndexAdd(Storage x, int outer, int n, int inner, int[] index, Storage y)
    {
        using var idx = Upload(index);
        var args = new IndexArgs { Outer = outer, N = n, Inner = inner, M = index.Length };
        Launch(outer * inner * index.Length, () => Kernel(ref indexAddKernel, Load4(IndexAddKernel))(outer * inner, V(x), idx.View, V(y), args));
    }

    /// <summary>
    /// One thread per (outer, inner) column adds every selected row in order: repeated indices never race, so the
    /// result is deterministic (no atomics) and sums in the CPU backend's order.
    /// </summary>
    private static void IndexAddKernel(Index1D t, ArrayView<float> x, ArrayView<float> index, ArrayView<float> y, IndexArgs a)
    {
        var (o, i) = (t / a.Inner, t % a.Inner);
        for (var j = 0; j < a.M; j++)
        {
            y[(((o * a.N) + (int)index[j]) * a.Inner) + i] += x[(((o * a.M) + j) * a.Inner) + i];
        }
    }

    /// <inheritdoc/>
    public void Gather(Storage x, int outer, int n, int inner, Storage index, int m, Storage y)
    {
        var count = outer * m * inner;
        var args = new IndexArgs { Outer = outer, N = n, Inner = inner, M = m };
        Launch(count, () => Kernel(ref gatherKernel, Load4(GatherKernel))(count, V(x), V(index), V(y), args));
    }

    private static void GatherKernel(Index1D t, ArrayView<float> x, ArrayView<float> index, ArrayView<float> y, IndexArgs a)
    {
        var i = t % a.Inner;
        var o = t / (a.Inner * a.M);
        y[t] = x[(((o * a.N) + (int)index[t]) * a.Inner) + i];
    }

    /// <inheritdoc/>
    public void ScatterAdd(Storage x, int outer, int m, int inner, Storage index, int n, Storage y)
    {
        var args = new IndexArgs { Outer = outer, N = n, Inner = inner, M = m };
        Launch(outer * inner * m, () => Kernel(ref scatterAddKernel, Load4(ScatterAddKernel))(outer * inner, V(x), V(index), V(y), args));
    }

    /// <summary>Like <see cref="IndexAddKernel"/>: one thread per column, rows added in order, no atomics.</summary>
    private static void ScatterAddKernel(Index1D t, ArrayView<float> x, ArrayView<float> index, ArrayView<float> y, IndexArgs a)
    {
        var (o, i) = (t / a.Inner, t % a.Inner);
        for (var j = 0; j < a.M; j++)
        {
            var at = (((o * a.M) + j) * a.Inner) + i;
            y[(((o * a.N) + (int)index[at]) * a.Inner) + i] += x[at];
        }
    }
}
