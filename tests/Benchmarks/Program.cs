using Attend.Benchmarks;
using BenchmarkDotNet.Running;

// Two ways to run the suite:
//   dotnet run -c Release -- --compare-json out.json [--threads N] [--reps N] [--filter text]
//       plain timing: each workload warmed up, then run N times; median ms per workload written as JSON
//       (what compare.py reads next to PyTorch's numbers).
//   dotnet run -c Release -- [BenchmarkDotNet arguments, e.g. --filter *Matmul*]
//       the same workloads under BenchmarkDotNet (in-process), with its statistics and memory diagnoser.
//   dotnet run -c Release -- --profile [name filter] [--threads N]
//       per-workload wall time, CPU time, garbage collections and allocations (for finding overhead).
if (args.Contains("--compare-json"))
{
    return TimingMode.Run(args);
}

if (args.Contains("--profile"))
{
    return ProfileMode.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(TimingMode).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
