using ILGPU;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

/// <summary>
/// The GEMM kernel used where cuBLAS is absent (ILGPU's CPU accelerator in CI, or a GPU without the library): each
/// thread computes one <see cref="Tile"/> × <see cref="Tile"/> tile of C in registers, so every value it reads from A
/// or B is used <see cref="Tile"/> times (a 4 × 4 register tile does 16 multiply-adds per 8 loads instead of 1 per 2).
/// </summary>
/// <remarks>
/// Chapter 1 (the tensor engine): matrix products. Register tiles need no shared memory and no barriers, which is what
/// makes the kernel fast on ILGPU's CPU accelerator too (its group barriers are OS-thread barriers); on a GPU it is
/// several times slower than cuBLAS, which is why the backend prefers cuBLAS there. Correct for every size and
/// transpose: the tiles at the right and bottom edges skip the rows and columns outside C.
/// </remarks>
internal static class TiledGemm
{
    /// <summary>The register tile's edge.</summary>
    public const int Tile = 4;

    /// <summary>The product's sizes: C[m,n] = alpha·op(A)·op(B) + beta·C, per batch item at the given strides.</summary>
    internal struct Args
    {
        public int TransA, TransB, M, N, K, StrideA, StrideB, StrideC, TilesM, TilesN;
        public float Alpha, Beta;
    }

    /// <summary>Loads the kernel (auto-grouped: one thread per tile of C, tiles of every batch item in one launch).</summary>
    public static Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, Args> Load(Accelerator accelerator) =>
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, Args>(Kernel);

    /// <summary>The arguments and the number of threads for one batched product.</summary>
    public static (Args Args, int Threads) Plan(bool transA, bool transB, int batch, int m, int n, int k, float alpha,
                                                int strideA, int strideB, float beta, int strideC)
    {
        var args = new Args
        {
            TransA = transA ? 1 : 0,
            TransB = transB ? 1 : 0,
            M = m,
            N = n,
            K = k,
            StrideA = strideA,
            StrideB = strideB,
            StrideC = strideC,
            Alpha = alpha,
            Beta = beta,
            TilesM = (m + Tile - 1) / Tile,
            TilesN = (n + Tile - 1) / Tile,
        };
        return (args, batch * args.TilesM * args.TilesN);
    }

    private static void Kernel(Index1D t, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, Args g)
    {
        var tileN = t % g.TilesN;
        var tileM = (t / g.TilesN) % g.TilesM;
        var item = t / (g.TilesN * g.TilesM);
        var (offA, offB, offC) = (item * g.StrideA, item * g.StrideB, item * g.StrideC);
        var (row0, col0) = (tileM * Tile, tileN * Tile);

        // Element (r, kk) of A is at r·K + kk, or kk·M + r when transposed; (kk, col) of B at kk·N + col or col·K + kk.
        var (aRow, aK) = g.TransA != 0 ? (1, g.M) : (g.K, 1);
        var (bK, bCol) = g.TransB != 0 ? (1, g.K) : (g.N, 1);

        // Rows and columns outside C read a clamped (valid) index and are never written.
        var r0 = offA + (Clamp(row0, g.M) * aRow);
        var r1 = offA + (Clamp(row0 + 1, g.M) * aRow);
        var r2 = offA + (Clamp(row0 + 2, g.M) * aRow);
        var r3 = offA + (Clamp(row0 + 3, g.M) * aRow);
        var c0 = offB + (Clamp(col0, g.N) * bCol);
        var c1 = offB + (Clamp(col0 + 1, g.N) * bCol);
        var c2 = offB + (Clamp(col0 + 2, g.N) * bCol);
        var c3 = offB + (Clamp(col0 + 3, g.N) * bCol);
        float s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        float s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (var kk = 0; kk < g.K; kk++)
        {
            var (ka, kb) = (kk * aK, kk * bK);
            var (a0, a1, a2, a3) = (a[r0 + ka], a[r1 + ka], a[r2 + ka], a[r3 + ka]);
            var (b0, b1, b2, b3) = (b[c0 + kb], b[c1 + kb], b[c2 + kb], b[c3 + kb]);
            s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
            s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
            s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
            s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
        }

        Store(c, offC, g, row0, col0, s00, s01, s02, s03);
        Store(c, offC, g, row0 + 1, col0, s10, s11, s12, s13);
        Store(c, offC, g, row0 + 2, col0, s20, s21, s22, s23);
        Store(c, offC, g, row0 + 3, col0, s30, s31, s32, s33);
    }

    private static int Clamp(int index, int size) => index < size ? index : size - 1;

    /// <summary>Writes one row of a tile: C = alpha·sum + beta·C, where beta = 0 never reads C (NaN-safe).</summary>
    private static void Store(ArrayView<float> c, int offC, Args g, int row, int col0, float v0, float v1, float v2, float v3)
    {
        if (row >= g.M)
        {
            return;
        }

        var at = offC + (row * g.N) + col0;
        Put(c, at, col0 < g.N, v0, g);
        Put(c, at + 1, col0 + 1 < g.N, v1, g);
        Put(c, at + 2, col0 + 2 < g.N, v2, g);
        Put(c, at + 3, col0 + 3 < g.N, v3, g);
    }

    private static void Put(ArrayView<float> c, int at, bool inside, float sum, Args g)
    {
        if (inside)
        {
            c[at] = g.Beta == 0f ? g.Alpha * sum : (g.Alpha * sum) + (g.Beta * c[at]);
        }
    }
}
