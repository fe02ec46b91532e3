using System.Diagnostics;
using System.Globalization;
using Attend.Backends.Cpu;
using Attend.Benchmarks.Workloads;

namespace Attend.Benchmarks;

/// <summary>
/// <c>--profile [filter] [--threads N]</c>: per workload, wall-clock median and minimum, process CPU time (user and
/// kernel) per iteration, garbage collections and managed allocation per iteration. CPU time is the number to
/// watch on a shared machine: it does not count time spent waiting for a core.
/// </summary>
public static class ProfileMode
{
    public static int Run(string[] args)
    {
        var at = Array.IndexOf(args, "--profile");
        var filter = at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal) ? args[at + 1] : null;
        var threadsIndex = Array.IndexOf(args, "--threads");
        if (threadsIndex >= 0)
        {
            ManagedGemm.MaxThreads = int.Parse(args[threadsIndex + 1], CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"{"workload",-40} {"median",9} {"min",9} {"thread",9} {"cpu/it",9} {"sys/it",9} {"gc ms/it",9}  gc0/1/2   alloc/it");
        foreach (var workload in Workload.All())
        {
            if (filter is not null && !workload.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            workload.Setup();
            try
            {
                Profile(workload);
                if (args.Contains("--ops"))
                {
                    Kernels(workload);
                }
            }
            finally
            {
                workload.Cleanup();
            }
        }

        return 0;
    }

    private static void Profile(Workload workload)
    {
        var each = WarmUp.Run(workload);
        var n = (int)Math.Clamp(2000 / Math.Max(each, 1e-3), 10, 20000); // about two seconds' worth

        var gcs = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        var allocated = GC.GetTotalAllocatedBytes();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var kernel = process.PrivilegedProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        var times = new double[n];
        var threadTimes = new double[n];
        for (var i = 0; i < n; i++)
        {
            var threadStart = Profiling.ThreadClock.Milliseconds();
            var start = Stopwatch.GetTimestamp();
            workload.Run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            threadTimes[i] = Profiling.ThreadClock.Milliseconds() - threadStart;
        }

        process.Refresh();
        Array.Sort(times);
        Array.Sort(threadTimes);
        Console.WriteLine(
            $"{workload.Name,-40} {times[n / 2],9:F4} {times[0],9:F4} {threadTimes[n / 2],9:F4} {(process.TotalProcessorTime - cpu).TotalMilliseconds / n,9:F4} " +
            $"{(process.PrivilegedProcessorTime - kernel).TotalMilliseconds / n,9:F4} {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / n,9:F4}  " +
            $"{GC.CollectionCount(0) - gcs[0]}/{GC.CollectionCount(1) - gcs[1]}/{GC.CollectionCount(2) - gcs[2]}  " +
            $"{(GC.GetTotalAllocatedBytes() - allocated) / n / 1024,6} KB");
    }

    /// <summary>Where one run's time goes, kernel by kernel (torch.profiler), averaged over ten runs after the warm-up.</summary>
    private static void Kernels(Workload workload)
    {
        const int Runs = 10;
        using var prof = torch.profiler.profile();
        for (var i = 0; i < Runs; i++)
        {
            workload.Run();
        }

        prof.Dispose();
        Console.WriteLine($"  kernels of {Runs} runs (wall and this thread's CPU; \"outside kernels\" is autograd, allocation bookkeeping and the model's own code):");
        Console.WriteLine(string.Join('\n', prof.key_averages().table(row_limit: 25).Split('\n').Select(l => "  " + l)));
    }
}
