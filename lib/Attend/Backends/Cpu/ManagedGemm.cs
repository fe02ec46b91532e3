using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

/// <summary>
/// The managed GEMM. Transposed operands are packed into row-major panels first, then each row of C is
/// accumulated as a sum of scaled rows of B (C[i,:] += A[i,p]·B[p,:]), which streams B and C through
/// SIMD registers. Large products split the rows of C over threads; each output row has one writer, so
/// results do not depend on the thread count.
/// </summary>
public sealed class ManagedGemm : GemmProvider
{
    /// <summary>The single instance.</summary>
    public static readonly ManagedGemm Instance = new();

    private const long ParallelThreshold = 1L << 18;

    private ManagedGemm()
    {
    }

    /// <inheritdoc/>
    public override string Name => "managed";

    /// <inheritdoc/>
    public override void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
                               float[] a, int offsetA, int lda, float[] b, int offsetB, int ldb,
                               float beta, float[] c, int offsetC, int ldc)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        // Bring both operands to plain row-major A [m,k], B [k,n].
        if (transA)
        {
            a = Transposed(a, offsetA, lda, k, m);
            offsetA = 0;
            lda = k;
        }

        if (transB)
        {
            b = Transposed(b, offsetB, ldb, n, k);
            offsetB = 0;
            ldb = n;
        }

        var work = (long)m * n * k;
        if (work >= ParallelThreshold && m > 1)
        {
            var chunks = Math.Min(m, Environment.ProcessorCount * 4);
            Parallel.For(0, chunks, chunk =>
            {
                var start = (int)((long)m * chunk / chunks);
                var end = (int)((long)m * (chunk + 1) / chunks);
                Rows(start, end, n, k, alpha, a, offsetA, lda, b, offsetB, ldb, beta, c, offsetC, ldc);
            });
        }
        else
        {
            Rows(0, m, n, k, alpha, a, offsetA, lda, b, offsetB, ldb, beta, c, offsetC, ldc);
        }
    }

    private static void Rows(int start, int end, int n, int k, float alpha, float[] a, int offsetA, int lda,
                             float[] b, int offsetB, int ldb, float beta, float[] c, int offsetC, int ldc)
    {
        for (var i = start; i < end; i++)
        {
            var row = c.AsSpan(offsetC + (i * ldc), n);
            if (beta == 0)
            {
                row.Clear();
            }
            else if (beta != 1)
            {
                TensorPrimitives.Multiply(row, beta, row);
            }

            for (var p = 0; p < k; p++)
            {
                var s = alpha * a[offsetA + (i * lda) + p];
                if (s != 0)
                {
                    TensorPrimitives.MultiplyAdd(b.AsSpan(offsetB + (p * ldb), n), s, row, row);
                }
            }
        }
    }

    private static float[] Transposed(float[] source, int offset, int ld, int rows, int cols)
    {
        // source is [rows, cols] with row stride ld; the result is [cols, rows].
        var result = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var col = 0; col < cols; col++)
            {
                result[(col * rows) + r] = source[offset + (r * ld) + col];
            }
        }

        return result;
    }
}
