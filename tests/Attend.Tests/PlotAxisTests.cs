using Attend.Plots;

namespace Attend.Tests;

/// <summary>Tick positions and labels worked out by hand.</summary>
public class PlotAxisTests
{
    [Fact]
    public void ZeroTo97StepsByTwentyUpTo100()
    {
        // 97 / 5 = 19.4 = 1.94 · 10 → the next nice multiplier is 2 → step 20; the axis widens to 0…100.
        var axis = Axis.Linear(0, 97);
        Assert.Equal([0, 20, 40, 60, 80, 100], axis.Ticks.Select(t => t.Value));
        Assert.Equal(["0", "20", "40", "60", "80", "100"], axis.Ticks.Select(t => t.Label));
        Assert.Equal(0, axis.Min);
        Assert.Equal(100, axis.Max);
        Assert.Equal(0.5, axis.Fraction(50));
    }

    [Fact]
    public void FractionalStepsGetExactValuesAndMatchingDecimals()
    {
        // 1 / 5 = 0.2 = 2 · 0.1 → step 0.2; 3 · 0.2 must be 0.6, not 0.6000000000000001.
        var axis = Axis.Linear(0, 1);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], axis.Ticks.Select(t => t.Value));
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], axis.Ticks.Select(t => t.Label));

        // 0.0027 / 5 = 0.00054 = 5.4 · 10⁻⁴ → rounds up to 10 · 10⁻⁴ = 0.001.
        var small = Axis.Linear(0.001, 0.0037);
        Assert.Equal([0.001, 0.002, 0.003, 0.004], small.Ticks.Select(t => t.Value));
        Assert.Equal(["0.001", "0.002", "0.003", "0.004"], small.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void NegativeRangesAndStepsOfFive()
    {
        // 10 / 5 = 2 → step 2 from −4 (the whole step below −3) to 8.
        Assert.Equal([-4, -2, 0, 2, 4, 6, 8], Axis.Linear(-3, 7).Ticks.Select(t => t.Value));

        // 150 / 5 = 30 = 3 · 10 → 5 · 10 = 50.
        var axis = Axis.Linear(-0.5, 149.5);
        Assert.Equal([-50, 0, 50, 100, 150], axis.Ticks.Select(t => t.Value));
        Assert.Equal("-50", axis.Ticks[0].Label);
    }

    [Fact]
    public void NiceStepPicksOneTwoOrFiveTimesAPowerOfTen()
    {
        Assert.Equal((1, 0), Axis.NiceStep(5, 5));      // 1
        Assert.Equal((2, 1), Axis.NiceStep(97, 5));     // 19.4 → 20
        Assert.Equal((5, 1), Axis.NiceStep(150, 5));    // 30 → 50
        Assert.Equal((1, 2), Axis.NiceStep(300, 5));    // 60 → 100
        Assert.Equal((2, -1), Axis.NiceStep(1, 5));     // 0.2 stays 0.2 despite 0.2 / 0.1 rounding
    }

    [Fact]
    public void ASingleValueOrNoDataStillGivesAnAxis()
    {
        var single = Axis.Linear(5, 5);
        Assert.True(single.Min < 5 && single.Max > 5);
        Assert.Contains(single.Ticks, t => t.Value == 5);

        var zero = Axis.Linear(0, 0);
        Assert.Equal([-1, -0.5, 0, 0.5, 1], zero.Ticks.Select(t => t.Value));

        var none = Axis.Linear(double.NaN, double.NaN);
        Assert.Equal(0, none.Min);
        Assert.Equal(1, none.Max);
    }

    [Fact]
    public void LogAxisPutsTicksAtDecades()
    {
        var axis = Axis.Log(1e-3, 10);
        Assert.True(axis.IsLog);
        Assert.Equal([1e-3, 1e-2, 1e-1, 1, 10], axis.Ticks.Select(t => t.Value));
        Assert.Equal(["0.001", "0.01", "0.1", "1", "10"], axis.Ticks.Select(t => t.Label));

        // Four decades, minor ticks at 2…9 times each: 32 of them, from 0.002 to 9.
        Assert.Equal(32, axis.MinorTicks.Count);
        Assert.Equal(0.002, axis.MinorTicks[0], 15);
        Assert.Equal(9, axis.MinorTicks[^1], 12);

        // Equal spacing per decade: 1 is three quarters of the way from 0.001 to 10.
        Assert.Equal(0.75, axis.Fraction(1), 12);
        Assert.Equal(0, axis.Fraction(1e-3), 12);
    }

    [Fact]
    public void LogAxisRoundsOutToDecadesAndThinsManyDecades()
    {
        var axis = Axis.Log(0.5, 800);
        Assert.Equal([0.1, 1, 10, 100, 1000], axis.Ticks.Select(t => t.Value));

        // An exact power of ten is its own decade (log10(1000) must not round to 2.9999…).
        var exact = Axis.Log(1000, 1000);
        Assert.Equal([1000, 10000], exact.Ticks.Select(t => t.Value));

        // 24 decades: every third is labelled, in exponent form outside 1e-4…1e5; no minor ticks.
        var wide = Axis.Log(1e-12, 1e12);
        Assert.Equal(["1e-12", "1e-9", "1e-6", "0.001", "1", "1000", "1e6", "1e9", "1e12"], wide.Ticks.Select(t => t.Label));
        Assert.Empty(wide.MinorTicks);
    }

    [Fact]
    public void LogAxisRejectsNonPositiveRanges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Axis.Log(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Axis.Log(-1, 10));
    }

    [Fact]
    public void ColorBarTicksStayInsideTheRangeButReachItsEnds()
    {
        // 0.99 / 4 ≈ 0.25 → step 0.5; 0 and 1 lie within 2 % of the ends, so they are labelled at the ends.
        var ticks = Axis.TicksWithin(0.0001, 0.99, 4);
        Assert.Equal(["0.0", "0.5", "1.0"], ticks.Select(t => t.Label));
        Assert.Equal(0.0001, ticks[0].Value);
        Assert.Equal(0.99, ticks[^1].Value);

        // 0.97 leaves 1 more than 2 % away: no label there.
        Assert.Equal(["0.0", "0.5"], Axis.TicksWithin(0.0001, 0.97, 4).Select(t => t.Label));

        // −3.6…3.6: 7.2 / 4 = 1.8 → step 2; ±4 are too far outside.
        Assert.Equal([-2, 0, 2], Axis.TicksWithin(-3.6, 3.6, 4).Select(t => t.Value));
    }

    [Fact]
    public void LargeAndTinyNumbersUseExponents()
    {
        Assert.Equal("2e+6", PlotNumbers.Tick(2e6, 1e6));
        Assert.Equal("5e-5", PlotNumbers.Tick(5e-5, 1e-5));
        Assert.Equal("0.001", PlotNumbers.Decade(-3));
        Assert.Equal("100000", PlotNumbers.Decade(5));
        Assert.Equal("1e6", PlotNumbers.Decade(6));
        Assert.Equal("1e-5", PlotNumbers.Decade(-5));
    }
}
