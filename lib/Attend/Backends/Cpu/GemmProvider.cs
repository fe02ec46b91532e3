using System.Runtime.Intrinsics;

namespace Attend.Backends.Cpu;

/// <summary>
/// A single-precision matrix product C = alpha·op(A)·op(B) + beta·C on row-major arrays with leading
/// dimensions (row strides) lda, ldb, ldc. Implemented by the managed <see cref="ManagedGemm"/> and,
/// when the system has it, OpenBLAS's <c>cblas_sgemm</c> (see <see cref="Current"/> for which one is used).
/// </summary>
public abstract class GemmProvider
{
    private static readonly Lazy<GemmProvider> Chosen = new(Choose);
    private static GemmProvider? overridden;

    /// <summary>Short name shown in reports, e.g. "managed" or "openblas (libopenblas.so.0)".</summary>
    public abstract string Name { get; }

    /// <summary>The provider every CPU matmul uses: chosen once, reported by <c>torch.backends.describe()</c>.</summary>
    public static GemmProvider Current => overridden ?? Chosen.Value;

    /// <summary>Why the provider was chosen (e.g. which libraries were tried).</summary>
    public static string Reason { get; private set; } = "";

    /// <summary>Replaces the provider (tests and benchmarks compare providers); null restores the default.</summary>
    public static void Override(GemmProvider? provider) => overridden = provider;

    /// <summary>Computes C = alpha·op(A)·op(B) + beta·C.</summary>
    public abstract void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
                               float[] a, int offsetA, int lda, float[] b, int offsetB, int ldb,
                               float beta, float[] c, int offsetC, int ldc);

    /// <summary>
    /// ATTEND_BLAS=managed forces the managed GEMM and ATTEND_BLAS=openblas prefers OpenBLAS. Otherwise: on CPUs with
    /// fast 512-bit vectors the managed AVX-512 kernel is used (it runs near the CPU's peak, as fast as OpenBLAS on
    /// large products and faster on the small ones of a training step, with no worker threads to wake); elsewhere
    /// OpenBLAS when it loads, whose hand-written AVX2/NEON kernels beat the portable managed one.
    /// </summary>
    private static GemmProvider Choose()
    {
        var setting = Environment.GetEnvironmentVariable("ATTEND_BLAS")?.Trim().ToLowerInvariant();
        if (setting is "managed" or "none" or "0")
        {
            Reason = "ATTEND_BLAS=managed";
            return ManagedGemm.Instance;
        }

        if (setting != "openblas" && Vector512.IsHardwareAccelerated)
        {
            Reason = "AVX-512: the managed 8x32 kernel (set ATTEND_BLAS=openblas to prefer OpenBLAS)";
            return ManagedGemm.Instance;
        }

        if (OpenBlasGemm.TryLoad(out var blas, out var tried))
        {
            Reason = $"loaded {blas!.Name}";
            return blas;
        }

        Reason = $"no OpenBLAS found (tried {tried}); using the managed GEMM";
        return ManagedGemm.Instance;
    }
}
