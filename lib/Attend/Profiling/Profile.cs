using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Attend.Backends;

namespace Attend.Profiling;

/// <summary>
/// A recording of where a piece of code spends its time, kernel call by kernel call, as PyTorch's
/// <c>torch.profiler.profile()</c>: start it with <see cref="torch.profiler.profile"/>, run the code, dispose it, then
/// read <see cref="key_averages"/>.
/// <code>
/// using (var prof = torch.profiler.profile())
/// {
///     var loss = model.forward(x).sum();
///     loss.backward();
/// }
/// Console.WriteLine(prof.key_averages().table(row_limit: 10));
/// </code>
/// It records the calls made by the code that started it (its thread and the tasks it starts, as an
/// <see cref="AsyncLocal{T}"/> flows), not other threads' work; one profile records at a time.
/// </summary>
public sealed class Profile : IDisposable
{
    private static Profile? active;
    private static readonly AsyncLocal<Profile?> Flowing = new();
    private readonly ConcurrentDictionary<string, Totals> totals = new();
    private readonly ConcurrentDictionary<IBackend, IBackend> proxies = new(ReferenceEqualityComparer.Instance);
    private readonly long started = System.Diagnostics.Stopwatch.GetTimestamp();
    private TimeSpan? elapsed;

    private sealed class Totals
    {
        public long Calls;
        public double Wall;
        public double Cpu;
    }

    internal Profile()
    {
        if (Interlocked.CompareExchange(ref active, this, null) is not null)
        {
            throw new InvalidOperationException("torch.profiler.profile: another profile is recording; dispose it first (profiles do not nest).");
        }

        Flowing.Value = this;
    }

    /// <summary>The profile recording the calling code, if any (the backend lookup wraps backends in it).</summary>
    internal static Profile? Active => Volatile.Read(ref active) is null ? null : Flowing.Value is { elapsed: null } p ? p : null;

    /// <summary>Wall time from start to <see cref="Dispose"/> (or until now while recording).</summary>
    public TimeSpan Elapsed => elapsed ?? System.Diagnostics.Stopwatch.GetElapsedTime(started);

    internal IBackend Wrap(IBackend backend) => proxies.GetOrAdd(backend, b => new ProfilingBackend(b, this));

    internal void Record(string key, double wallMs, double cpuMs)
    {
        var t = totals.GetOrAdd(key, _ => new Totals());
        lock (t)
        {
            t.Calls++;
            t.Wall += wallMs;
            t.Cpu += cpuMs;
        }
    }

    /// <summary>One row per kernel (method, and op where it has one), the most time first.</summary>
    public ProfileTable key_averages()
    {
        var rows = totals.Select(p => new ProfileRow(p.Key, p.Value.Calls, p.Value.Wall, p.Value.Cpu))
            .OrderByDescending(r => double.IsNaN(r.CpuMs) ? r.WallMs : r.CpuMs).ToList();
        return new ProfileTable(rows, Elapsed);
    }

    /// <summary>Stops recording.</summary>
    public void Dispose()
    {
        elapsed ??= System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (Flowing.Value == this)
        {
            Flowing.Value = null;
        }

        Interlocked.CompareExchange(ref active, null, this);
    }
}

/// <summary>The totals of one kernel in a <see cref="Profile"/>.</summary>
/// <param name="Name">The backend method, with its op: "Binary(Mul)", "Gemm", "Allocate".</param>
/// <param name="Calls">How many times it ran.</param>
/// <param name="WallMs">Wall time inside it, in milliseconds.</param>
/// <param name="CpuMs">The calling thread's CPU time inside it (NaN off Linux); worker threads of a parallel kernel are not in it.</param>
public sealed record ProfileRow(string Name, long Calls, double WallMs, double CpuMs);

/// <summary>The rows of a <see cref="Profile"/>, and the whole recording's wall time.</summary>
/// <param name="Rows">One per kernel, the most time first.</param>
/// <param name="Elapsed">The recording's wall time (kernels plus everything between them: autograd, allocation, the caller's own code).</param>
public sealed record ProfileTable(IReadOnlyList<ProfileRow> Rows, TimeSpan Elapsed)
{
    /// <summary>The rows as aligned text, with each kernel's share of the recording and the time outside kernels.</summary>
    public string table(int row_limit = 20)
    {
        var total = Elapsed.TotalMilliseconds;
        var inKernels = Rows.Sum(r => r.WallMs);
        var text = new StringBuilder();
        var width = Math.Max(24, Rows.Take(row_limit).Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        text.Append(CultureInfo.InvariantCulture, $"{"kernel".PadRight(width)} {"calls",8} {"wall ms",10} {"cpu ms",10} {"µs/call",9} {"% wall",7}\n");
        foreach (var r in Rows.Take(row_limit))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(width)} {r.Calls,8} {r.WallMs,10:F2} {r.CpuMs,10:F2} {1000 * r.WallMs / Math.Max(1, r.Calls),9:F1} {100 * r.WallMs / Math.Max(total, 1e-9),6:F1}%\n");
        }

        if (Rows.Count > row_limit)
        {
            var rest = Rows.Skip(row_limit).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"{$"({rest.Count} more)".PadRight(width)} {rest.Sum(r => r.Calls),8} {rest.Sum(r => r.WallMs),10:F2} {rest.Sum(r => r.CpuMs),10:F2}\n");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"{"outside kernels".PadRight(width)} {"",8} {total - inKernels,10:F2} {"",10} {"",9} {100 * (total - inKernels) / Math.Max(total, 1e-9),6:F1}%\n");
        text.Append(CultureInfo.InvariantCulture, $"{"recorded".PadRight(width)} {"",8} {total,10:F2}\n");
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => table();
}
