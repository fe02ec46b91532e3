using System.Buffers;
using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

public sealed partial class ManagedGemm
{
    /// <summary>
    /// The m = 1 or n = 1 products (a vector times a matrix, as attention scores): each output is a dot
    /// product, or the output is a sum of scaled rows, whichever reads memory contiguously.
    /// </summary>
    private static void Gemv(bool transA, bool transB, int m, int n, int k, float alpha,
                             float[] a, int offsetA, int lda, float[] b, int offsetB, int ldb,
                             float beta, float[] c, int offsetC, int ldc)
    {
        float[]? rented = null;
        try
        {
            if (n == 1)
            {
                // c[i] = alpha · op(A)[i, :] · x + beta · c[i], with x = the one column of op(B).
                var x = Contiguous(b, offsetB, k, transB ? 1 : ldb, ref rented);
                if (!transA)
                {
                    for (var i = 0; i < m; i++)
                    {
                        var dot = TensorPrimitives.Dot(a.AsSpan(offsetA + (i * lda), k), x);
                        Write(ref c[offsetC + (i * ldc)], dot, alpha, beta);
                    }
                }
                else
                {
                    // op(A) = Aᵀ with A stored [k, m]: c = Σ_p x[p] · (row p of the storage).
                    SumOfRows(a, offsetA, lda, m, k, x, alpha, beta, c, offsetC, ldc);
                }
            }
            else
            {
                // m == 1: c[j] = alpha · y · op(B)[:, j] + beta · c[j], with y = the one row of op(A).
                var y = Contiguous(a, offsetA, k, transA ? lda : 1, ref rented);
                if (transB)
                {
                    // op(B) = Bᵀ with B stored [n, k]: column j of op(B) is row j of the storage.
                    for (var j = 0; j < n; j++)
                    {
                        var dot = TensorPrimitives.Dot(b.AsSpan(offsetB + (j * ldb), k), y);
                        Write(ref c[offsetC + j], dot, alpha, beta);
                    }
                }
                else
                {
                    SumOfRows(b, offsetB, ldb, n, k, y, alpha, beta, c, offsetC, 1);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>result = alpha · Σ_p weights[p] · rows[p, :length] + beta · result (result has stride <paramref name="stride"/>).</summary>
    private static void SumOfRows(float[] rows, int offset, int ld, int length, int count, ReadOnlySpan<float> weights,
                                  float alpha, float beta, float[] result, int offsetResult, int stride)
    {
        var sum = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var acc = sum.AsSpan(0, length);
            acc.Clear();
            for (var p = 0; p < count; p++)
            {
                TensorPrimitives.MultiplyAdd(rows.AsSpan(offset + (p * ld), length), weights[p], acc, acc);
            }

            for (var i = 0; i < length; i++)
            {
                Write(ref result[offsetResult + (i * stride)], acc[i], alpha, beta);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sum);
        }
    }

    /// <summary>The <paramref name="count"/> values at a stride as a contiguous span (copied only when strided).</summary>
    private static ReadOnlySpan<float> Contiguous(float[] source, int offset, int count, int stride, ref float[]? rented)
    {
        if (stride == 1 || count == 1)
        {
            return source.AsSpan(offset, count);
        }

        rented = ArrayPool<float>.Shared.Rent(count);
        for (var p = 0; p < count; p++)
        {
            rented[p] = source[offset + (p * stride)];
        }

        return rented.AsSpan(0, count);
    }

    private static void Write(ref float target, float sum, float alpha, float beta) =>
        target = beta == 0 ? alpha * sum : (alpha * sum) + (beta * target);
}
