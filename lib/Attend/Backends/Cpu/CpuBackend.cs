using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

/// <summary>
/// The managed CPU backend: elementwise work on <see cref="TensorPrimitives"/> (SIMD, tails handled),
/// matrix products on <see cref="Gemm"/>. Each kernel keeps its storages alive to its end because pooled
/// arrays return to the pool when their storage is collected.
/// </summary>
public sealed partial class CpuBackend : IBackend
{
    /// <summary>The single instance.</summary>
    public static readonly CpuBackend Instance = new();

    private CpuBackend()
    {
    }

    /// <inheritdoc/>
    public Device Device => Device.CPU;

    /// <inheritdoc/>
    public string Description => $"cpu ({Environment.ProcessorCount} threads, GEMM: {GemmProvider.Current.Name})";

    internal static Span<float> S(Storage s) => ((CpuStorage)s).Span;

    /// <inheritdoc/>
    public Storage Allocate(int length, bool zero = true)
    {
        var array = BufferPool.Rent(length);
        if (zero)
        {
            array.AsSpan(0, length).Clear();
        }

        return new CpuStorage(array, length, BufferPool.IsPooled(length));
    }

    /// <inheritdoc/>
    public Storage FromHost(ReadOnlySpan<float> values)
    {
        var s = Allocate(values.Length, zero: false);
        values.CopyTo(S(s));
        return s;
    }

    /// <inheritdoc/>
    public void ToHost(Storage source, Span<float> destination)
    {
        S(source).CopyTo(destination);
        GC.KeepAlive(source);
    }

    /// <inheritdoc/>
    public void Fill(Storage destination, int count, float value)
    {
        S(destination)[..count].Fill(value);
        GC.KeepAlive(destination);
    }

    /// <inheritdoc/>
    public void CopyBlock(Storage source, int sourceOffset, int sourceRowStride,
                          Storage destination, int destinationOffset, int destinationRowStride, int rows, int cols)
    {
        var src = S(source);
        var dst = S(destination);
        if (sourceRowStride == cols && destinationRowStride == cols)
        {
            src.Slice(sourceOffset, rows * cols).CopyTo(dst.Slice(destinationOffset, rows * cols));
        }
        else
        {
            for (var r = 0; r < rows; r++)
            {
                src.Slice(sourceOffset + (r * sourceRowStride), cols)
                   .CopyTo(dst.Slice(destinationOffset + (r * destinationRowStride), cols));
            }
        }

        GC.KeepAlive(source);
        GC.KeepAlive(destination);
    }

    /// <inheritdoc/>
    public void StridedCopy(Storage source, int[] sourceStrides, Storage destination, int[] shape)
    {
        var src = S(source);
        var dst = S(destination);
        var rank = shape.Length;
        var total = dst.Length;
        if (rank == 0)
        {
            dst[0] = src[0];
        }
        else
        {
            var inner = shape[rank - 1];
            var innerStride = sourceStrides[rank - 1];
            var index = new int[rank];
            var offset = 0;
            for (var start = 0; start < total; start += inner)
            {
                var row = dst.Slice(start, inner);
                if (innerStride == 1)
                {
                    src.Slice(offset, inner).CopyTo(row);
                }
                else if (innerStride == 0)
                {
                    row.Fill(src[offset]);
                }
                else
                {
                    for (int i = 0, o = offset; i < inner; i++, o += innerStride)
                    {
                        row[i] = src[o];
                    }
                }

                // Advance the multi-index over the outer dimensions (odometer).
                for (var d = rank - 2; d >= 0; d--)
                {
                    offset += sourceStrides[d];
                    if (++index[d] < shape[d])
                    {
                        break;
                    }

                    offset -= sourceStrides[d] * shape[d];
                    index[d] = 0;
                }
            }
        }

        GC.KeepAlive(source);
        GC.KeepAlive(destination);
    }

    /// <inheritdoc/>
    public void IndexSelect(Storage x, int outer, int n, int inner, int[] index, Storage y)
    {
        var src = S(x);
        var dst = S(y);
        var m = index.Length;
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < m; j++)
            {
                src.Slice(((o * n) + index[j]) * inner, inner).CopyTo(dst.Slice(((o * m) + j) * inner, inner));
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void IndexAdd(Storage x, int outer, int n, int inner, int[] index, Storage y)
    {
        var src = S(x);
        var dst = S(y);
        var m = index.Length;
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < m; j++)
            {
                var target = dst.Slice(((o * n) + index[j]) * inner, inner);
                TensorPrimitives.Add(target, src.Slice(((o * m) + j) * inner, inner), target);
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void Gather(Storage x, int outer, int n, int inner, Storage index, int m, Storage y)
    {
        var src = S(x);
        var idx = S(index);
        var dst = S(y);
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < m; j++)
            {
                var row = ((o * m) + j) * inner;
                for (var i = 0; i < inner; i++)
                {
                    dst[row + i] = src[(((o * n) + (int)idx[row + i]) * inner) + i];
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(index);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void ScatterAdd(Storage x, int outer, int m, int inner, Storage index, int n, Storage y)
    {
        var src = S(x);
        var idx = S(index);
        var dst = S(y);
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < m; j++)
            {
                var row = ((o * m) + j) * inner;
                for (var i = 0; i < inner; i++)
                {
                    dst[(((o * n) + (int)idx[row + i]) * inner) + i] += src[row + i];
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(index);
        GC.KeepAlive(y);
    }
}
