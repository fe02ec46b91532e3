using System.Globalization;
using Attend.Plots;
using static Attend.Tests.PlotTestHelpers;

namespace Attend.Tests;

public class PlotLineChartTests
{
    [Fact]
    public void PointsSitOnTheGridLinesOfTheirValues()
    {
        // y = 0, 20, 40, …, 100 at x = 0…5: every point must be at the height of the grid line labelled with its value.
        var chart = new LineChart { Title = "t", XLabel = "x", YLabel = "y" };
        chart.Add("s", [0.0, 20, 40, 60, 80, 100]);
        var root = ParseSvg(chart.ToSvg());
        var points = root.All("polyline").Single().Points();
        Assert.Equal(6, points.Count);

        var tickY = root.All("text").Where(t => t.Attribute("text-anchor")?.Value == "end")
            .ToDictionary(t => t.Value, t => t.Num("y"));
        for (var i = 0; i <= 5; i++)
        {
            Assert.Equal(tickY[(20 * i).ToString(CultureInfo.InvariantCulture)], points[i].Y, 2);
        }

        // And x = 0…5 (ticks 0, 1, …, 5) spreads the points evenly from the left axis to the right end.
        var steps = points.Zip(points.Skip(1), (a, b) => b.X - a.X).ToList();
        Assert.All(steps, s => Assert.Equal(steps[0], s, 1));
    }

    [Fact]
    public void NaNBreaksTheLineAndALonePointIsADot()
    {
        var chart = new LineChart();
        chart.Add("gappy", [1.0, 2, double.NaN, 3, 4, double.PositiveInfinity, 5]);
        var root = ParseSvg(chart.ToSvg());
        var lines = root.All("polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(2, lines[0].Points().Count);
        Assert.Equal(2, lines[1].Points().Count);
        Assert.Single(root.All("circle")); // the 5 after ∞ stands alone
    }

    [Fact]
    public void SeriesGetDistinctColoursAndALegendWhenThereAreSeveral()
    {
        var one = new LineChart();
        one.Add("only", [1.0, 2]);
        Assert.DoesNotContain("only", ParseSvg(one.ToSvg()).Texts());

        var three = new LineChart();
        three.Add("a", [1.0, 2]).Add("b", [2.0, 1]).Add("c", [1.5, 1.5]);
        var root = ParseSvg(three.ToSvg());
        var colours = root.All("polyline").Select(p => p.Attribute("stroke")!.Value).ToList();
        Assert.Equal(["#1f77b4", "#ff7f0e", "#2ca02c"], colours);
        Assert.Equal(3, colours.Distinct().Count());
        Assert.Contains("a", root.Texts());
        Assert.Contains("c", root.Texts());
        Assert.Equal(3, three.SeriesCount);
    }

    [Fact]
    public void OverloadsForFloatsDoublesAndTensorsAgree()
    {
        var fromFloats = new LineChart().Add("s", [0f, 1f, 2f], [0.1f, 0.2f, 0.3f]);
        var fromDoubles = new LineChart().Add("s", [0.0, 1, 2], [0.1, 0.2, 0.3]);
        var fromTensor = new LineChart().Add("s", torch.tensor([0.1f, 0.2f, 0.3f]));
        var fromList = new LineChart().Add("s", new List<float> { 0.1f, 0.2f, 0.3f });
        Assert.Equal(fromDoubles.ToSvg(), fromFloats.ToSvg());
        Assert.Equal(fromDoubles.ToSvg(), fromTensor.ToSvg());
        Assert.Equal(fromDoubles.ToSvg(), fromList.ToSvg());
        Assert.Equal("LineChart: 1 series: s (3 points, last 0.3)", fromFloats.ToString());

        // Whole-number literals pick an overload too (float, the closer one).
        var whole = new LineChart { Title = "loss", XLabel = "step", YLabel = "loss", LogY = false, Width = 640, Height = 360 };
        whole.Add("s", [1, 2, 3]);
        Assert.Equal(new LineChart { Title = "loss", XLabel = "step", YLabel = "loss" }.Add("s", [1.0, 2.0, 3.0]).ToSvg(), whole.ToSvg());
    }

    [Fact]
    public void LogYDrawsDecadesAndRejectsNonPositiveValuesNamingTheSeries()
    {
        var chart = new LineChart { LogY = true };
        chart.Add("loss", [2.0, 0.5, 0.01]);
        var texts = ParseSvg(chart.ToSvg()).Texts();
        Assert.Contains("0.01", texts);
        Assert.Contains("0.1", texts);
        Assert.Contains("10", texts);

        // Caught when added, if LogY is already on…
        var early = Assert.Throws<InvalidOperationException>(() => chart.Add("bad", [1.0, 0.0]));
        Assert.Contains("\"bad\"", early.Message);
        Assert.Contains("index 1", early.Message);

        // …and when drawn, if LogY was switched on later.
        var late = new LineChart();
        late.Add("fine", [1.0, 2]).Add("negative", [3.0, -1]);
        late.LogY = true;
        var error = Assert.Throws<InvalidOperationException>(late.ToSvg);
        Assert.Contains("\"negative\"", error.Message);
        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void MismatchedLengthsAreRefusedWithBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => new LineChart().Add("s", [1.0, 2, 3], [1.0, 2]));
        Assert.Contains("\"s\" has 3 x values but 2 y values", error.Message);
        var shape = Assert.Throws<ArgumentException>(() => new LineChart().Add("m", torch.zeros(2, 3)));
        Assert.Contains("[2, 3]", shape.Message);
    }

    [Fact]
    public void LongSeriesAreThinnedButKeepTheirSpikes()
    {
        var y = Enumerable.Range(0, 100_000).Select(i => 1.0 + (0.001 * (i % 7))).ToArray();
        y[54_321] = 50; // one spike
        var chart = new LineChart { Width = 640 };
        chart.Add("long", y);
        var root = ParseSvg(chart.ToSvg());
        var points = root.All("polyline").Single().Points();
        Assert.InRange(points.Count, 100, 4 * 640);

        // The spike is the highest point of the chart: the smallest SVG y, at the top grid line (value 50).
        var top = root.All("text").Single(t => t.Value == "50").Num("y");
        Assert.Equal(top, points.Min(p => p.Y), 2);
    }

    [Fact]
    public void TooSmallAPictureIsExplained()
    {
        var chart = new LineChart { Width = 60, Height = 50, Title = "t" };
        chart.Add("s", [1.0, 2]);
        var error = Assert.Throws<InvalidOperationException>(chart.ToSvg);
        Assert.Contains("make Width and Height larger", error.Message);
    }
}
