namespace Attend.Plots;

/// <summary>
/// One axis of a chart: the data range it spans, where its ticks go, and how a value maps to a position.
/// <para>
/// Linear axes use "nice" steps, 1, 2 or 5 times a power of ten, and stretch to whole steps: data from 0 to 97
/// gets ticks 0, 20, 40, …, 100. Log axes put a tick at every power of ten (a decade) and lighter minor ticks at
/// 2×, 3×, … 9× when there are few decades.
/// </para>
/// </summary>
internal sealed class Axis
{
    private Axis(double min, double max, bool isLog, IReadOnlyList<Tick> ticks, IReadOnlyList<double> minorTicks)
    {
        Min = min;
        Max = max;
        IsLog = isLog;
        Ticks = ticks;
        MinorTicks = minorTicks;
    }

    /// <summary>The value at the start of the axis (left or bottom).</summary>
    public double Min { get; }

    /// <summary>The value at the end of the axis.</summary>
    public double Max { get; }

    /// <summary>True for a logarithmic axis.</summary>
    public bool IsLog { get; }

    /// <summary>The labelled ticks, in increasing order.</summary>
    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>Unlabelled minor ticks (log axes only).</summary>
    public IReadOnlyList<double> MinorTicks { get; }

    /// <summary>
    /// A linear axis covering [<paramref name="dataMin"/>, <paramref name="dataMax"/>] with about
    /// <paramref name="targetTicks"/> intervals, widened to whole steps.
    /// </summary>
    public static Axis Linear(double dataMin, double dataMax, int targetTicks = 5)
    {
        (dataMin, dataMax) = Widen(dataMin, dataMax);
        var (nice, exponent) = NiceStep(dataMax - dataMin, targetTicks);
        var step = Multiple(1, nice, exponent);

        // Whole steps below and above the data (a tiny tolerance so 0.30000000000000004 counts as 0.3).
        var first = (long)Math.Floor((dataMin / step) + 1e-9);
        var last = (long)Math.Ceiling((dataMax / step) - 1e-9);
        var ticks = new List<Tick>();
        for (var k = first; k <= last; k++)
        {
            var value = Multiple(k, nice, exponent);
            ticks.Add(new Tick(value, PlotNumbers.Tick(value, step)));
        }

        return new Axis(ticks[0].Value, ticks[^1].Value, false, ticks, []);
    }

    /// <summary>
    /// Nice ticks inside [<paramref name="min"/>, <paramref name="max"/>] without widening it (for a colour bar,
    /// whose ends are fixed by the data). A tick within 2% of the range outside an end still counts, so attention
    /// weights from 0.0001 to 0.98 get 0 and 1 labelled (drawn at the ends).
    /// </summary>
    public static IReadOnlyList<Tick> TicksWithin(double min, double max, int targetTicks = 5)
    {
        if (!(max > min))
        {
            return [new Tick(min, PlotNumbers.Value(min))];
        }

        var (nice, exponent) = NiceStep(max - min, targetTicks);
        var step = Multiple(1, nice, exponent);
        var slack = 0.02 * (max - min) / step;
        var ticks = new List<Tick>();
        for (var k = (long)Math.Ceiling((min / step) - slack); k <= (long)Math.Floor((max / step) + slack); k++)
        {
            var value = Multiple(k, nice, exponent);
            ticks.Add(new Tick(Math.Clamp(value, min, max), PlotNumbers.Tick(value, step)));
        }

        return ticks;
    }

    /// <summary>
    /// A log axis from the decade at or below <paramref name="dataMin"/> to the decade at or above
    /// <paramref name="dataMax"/> (both must be positive): 1e-3…10 gets ticks 0.001, 0.01, 0.1, 1, 10.
    /// </summary>
    public static Axis Log(double dataMin, double dataMax)
    {
        if (!(dataMin > 0) || !(dataMax >= dataMin) || double.IsInfinity(dataMax))
        {
            throw new ArgumentOutOfRangeException(nameof(dataMin),
                $"Axis.Log: needs 0 < min ≤ max, got {PlotNumbers.Value(dataMin)} and {PlotNumbers.Value(dataMax)}.");
        }

        // The tolerance keeps an exact power of ten (log10(1000) may come out as 2.9999999999999996) on its decade.
        var low = (int)Math.Floor(Math.Log10(dataMin) + 1e-9);
        var high = (int)Math.Ceiling(Math.Log10(dataMax) - 1e-9);
        if (high == low)
        {
            high++;
        }

        // Label every decade, or every second, third… when there are many, so labels do not collide.
        var every = (int)Math.Ceiling((high - low) / 8.0);
        var ticks = new List<Tick>();
        var minor = new List<double>();
        for (var e = low; e <= high; e++)
        {
            var decade = PlotNumbers.PowerOfTen(e);
            if ((e - low) % every == 0)
            {
                ticks.Add(new Tick(decade, PlotNumbers.Decade(e)));
            }

            if (high - low <= 6 && e < high)
            {
                for (var m = 2; m <= 9; m++)
                {
                    minor.Add(m * decade);
                }
            }
        }

        return new Axis(PlotNumbers.PowerOfTen(low), PlotNumbers.PowerOfTen(high), true, ticks, minor);
    }

    /// <summary>Where <paramref name="value"/> sits along the axis: 0 at <see cref="Min"/>, 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value) => IsLog
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>
    /// The nice step for a range split into about <paramref name="targetTicks"/> parts, as (1, 2 or 5, power of ten):
    /// 97 / 5 = 19.4 → 10^1 · 1.94 → round up to 2 → step 20.
    /// </summary>
    public static (int Nice, int Exponent) NiceStep(double range, int targetTicks)
    {
        var rough = range / Math.Max(1, targetTicks);
        var exponent = (int)Math.Floor(Math.Log10(rough));
        var fraction = rough / PlotNumbers.PowerOfTen(exponent);
        const double slack = 1e-9; // 0.2 / 0.1 may be 2.0000000000000004: still a 2
        return fraction switch
        {
            <= 1 + slack => (1, exponent),
            <= 2 + slack => (2, exponent),
            <= 5 + slack => (5, exponent),
            _ => (1, exponent + 1),
        };
    }

    /// <summary>
    /// k · nice · 10^exponent. A negative exponent divides by 10^−exponent instead of multiplying by 10^exponent,
    /// so 3 · 1 · 10^−1 comes out as 0.3 exactly (as close as a double gets), not 0.30000000000000004.
    /// </summary>
    private static double Multiple(long k, int nice, int exponent) =>
        exponent >= 0 ? k * nice * Math.Pow(10, exponent) : k * nice / Math.Pow(10, -exponent);

    /// <summary>An empty or single-value range gets some width so the data sits in the middle.</summary>
    private static (double Min, double Max) Widen(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            return (0, 1);
        }

        if (min == max)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            return (min - pad, max + pad);
        }

        return (min, max);
    }
}
