using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Attend.Backends.Cpu;

public sealed partial class ManagedGemm
{
    /// <summary>
    /// Copies rows [row0, row0 + rows) of op(A), all k columns, into one A panel: value (i, p) goes to
    /// panel[p·MR + i], so each step p of the micro-kernel reads MR consecutive floats. Rows past the edge are zero.
    /// </summary>
    private static unsafe void PackA(bool transA, float* a, int lda, int row0, int rows, int k, float* panel)
    {
        if (rows < MR)
        {
            new Span<float>(panel, MR * k).Clear();
        }

        if (!transA)
        {
            // A is [m, k] row-major, so the panel is a transpose of an MR×k block: 8×8 squares at a time with
            // AVX when MR is 8, then one value at a time for what is left.
            var done = 0;
            if (MR == 8 && rows == 8 && Avx.IsSupported)
            {
                for (; done + 8 <= k; done += 8)
                {
                    Transpose8x8(a + ((long)row0 * lda) + done, lda, panel + (done * 8), 8);
                }
            }

            for (var i = 0; i < rows; i++)
            {
                var source = a + ((long)(row0 + i) * lda);
                var target = panel + i;
                for (var p = done; p < k; p++)
                {
                    target[p * MR] = source[p];
                }
            }
        }
        else
        {
            // A is stored as its transpose, [k, m]: the MR values of one step are already side by side.
            for (var p = 0; p < k; p++)
            {
                new ReadOnlySpan<float>(a + ((long)p * lda) + row0, rows).CopyTo(new Span<float>(panel + (p * MR), rows));
            }
        }
    }

    /// <summary>
    /// Copies columns [col0, col0 + cols) of op(B), all k rows, into one B panel: value (p, j) goes to
    /// panel[p·NR + j], so each step p of the micro-kernel loads NR consecutive floats. Columns past the edge are zero.
    /// </summary>
    private static unsafe void PackB(bool transB, float* b, int ldb, int col0, int cols, int k, float* panel)
    {
        if (cols < NR)
        {
            new Span<float>(panel, NR * k).Clear();
        }

        if (!transB)
        {
            // B is [k, n] row-major: each step's NR values are a contiguous piece of one row.
            for (var p = 0; p < k; p++)
            {
                var source = b + ((long)p * ldb) + col0;
                var target = panel + (p * NR);
                if (cols == NR)
                {
                    for (var j = 0; j < NR; j += Vector<float>.Count)
                    {
                        Unsafe.WriteUnaligned(target + j, Unsafe.ReadUnaligned<Vector<float>>(source + j));
                    }
                }
                else
                {
                    new ReadOnlySpan<float>(source, cols).CopyTo(new Span<float>(target, cols));
                }
            }
        }
        else
        {
            // B is stored as its transpose, [n, k]: column j of op(B) is row j of the storage; transpose 8×8
            // squares with AVX, the rest one value at a time.
            var done = 0;
            if (cols == NR && NR % 8 == 0 && Avx.IsSupported)
            {
                for (; done + 8 <= k; done += 8)
                {
                    for (var j = 0; j < NR; j += 8)
                    {
                        Transpose8x8(b + ((long)(col0 + j) * ldb) + done, ldb, panel + (done * NR) + j, NR);
                    }
                }
            }

            for (var j = 0; j < cols; j++)
            {
                var source = b + ((long)(col0 + j) * ldb);
                var target = panel + j;
                for (var p = done; p < k; p++)
                {
                    target[p * NR] = source[p];
                }
            }
        }
    }

    /// <summary>
    /// Writes the transpose of the 8×8 block at <paramref name="source"/> (row stride <paramref name="sourceStride"/>)
    /// to <paramref name="target"/> (row stride <paramref name="targetStride"/>): the classic AVX sequence of
    /// unpacks (pairs), shuffles (quads) and 128-bit lane swaps.
    /// </summary>
    private static unsafe void Transpose8x8(float* source, int sourceStride, float* target, int targetStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + (2 * sourceStride));
        var r3 = Avx.LoadVector256(source + (3 * sourceStride));
        var r4 = Avx.LoadVector256(source + (4 * sourceStride));
        var r5 = Avx.LoadVector256(source + (5 * sourceStride));
        var r6 = Avx.LoadVector256(source + (6 * sourceStride));
        var r7 = Avx.LoadVector256(source + (7 * sourceStride));

        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(target, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(target + (2 * targetStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(target + (3 * targetStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(target + (4 * targetStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(target + (5 * targetStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(target + (6 * targetStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(target + (7 * targetStride), Avx.Permute2x128(s3, s7, 0x31));
    }
}
