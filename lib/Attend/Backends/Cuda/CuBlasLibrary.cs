using System.Runtime.InteropServices;
using ILGPU.Runtime.Cuda;

namespace Attend.Backends.Cuda;

/// <summary>
/// cuBLAS, loaded at run time by versioned name: GPU machines carry it in the CUDA toolkit, in the system library
/// path, or inside PyTorch's pip wheels (site-packages/nvidia/cublas/lib, nvidia/cu13/lib), so every such place is
/// tried and the error lists them all. Only <c>cublasSgemmStridedBatched</c> is needed: row-major C = op(A)·op(B) is
/// column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, so the operands are passed swapped and nothing is transposed in memory.
/// </summary>
/// <remarks>
/// Chapter 1 (the tensor engine): matrix products. Set <c>ATTEND_CUBLAS</c> to a full path to use a specific library.
/// ILGPU.Algorithms' own CuBlas wrapper binds fixed names (libcublas.so.11/12) through DllImport and cannot report
/// where it looked, so the backend binds the one entry point it needs itself.
/// </remarks>
internal sealed unsafe class CuBlasLibrary
{
    private readonly IntPtr handle;
    private readonly delegate* unmanaged<IntPtr, int, int, int, int, int, float*, IntPtr, int, long, IntPtr, int, long, float*, IntPtr, int, long, int, int> sgemmStridedBatched;

    private CuBlasLibrary(string path, IntPtr handle,
        delegate* unmanaged<IntPtr, int, int, int, int, int, float*, IntPtr, int, long, IntPtr, int, long, float*, IntPtr, int, long, int, int> sgemm)
    {
        Path = path;
        this.handle = handle;
        sgemmStridedBatched = sgemm;
    }

    /// <summary>The library file that was loaded.</summary>
    public string Path { get; }

    /// <summary>The library names tried, newest CUDA first.</summary>
    public static readonly string[] Names = OperatingSystem.IsWindows()
        ? ["cublas64_13.dll", "cublas64_12.dll", "cublas64_11.dll"]
        : ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"];

    /// <summary>Every candidate path: ATTEND_CUBLAS, the bare names (system search), then known folders.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var list = new List<string>();
        if (Environment.GetEnvironmentVariable("ATTEND_CUBLAS") is { Length: > 0 } explicitPath)
        {
            list.Add(explicitPath);
        }

        list.AddRange(Names);
        var folders = new List<string>();
        foreach (var variable in new[] { "CUDA_PATH", "CUDA_HOME" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } root)
            {
                folders.Add(System.IO.Path.Combine(root, "lib64"));
                folders.Add(System.IO.Path.Combine(root, "bin"));
            }
        }

        folders.AddRange(["/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib", "/usr/lib/x86_64-linux-gnu"]);
        foreach (var root in new[] { "/usr/local/lib", "/usr/lib", "/opt/conda/lib",
                                     System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local/lib") })
        {
            foreach (var python in SafeDirectories(root, "python3*"))
            {
                foreach (var packages in new[] { "site-packages", "dist-packages" })
                {
                    var nvidia = System.IO.Path.Combine(python, packages, "nvidia");
                    folders.Add(System.IO.Path.Combine(nvidia, "cublas", "lib"));
                    folders.AddRange(SafeDirectories(nvidia, "cu1*").Select(d => System.IO.Path.Combine(d, "lib")));
                }
            }
        }

        foreach (var folder in folders.Distinct())
        {
            list.AddRange(Names.Select(name => System.IO.Path.Combine(folder, name)));
        }

        return list;
    }

    private static IEnumerable<string> SafeDirectories(string root, string pattern)
    {
        try
        {
            return Directory.Exists(root) ? Directory.GetDirectories(root, pattern) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Loads cuBLAS for <paramref name="accelerator"/> and binds it to its stream, or returns null with
    /// <paramref name="reason"/> saying which paths were tried (the backend then uses <see cref="TiledGemm"/>).
    /// </summary>
    public static CuBlasLibrary? TryCreate(CudaAccelerator accelerator, out string reason)
    {
        var tried = Candidates();
        foreach (var candidate in tried)
        {
            if (!NativeLibrary.TryLoad(candidate, out var library))
            {
                continue;
            }

            if (!NativeLibrary.TryGetExport(library, "cublasCreate_v2", out var create) ||
                !NativeLibrary.TryGetExport(library, "cublasSetStream_v2", out var setStream) ||
                !NativeLibrary.TryGetExport(library, "cublasSgemmStridedBatched", out var sgemm))
            {
                continue;
            }

            accelerator.Bind();
            IntPtr handle;
            var status = ((delegate* unmanaged<IntPtr*, int>)create)(&handle);
            if (status != 0)
            {
                reason = $"ILGPU tiled GEMM kernel (cuBLAS at {candidate} loaded but cublasCreate failed with status {status})";
                return null;
            }

            var stream = ((CudaStream)accelerator.DefaultStream).StreamPtr;
            status = ((delegate* unmanaged<IntPtr, IntPtr, int>)setStream)(handle, stream);
            if (status != 0)
            {
                reason = $"ILGPU tiled GEMM kernel (cublasSetStream failed with status {status})";
                return null;
            }

            reason = $"cuBLAS ({candidate})";
            return new CuBlasLibrary(candidate, handle,
                (delegate* unmanaged<IntPtr, int, int, int, int, int, float*, IntPtr, int, long, IntPtr, int, long, float*, IntPtr, int, long, int, int>)sgemm);
        }

        reason = $"ILGPU tiled GEMM kernel (cuBLAS not found; tried {string.Join(", ", tried)})";
        return null;
    }

    /// <summary>
    /// Row-major batched C = alpha·op(A)·op(B) + beta·C with device pointers (already offset); throws with the status
    /// when cuBLAS refuses the call.
    /// </summary>
    public void Gemm(bool transA, bool transB, int batch, int m, int n, int k, float alpha,
                     IntPtr a, long strideA, IntPtr b, long strideB, float beta, IntPtr c, long strideC)
    {
        const int opN = 0, opT = 1;
        var lda = transA ? m : k;
        var ldb = transB ? k : n;
        var status = sgemmStridedBatched(handle, transB ? opT : opN, transA ? opT : opN, n, m, k, &alpha,
                                         b, ldb, strideB, a, lda, strideA, &beta, c, n, strideC, batch);
        if (status != 0)
        {
            throw new InvalidOperationException(
                $"cuda: cublasSgemmStridedBatched failed with status {status} (m={m}, n={n}, k={k}, batch={batch}, " +
                $"transA={transA}, transB={transB}; library {Path}).");
        }
    }
}
