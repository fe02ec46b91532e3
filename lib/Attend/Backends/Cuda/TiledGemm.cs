using ILGPU;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

/// <summary>
/// The GEMM kernel used where cuBLAS is absent (ILGPU's CPU accelerator in CI, or a GPU without the library): each
/// group of <see cref="Tile"/> × <see cref="Tile"/> threads computes one tile of C, staging a tile of A and one of B
/// in shared memory per step along k, so every value read from device memory is used <see cref="Tile"/> times.
/// </summary>
/// <remarks>
/// Chapter 1 (the tensor engine): matrix products. Correct for every size and transpose; on a GPU it is several
/// times slower than cuBLAS, which is why the backend prefers cuBLAS there.
/// </remarks>
internal static class TiledGemm
{
    /// <summary>The tile edge: groups of 8 × 8 = 64 threads (the emulator's CPU device allows 64 per group).</summary>
    public const int Tile = 8;

    /// <summary>The product's sizes: C[m,n] = alpha·op(A)·op(B) + beta·C, per batch item at the given strides.</summary>
    internal struct Args
    {
        public int TransA, TransB, M, N, K, StrideA, StrideB, StrideC;
        public float Alpha, Beta;
    }

    /// <summary>Loads the kernel (explicitly grouped: it needs shared memory and barriers).</summary>
    public static Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, Args> Load(Accelerator accelerator) =>
        accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, Args>(Kernel);

    /// <summary>The launch shape: one group per tile of C, one grid layer per batch item.</summary>
    public static KernelConfig Config(int batch, int m, int n) =>
        new(new Index3D((n + Tile - 1) / Tile, (m + Tile - 1) / Tile, batch), new Index3D(Tile, Tile, 1));

    private static void Kernel(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, Args g)
    {
        var tileA = SharedMemory.Allocate<float>(Tile * Tile);
        var tileB = SharedMemory.Allocate<float>(Tile * Tile);
        var (tx, ty) = (Group.IdxX, Group.IdxY);
        var col = (Grid.IdxX * Tile) + tx;
        var row = (Grid.IdxY * Tile) + ty;
        var item = Grid.IdxZ;
        var (offA, offB, offC) = (item * g.StrideA, item * g.StrideB, item * g.StrideC);
        var acc = 0f;
        for (var k0 = 0; k0 < g.K; k0 += Tile)
        {
            // Thread (ty, tx) loads A[row, k0 + tx] and B[k0 + ty, col]; A is [m,k] or [k,m], B is [k,n] or [n,k].
            var ka = k0 + tx;
            tileA[(ty * Tile) + tx] = row < g.M && ka < g.K
                ? a[offA + (g.TransA != 0 ? (ka * g.M) + row : (row * g.K) + ka)]
                : 0f;
            var kb = k0 + ty;
            tileB[(ty * Tile) + tx] = kb < g.K && col < g.N
                ? b[offB + (g.TransB != 0 ? (col * g.K) + kb : (kb * g.N) + col)]
                : 0f;
            Group.Barrier();
            for (var kk = 0; kk < Tile; kk++)
            {
                acc += tileA[(ty * Tile) + kk] * tileB[(kk * Tile) + tx];
            }

            Group.Barrier();
        }

        if (row < g.M && col < g.N)
        {
            var at = offC + (row * g.N) + col;
            c[at] = g.Beta == 0f ? g.Alpha * acc : (g.Alpha * acc) + (g.Beta * c[at]); // beta = 0 never reads C (NaN-safe)
        }
    }
}
