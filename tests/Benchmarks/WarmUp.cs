using System.Diagnostics;
using Attend.Benchmarks.Workloads;

namespace Attend.Benchmarks;

/// <summary>
/// Runs a workload until its speed settles. .NET compiles each method first without optimization, then
/// (after ~30 calls and a pause, on a background thread) with profile-guided optimization; with the many generic
/// SIMD helpers of TensorPrimitives this takes a few seconds on a busy 2-core machine, during which a step can be
/// 2-3× slower than in steady state. The timed runs should measure the steady state (a training run lasts minutes).
/// On a loaded machine the wall-clock windows are too noisy to show when that is over (they stop improving while the
/// background compiler is still at work, and its CPU time then competes with the timed runs), so the warm-up also
/// waits until a window passes without the JIT compiling anything (<see cref="System.Runtime.JitInfo"/>).
/// </summary>
public static class WarmUp
{
    /// <summary>
    /// Repeats <paramref name="workload"/> in windows of 0.25 s until four windows in a row fail to beat the best
    /// window median by 2 % and the last window compiled no method (at least 1 s, at most
    /// <paramref name="maxSeconds"/>); returns ms per run.
    /// </summary>
    public static double Run(Workload workload, double maxSeconds = 20)
    {
        var clock = Stopwatch.StartNew();
        var best = double.MaxValue;
        var stale = 0;
        var runs = 0;
        var compiling = true;
        while (clock.Elapsed.TotalSeconds < maxSeconds && (clock.Elapsed.TotalSeconds < 1 || stale < 4 || compiling))
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            var window = new List<double>();
            var start = clock.Elapsed.TotalSeconds;
            while (window.Count < 3 || clock.Elapsed.TotalSeconds - start < 0.25)
            {
                var t = Stopwatch.GetTimestamp();
                workload.Run();
                window.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            runs += window.Count;
            compiling = System.Runtime.JitInfo.GetCompiledMethodCount() != compiled;
            window.Sort();
            var median = window[window.Count / 2];
            if (median < best * 0.98)
            {
                best = median;
                stale = 0;
            }
            else
            {
                stale++;
            }
        }

        return clock.Elapsed.TotalMilliseconds / runs;
    }
}
