using Attend.Backends.Cpu;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// A square product a·b of size n (no gradients), with the managed GEMM forced or with the provider the
/// library chose (OpenBLAS when it loads, else managed again).
/// </summary>
public sealed class MatmulWorkload(int size, bool managed) : Workload
{
    private Tensor a = null!;
    private Tensor b = null!;

    /// <summary>The GEMM provider the library picks on its own.</summary>
    public static string ChosenProvider => GemmProvider.Current.Name;

    public override string Name => $"matmul {size} ({(managed ? "managed" : "provider")})";

    public int Size => size;

    public override void Setup()
    {
        GemmProvider.Override(managed ? ManagedGemm.Instance : null);
        torch.manual_seed(0);
        a = torch.randn(size, size);
        b = torch.randn(size, size);
    }

    public override void Run() => a.matmul(b);

    public override void Cleanup() => GemmProvider.Override(null);
}
