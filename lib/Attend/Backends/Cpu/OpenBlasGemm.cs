using System.Runtime.InteropServices;

namespace Attend.Backends.Cpu;

/// <summary>
/// <c>cblas_sgemm</c> from the system's OpenBLAS, resolved at run time with <see cref="NativeLibrary"/> so a
/// machine without it simply keeps the managed GEMM.
/// </summary>
public sealed unsafe class OpenBlasGemm : GemmProvider
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly string[] Candidates =
    [
        "libopenblas.so.0", "libopenblasp.so.0", "libopenblas.so", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "libopenblas.dylib", "libopenblas.dll",
    ];

    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm;
    private readonly string name;

    private OpenBlasGemm(nint function, string library)
    {
        sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)function;
        name = $"openblas ({library})";
    }

    /// <inheritdoc/>
    public override string Name => name;

    /// <summary>Tries the usual OpenBLAS sonames; <paramref name="tried"/> lists them for the report.</summary>
    public static bool TryLoad(out OpenBlasGemm? provider, out string tried)
    {
        tried = string.Join(", ", Candidates);
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var fn))
            {
                provider = new OpenBlasGemm(fn, candidate);
                return true;
            }
        }

        provider = null;
        return false;
    }

    /// <inheritdoc/>
    public override void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
                               float[] a, int offsetA, int lda, float[] b, int offsetB, int ldb,
                               float beta, float[] c, int offsetC, int ldc)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha,
                  pa + offsetA, Math.Max(lda, 1), pb + offsetB, Math.Max(ldb, 1), beta, pc + offsetC, Math.Max(ldc, 1));
        }
    }
}
