using Attend.Backends.Cpu;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One measured unit of work, shared by the BenchmarkDotNet classes and the plain timing mode
/// (<c>--compare-json</c>), and mirrored one-to-one by compare.py on PyTorch (same names, same shapes).
/// </summary>
public abstract class Workload
{
    /// <summary>The row name in the comparison table, e.g. "matmul 256 (managed)".</summary>
    public abstract string Name { get; }

    /// <summary>Creates the inputs (seeded) outside the timed region.</summary>
    public abstract void Setup();

    /// <summary>The timed work.</summary>
    public abstract void Run();

    /// <summary>Undoes global settings made by <see cref="Setup"/>.</summary>
    public virtual void Cleanup()
    {
    }

    /// <summary>Every workload of the suite, in table order.</summary>
    public static IEnumerable<Workload> All()
    {
        var openBlas = OpenBlasGemm.TryLoad(out var blas, out _) ? blas : null;
        foreach (var size in new[] { 64, 256, 1024 })
        {
            yield return new MatmulWorkload(size, ManagedGemm.Instance);
            if (openBlas is not null)
            {
                yield return new MatmulWorkload(size, openBlas);
            }
        }

        yield return new LstmCellWorkload();
        yield return new AttentionWorkload();
        yield return new MlpAdamWorkload();
        yield return new ActParityWorkload();
        yield return new MemN2NWorkload();
        yield return new NtmCopyWorkload(1);
        yield return new NtmCopyWorkload(32);
        yield return new DmnWorkload();
        yield return new NeuralProgrammerWorkload();
        yield return new BahdanauWorkload(64);
        yield return new CaptionerWorkload(32);
    }
}
