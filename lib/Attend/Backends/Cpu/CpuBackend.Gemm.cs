namespace Attend.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void Gemm(bool transA, bool transB, int batch, int m, int n, int k, float alpha,
                     Storage a, int strideA, Storage b, int strideB, float beta, Storage c, int strideC)
    {
        var provider = GemmProvider.Current;
        var av = ((CpuStorage)a).Array;
        var bv = ((CpuStorage)b).Array;
        var cv = ((CpuStorage)c).Array;
        var lda = transA ? m : k;
        var ldb = transB ? k : n;
        for (var i = 0; i < batch; i++)
        {
            provider.Sgemm(transA, transB, m, n, k, alpha, av, i * strideA, lda, bv, i * strideB, ldb, beta, cv, i * strideC, n);
        }

        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
    }
}
