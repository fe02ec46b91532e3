using Attend.Backends.Cpu;
using Attend.Benchmarks.Workloads;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Attend.Benchmarks;

/// <summary>BenchmarkDotNet settings: in-process (no generated project to build), short runs, allocations shown.</summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => ManualConfig.CreateMinimumViable()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(MemoryDiagnoser.Default);
}

/// <summary>Square products on the managed GEMM and on OpenBLAS (the same as managed when OpenBLAS is missing).</summary>
public class MatmulBenchmarks
{
    private MatmulWorkload workload = null!;

    [Params(64, 256, 1024)]
    public int Size { get; set; }

    [Params("managed", "openblas")]
    public string Provider { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        GemmProvider provider = ManagedGemm.Instance;
        if (Provider == "openblas" && OpenBlasGemm.TryLoad(out var blas, out _))
        {
            provider = blas!;
        }

        workload = new MatmulWorkload(Size, provider);
        workload.Setup();
    }

    [GlobalCleanup]
    public void Cleanup() => workload.Cleanup();

    [Benchmark]
    public void Matmul() => workload.Run();
}

/// <summary>The model-level workloads: one forward+backward (and update) each.</summary>
public class ModelBenchmarks
{
    private readonly LstmCellWorkload lstm = new();
    private readonly AttentionWorkload attention = new();
    private readonly MlpAdamWorkload mlp = new();

    [GlobalSetup]
    public void Setup()
    {
        lstm.Setup();
        attention.Setup();
        mlp.Setup();
    }

    [Benchmark]
    public void LstmCell() => lstm.Run();

    [Benchmark]
    public void Attention() => attention.Run();

    [Benchmark]
    public void MlpAdamStep() => mlp.Run();
}
