using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Attend.Backends.Cpu;
using Attend.Benchmarks.Workloads;

namespace Attend.Benchmarks;

/// <summary>
/// The plain timing mode behind <c>--compare-json</c>: warm-up, then per-iteration wall times, median reported.
/// Medians rather than means: on a shared machine a few iterations are hit by other processes.
/// </summary>
public static class TimingMode
{
    public static int Run(string[] args)
    {
        var output = Option(args, "--compare-json") ?? "compare.json";
        var threads = int.Parse(Option(args, "--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                                CultureInfo.InvariantCulture);
        var reps = int.Parse(Option(args, "--reps") ?? "0", CultureInfo.InvariantCulture);
        var filter = Option(args, "--filter");
        ManagedGemm.MaxThreads = threads;

        var results = new Dictionary<string, double>();
        foreach (var workload in Workload.All())
        {
            if (filter is not null && !workload.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            workload.Setup();
            try
            {
                var median = Measure(workload, reps);
                results[workload.Name] = median;
                Console.Error.WriteLine($"{workload.Name,-40} {median,10:F4} ms");
            }
            finally
            {
                workload.Cleanup();
            }
        }

        var report = new
        {
            threads,
            gemm = GemmProvider.Current.Name,
            gemm_reason = GemmProvider.Reason,
            managed_kernel = ManagedGemm.Instance.Name,
            results,
        };
        File.WriteAllText(output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>Warms up until the speed settles (see <see cref="WarmUp"/>), then times <paramref name="reps"/> runs
    /// (auto: about one second's worth) and returns the median.</summary>
    private static double Measure(Workload workload, int reps)
    {
        var each = WarmUp.Run(workload);
        if (reps <= 0)
        {
            reps = (int)Math.Clamp(1000 / Math.Max(each, 1e-3), 10, 2000);
        }

        var times = new double[reps];
        for (var r = 0; r < reps; r++)
        {
            var start = Stopwatch.GetTimestamp();
            workload.Run();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return reps % 2 == 1 ? times[reps / 2] : (times[(reps / 2) - 1] + times[reps / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
