using Attend.Benchmarks;
using BenchmarkDotNet.Running;

// Two ways to run the suite:
//   dotnet run -c Release -- --compare-json out.json [--threads N] [--reps N] [--filter text]
//       plain timing: each workload warmed up, then run N times; median ms per workload written as JSON
//       (what compare.py reads next to PyTorch's numbers).
//   dotnet run -c Release -- [BenchmarkDotNet arguments, e.g. --filter *Matmul*]
//       the same workloads under BenchmarkDotNet (in-process), with its statistics and memory diagnoser.
//   dotnet run -c Release -- --profile [name filter] [--threads N] [--ops]   (--ops: a kernel-by-kernel table, torch.profiler)
//       per-workload wall time, CPU time, garbage collections and allocations (for finding overhead).
//   dotnet run -c Release -- --ntm-time-to-solve [--task copy|repeat|recall] [--init default|reference] [--max-length L]
//       chapter 5: train copy with the paper's batch-1 recipe on one thread until 100 held-out sequences are copied
//       without error; wall and CPU time per evaluation.
if (args.Contains("--compare-json"))
{
    return TimingMode.Run(args);
}

if (args.Contains("--ntm-time-to-solve"))
{
    return NtmTimeToSolveMode.Run(args);
}

if (args.Contains("--profile"))
{
    return ProfileMode.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(TimingMode).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
