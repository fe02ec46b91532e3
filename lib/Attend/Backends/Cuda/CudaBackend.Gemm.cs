using ILGPU;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// Matrix products: cuBLAS on a GPU, the tiled ILGPU kernel elsewhere.
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, TiledGemm.Args>? gemmKernel;

    /// <summary>How matrix products are computed here (cuBLAS and its path, or the ILGPU kernel and why).</summary>
    public string GemmProvider => gemmReason;

    /// <inheritdoc/>
    public void Gemm(bool transA, bool transB, int batch, int m, int n, int k, float alpha,
                     Storage a, int strideA, Storage b, int strideB, float beta, Storage c, int strideC)
    {
        Launch(batch * m * n, () =>
        {
            if (cublas is not null)
            {
                cublas.Gemm(transA, transB, batch, m, n, k, alpha, C(a).Block.Buffer.NativePtr, strideA,
                            C(b).Block.Buffer.NativePtr, strideB, beta, C(c).Block.Buffer.NativePtr, strideC);
            }
            else
            {
                var (args, threads) = TiledGemm.Plan(transA, transB, batch, m, n, k, alpha, strideA, strideB, beta, strideC);
                Kernel(ref gemmKernel, TiledGemm.Load)(threads, V(a), V(b), V(c), args);
            }
        });

        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
    }
}
