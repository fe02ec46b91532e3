using Attend.Benchmarks.Workloads;
using BenchmarkDotNet.Attributes;

namespace Attend.Benchmarks;

/// <summary>Chapter 5's NTM copy training step at batch 1 and 32.</summary>
public class NtmBenchmarks
{
    private NtmCopyWorkload workload = null!;

    [Params(1, 32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        workload = new NtmCopyWorkload(Batch);
        workload.Setup();
    }

    [Benchmark]
    public void NtmCopyTrainStep() => workload.Run();
}
