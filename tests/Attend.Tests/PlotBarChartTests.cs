using Attend.Plots;
using static Attend.Tests.PlotTestHelpers;

namespace Attend.Tests;

public class PlotBarChartTests
{
    [Fact]
    public void BarsRiseAndHangFromTheZeroLine()
    {
        var chart = new BarChart { Title = "scores" }.Add("up", 3).Add("down", -2);
        var root = ParseSvg(chart.ToSvg());
        var bars = root.All("rect").Where(r => r.Element(Svg + "title") is not null).ToList();
        Assert.Equal(["up: 3", "down: -2"], bars.Select(b => b.Element(Svg + "title")!.Value));

        var zeroY = root.All("text").Single(t => t.Value == "0").Num("y");
        var (up, down) = (bars[0], bars[1]);
        Assert.Equal(zeroY, up.Num("y") + up.Num("height"), 1);   // positive: bottom edge on zero
        Assert.Equal(zeroY, down.Num("y"), 1);                     // negative: top edge on zero
        Assert.Equal(1.5, up.Num("height") / down.Num("height"), 2); // heights in proportion 3 : 2
        Assert.Equal("BarChart \"scores\": up 3, down -2", chart.ToString());
    }

    [Fact]
    public void GroupedSeriesSitSideBySideWithALegend()
    {
        var chart = new BarChart();
        chart.AddSeries("LSTM", ["copy", "sort"], [0.9, 0.4]);
        chart.AddSeries("NTM", ["copy", "recall", "sort"], [0.99, 0.9, 0.7]);
        var root = ParseSvg(chart.ToSvg());
        var bars = root.All("rect").Where(r => r.Element(Svg + "title") is not null).ToList();

        // Label order is first-seen; LSTM has no "recall" bar.
        Assert.Equal(["copy", "sort", "recall"], chart.Labels);
        Assert.Equal(["copy, LSTM: 0.9", "copy, NTM: 0.99", "sort, LSTM: 0.4", "sort, NTM: 0.7", "recall, NTM: 0.9"],
            bars.Select(b => b.Element(Svg + "title")!.Value));
        Assert.Equal(bars[0].Num("x") + bars[0].Num("width"), bars[1].Num("x"), 1); // touching (to rounding)
        Assert.NotEqual(bars[0].Attribute("fill")!.Value, bars[1].Attribute("fill")!.Value);
        Assert.Contains("LSTM", root.Texts());
        Assert.Contains("NTM", root.Texts());
        Assert.Equal("BarChart: 2 series (LSTM, NTM) × 3 labels", chart.ToString());
    }

    [Fact]
    public void RepeatedLabelsAndMismatchedCountsAreRefused()
    {
        var twice = Assert.Throws<ArgumentException>(() => new BarChart().Add("a", 1).Add("a", 2));
        Assert.Contains("\"a\" appears twice", twice.Message);

        var chart = new BarChart();
        var inSeries = Assert.Throws<ArgumentException>(() => chart.AddSeries("s", ["x", "y", "x"], [1.0, 2, 3]));
        Assert.Contains("\"x\" appears twice in series \"s\"", inSeries.Message);
        Assert.Empty(chart.Labels); // nothing half-added

        var counts = Assert.Throws<ArgumentException>(() => chart.AddSeries("s", ["x", "y"], [1f]));
        Assert.Contains("2 labels but 1 values", counts.Message);
    }

    [Fact]
    public void ManyLongLabelsTurnAndThin()
    {
        var chart = new BarChart();
        for (var i = 0; i < 60; i++)
        {
            chart.Add($"memory slot {i}", i);
        }

        var labels = ParseSvg(chart.ToSvg()).All("text").Where(t => t.Value.StartsWith("memory slot", StringComparison.Ordinal)).ToList();
        Assert.All(labels, l => Assert.StartsWith("rotate(-45", l.Attribute("transform")!.Value));
        Assert.InRange(labels.Count, 10, 59);
        Assert.Equal("memory slot 0", labels[0].Value);
    }
}
