using Attend.Backends.Cpu;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// A square product a·b of size n (no gradients) through the tensor API, with the GEMM provider forced to the
/// managed kernel or to OpenBLAS. (Which one the library picks on its own is printed with the results.)
/// </summary>
public sealed class MatmulWorkload(int size, GemmProvider provider) : Workload
{
    private Tensor a = null!;
    private Tensor b = null!;

    public override string Name => $"matmul {size} ({(provider is ManagedGemm ? "managed" : "openblas")})";

    public override void Setup()
    {
        GemmProvider.Override(provider);
        torch.manual_seed(0);
        a = torch.randn(size, size);
        b = torch.randn(size, size);
    }

    public override void Run() => a.matmul(b);

    public override void Cleanup() => GemmProvider.Override(null);
}
