using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Attend.Backends.Cpu;

public sealed partial class ManagedGemm
{
    /// <summary>AVX-512 (or another 512-bit SIMD unit) is available and fast: use the 8×32 kernel.</summary>
    private static readonly bool Use512 = Vector512.IsHardwareAccelerated;

    /// <summary>Rows of the register tile: 8 with 512-bit vectors (16 accumulators of 32), else 6 (12 of 16 or 32).</summary>
    private static readonly int MR = Use512 ? 8 : 6;

    /// <summary>Columns of the register tile: two vectors (32 floats with AVX-512, 16 with AVX2, 8 with NEON).</summary>
    private static readonly int NR = Use512 ? 32 : 2 * Vector<float>.Count;

    private static string KernelName => Use512 ? "avx512 8x32" : $"{Vector<float>.Count * 32}-bit {MR}x{NR}";

    /// <summary>
    /// C tile (rows × cols of MR × NR) = alpha · Σ_p a[p]ᵀ b[p] + beta · C tile, over kc steps of a packed A panel
    /// (MR floats per step) and a packed B panel (NR floats per step).
    /// </summary>
    private static unsafe void MicroKernel(int kc, float* a, float* b, int bStride, float* c, int ldc, int rows, int cols,
                                           float alpha, float beta)
    {
        if (Use512)
        {
            Kernel8x32(kc, a, b, bStride, c, ldc, rows, cols, alpha, beta);
        }
        else
        {
            Kernel6xN(kc, a, b, bStride, c, ldc, rows, cols, alpha, beta);
        }
    }

