using Attend.Benchmarks.Workloads;
using BenchmarkDotNet.Attributes;

namespace Attend.Benchmarks;

/// <summary>Chapter 8's ACT parity training step under BenchmarkDotNet (see <see cref="ActParityWorkload"/>).</summary>
public class ActBenchmarks
{
    private readonly ActParityWorkload act = new();

    [GlobalSetup]
    public void Setup() => act.Setup();

    [Benchmark]
    public void ActParityStep() => act.Run();
}