    /// <summary>The AVX-512 kernel: 8 rows × 2 vectors of 16 accumulate in 16 of the 32 zmm registers.</summary>
    [SkipLocalsInit]
    private static unsafe void Kernel8x32(int kc, float* a, float* b, int bStride, float* c, int ldc, int rows, int cols,
                                          float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < kc; p++, a += 8, b += bStride)
        {
            // One rank-1 update: row i of the tile += a[i] · (the 32 values of B at step p).
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var ai = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(ai, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(ai, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(ai, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(ai, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(ai, b1, c71);
        }

        if (rows == 8 && cols == 32)
        {
            Store(c, c00, c01, alpha, beta);
            Store(c + ldc, c10, c11, alpha, beta);
            Store(c + (2 * ldc), c20, c21, alpha, beta);
            Store(c + (3 * ldc), c30, c31, alpha, beta);
            Store(c + (4 * ldc), c40, c41, alpha, beta);
            Store(c + (5 * ldc), c50, c51, alpha, beta);
            Store(c + (6 * ldc), c60, c61, alpha, beta);
            Store(c + (7 * ldc), c70, c71, alpha, beta);
            return;
        }

        // An edge tile: spill the registers, then write only the part inside C.
        var tile = stackalloc float[8 * 32];
        c00.Store(tile);
        c01.Store(tile + 16);
        c10.Store(tile + 32);
        c11.Store(tile + 48);
        c20.Store(tile + 64);
        c21.Store(tile + 80);
        c30.Store(tile + 96);
        c31.Store(tile + 112);
        c40.Store(tile + 128);
        c41.Store(tile + 144);
        c50.Store(tile + 160);
        c51.Store(tile + 176);
        c60.Store(tile + 192);
        c61.Store(tile + 208);
        c70.Store(tile + 224);
        c71.Store(tile + 240);
        StoreEdge(tile, 32, c, ldc, rows, cols, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(float* row, Vector512<float> lo, Vector512<float> hi, float alpha, float beta)
    {
        var va = Vector512.Create(alpha);
        if (beta == 0)
        {
            (lo * va).Store(row); // C is not read: it may hold garbage
            (hi * va).Store(row + 16);
        }
        else
        {
            var vb = Vector512.Create(beta);
            ((lo * va) + (Vector512.Load(row) * vb)).Store(row);
            ((hi * va) + (Vector512.Load(row + 16) * vb)).Store(row + 16);
        }
    }

    /// <summary>
    /// The portable kernel on <see cref="Vector{T}"/> (AVX2: 6 × 2 vectors of 8 in 12 of the 16 ymm registers;
    /// Arm NEON: 6 × 2 vectors of 4). MultiplyAddEstimate is a fused multiply-add where the CPU has one and a
    /// multiply then an add where it does not (a software-emulated FMA would be a hundred times slower).
    /// </summary>
    [SkipLocalsInit]
    private static unsafe void Kernel6xN(int kc, float* a, float* b, int bStride, float* c, int ldc, int rows, int cols,
                                         float alpha, float beta)
    {
        var w = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++, a += 6, b += bStride)
        {
            var b0 = Vector.Load(b);
            var b1 = Vector.Load(b + w);
            var ai = Vector.Create(a[0]);
            c00 = Vector.MultiplyAddEstimate(ai, b0, c00);
            c01 = Vector.MultiplyAddEstimate(ai, b1, c01);
            ai = Vector.Create(a[1]);
            c10 = Vector.MultiplyAddEstimate(ai, b0, c10);
            c11 = Vector.MultiplyAddEstimate(ai, b1, c11);
            ai = Vector.Create(a[2]);
            c20 = Vector.MultiplyAddEstimate(ai, b0, c20);
            c21 = Vector.MultiplyAddEstimate(ai, b1, c21);
            ai = Vector.Create(a[3]);
            c30 = Vector.MultiplyAddEstimate(ai, b0, c30);
            c31 = Vector.MultiplyAddEstimate(ai, b1, c31);
            ai = Vector.Create(a[4]);
            c40 = Vector.MultiplyAddEstimate(ai, b0, c40);
            c41 = Vector.MultiplyAddEstimate(ai, b1, c41);
            ai = Vector.Create(a[5]);
            c50 = Vector.MultiplyAddEstimate(ai, b0, c50);
            c51 = Vector.MultiplyAddEstimate(ai, b1, c51);
        }

        if (rows == 6 && cols == 2 * w)
        {
            // A full tile (all but the edges of C): store the accumulators directly. Spilling every tile and writing
            // it back one float at a time cost about a fifth of a 128 × 128 × 128 product.
            StoreN(c, c00, c01, w, alpha, beta);
            StoreN(c + ldc, c10, c11, w, alpha, beta);
            StoreN(c + (2 * ldc), c20, c21, w, alpha, beta);
            StoreN(c + (3 * ldc), c30, c31, w, alpha, beta);
            StoreN(c + (4 * ldc), c40, c41, w, alpha, beta);
            StoreN(c + (5 * ldc), c50, c51, w, alpha, beta);
            return;
        }

        // An edge tile: spill to a tile, then write only the part inside C.
        var nr = 2 * w;
        var tile = stackalloc float[6 * 2 * 16]; // a constant size (Vector<float> has at most 16 lanes) keeps the
                                                 // accumulators in registers; a variable-size stackalloc spills them
        c00.Store(tile);
        c01.Store(tile + w);
        c10.Store(tile + nr);
        c11.Store(tile + nr + w);
        c20.Store(tile + (2 * nr));
        c21.Store(tile + (2 * nr) + w);
        c30.Store(tile + (3 * nr));
        c31.Store(tile + (3 * nr) + w);
        c40.Store(tile + (4 * nr));
        c41.Store(tile + (4 * nr) + w);
        c50.Store(tile + (5 * nr));
        c51.Store(tile + (5 * nr) + w);
        StoreEdge(tile, nr, c, ldc, rows, cols, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreN(float* row, Vector<float> lo, Vector<float> hi, int w, float alpha, float beta)
    {
        var va = new Vector<float>(alpha);
        if (beta == 0)
        {
            (lo * va).Store(row); // C is not read: it may hold garbage
            (hi * va).Store(row + w);
        }
        else
        {
            var vb = new Vector<float>(beta);
            ((lo * va) + (Vector.Load(row) * vb)).Store(row);
            ((hi * va) + (Vector.Load(row + w) * vb)).Store(row + w);
        }
    }

    /// <summary>Writes the top-left rows × cols of a spilled tile into C: C = alpha·tile + beta·C.</summary>
    private static unsafe void StoreEdge(float* tile, int tileStride, float* c, int ldc, int rows, int cols,
                                         float alpha, float beta)
    {
        for (var i = 0; i < rows; i++)
        {
            var source = tile + (i * tileStride);
            var target = c + ((long)i * ldc);
            for (var j = 0; j < cols; j++)
            {
                target[j] = beta == 0 ? alpha * source[j] : (alpha * source[j]) + (beta * target[j]);
            }
        }
    }
}
