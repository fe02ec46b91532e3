using System.Text.Json.Nodes;
using Attend.Display;

namespace Attend.Plots;

/// <summary>
/// Lines of y against x: loss curves, accuracies, learning rates. Each <see cref="Add(string, IEnumerable{double}, IEnumerable{double})"/>
/// adds a named series in the next colour; with two or more series a legend names them.
/// <code>
/// var chart = new LineChart { Title = "loss", XLabel = "step", YLabel = "loss", LogY = true };
/// chart.Add("train", trainLosses);
/// chart.Add("valid", validSteps, validLosses);
/// chart   // the last expression of a cell shows the chart
/// </code>
/// A NaN (or infinite) value leaves a gap in its line. With <see cref="LogY"/> every y must be positive.
/// </summary>
[TypeFormatterSource(typeof(AttendFormatterSource))]
public sealed class LineChart : Plot
{
    private readonly List<LineSeries> series = [];

    /// <summary>The name of the x axis, shown under it.</summary>
    public string? XLabel { get; set; }

    /// <summary>The name of the y axis, shown beside it.</summary>
    public string? YLabel { get; set; }

    /// <summary>A logarithmic y axis (ticks at powers of ten): losses that fall over orders of magnitude.</summary>
    public bool LogY { get; set; }

    /// <summary>Width of the picture in pixels (default 640).</summary>
    public int Width { get; set; } = 640;

    /// <summary>Height of the picture in pixels (default 360).</summary>
    public int Height { get; set; } = 360;

    /// <summary>How many series have been added.</summary>
    public int SeriesCount => series.Count;

    /// <summary>Adds a series through the points (x[i], y[i]); returns the chart.</summary>
    public LineChart Add(string name, IEnumerable<double> x, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException(
                $"LineChart.Add: series \"{name}\" has {xs.Length} x values but {ys.Length} y values; they must pair up.", nameof(y));
        }

        var line = new LineSeries(name, xs, ys, SeriesColors.For(series.Count));
        if (LogY)
        {
            CheckPositive(line);
        }

        series.Add(line);
        return this;
    }

    /// <summary>Adds a series with x = 0, 1, …, n−1 (e.g. one value per step or epoch).</summary>
    public LineChart Add(string name, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var ys = y.ToArray();
        return Add(name, Enumerable.Range(0, ys.Length).Select(i => (double)i), ys);
    }

    /// <summary>Adds a series through the points (x[i], y[i]).</summary>
    public LineChart Add(string name, IEnumerable<float> x, IEnumerable<float> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Add(name, x.Select(PlotNumbers.FromFloat), y.Select(PlotNumbers.FromFloat));
    }

    /// <summary>Adds a series with x = 0, 1, …, n−1.</summary>
    public LineChart Add(string name, IEnumerable<float> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Add(name, y.Select(PlotNumbers.FromFloat));
    }

    /// <summary>Adds the values of a 1-D tensor as a series with x = 0, 1, …, n−1.</summary>
    public LineChart Add(string name, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.ndim != 1)
        {
            throw new ArgumentException($"LineChart.Add: series \"{name}\" needs a 1-D tensor, got shape {Tensor.Format(y.shape)}.", nameof(y));
        }

        return Add(name, y.ToArray());
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var (xAxis, yAxis) = BuildAxes();
        var showLegend = series.Count > 1;
        var left = ChartFrame.LeftMargin(yAxis, YLabel);
        var lastXLabel = TextMetrics.Width(xAxis.Ticks[^1].Label);
        var right = Math.Max(16, (lastXLabel / 2) + 4) + (showLegend ? Legend.Width(series.Select(s => s.Name)) + 14 : 0);
        var top = ChartFrame.TopMargin(Title);
        var bottom = 28 + (XLabel is null ? 0 : 18);
        var width = Width - left - right;
        var height = Height - top - bottom;
        ChartFrame.CheckRoom(nameof(LineChart), Width, Height, width, height);

        var svg = new SvgWriter(Width, Height);
        ChartFrame.DrawYAxis(svg, yAxis, left, top, width, height);
        ChartFrame.DrawXAxis(svg, xAxis, left, top, width, height);
        ChartFrame.DrawTitles(svg, Width, Height, Title, XLabel, YLabel, left, top, width, height);

        (double X, double Y) Pixel(LineSeries line, int i) =>
            (left + (xAxis.Fraction(line.X[i]) * width), top + height - (yAxis.Fraction(line.Y[i]) * height));

        foreach (var line in series)
        {
            foreach (var run in FiniteRuns(line))
            {
                var points = LineDecimation.Reduce(run.Select(i => Pixel(line, i)).ToList());
                if (points.Count == 1)
                {
                    svg.Circle(points[0].X, points[0].Y, 2.5, line.Color.ToString(), line.Name);
                }
                else
                {
                    svg.Polyline(points, line.Color.ToString(), 1.8, line.Name);
                }
            }
        }

        if (!series.Any(s => s.FiniteIndices.Any()))
        {
            svg.Text(left + (width / 2), top + (height / 2), "no data", "middle", 12, middle: true, fill: "#999999");
        }

        if (showLegend)
        {
            Legend.Draw(svg, left + width + 14, top, series.Select(s => (s.Name, s.Color)).ToList(), squares: false);
        }

        return svg.ToString();
    }

    /// <inheritdoc/>
    public override string ToPlotlyJson()
    {
        if (LogY)
        {
            series.ForEach(CheckPositive);
        }

        var data = new JsonArray();
        foreach (var line in series)
        {
            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = line.X.Length == 1 ? "markers" : "lines",
                ["name"] = line.Name,
                ["x"] = PlotlyJson.Numbers(line.X),
                ["y"] = PlotlyJson.Numbers(line.Y),
                ["line"] = new JsonObject { ["color"] = line.Color.ToString() },
            });
        }

        var layout = new JsonObject
        {
            ["title"] = PlotlyJson.Title(Title),
            ["width"] = Width,
            ["height"] = Height,
            ["showlegend"] = series.Count > 1,
            ["xaxis"] = new JsonObject { ["title"] = PlotlyJson.Title(XLabel) },
            ["yaxis"] = new JsonObject { ["title"] = PlotlyJson.Title(YLabel), ["type"] = LogY ? "log" : "linear" },
        };
        return PlotlyJson.Figure(data, layout);
    }

    /// <summary>For example <c>LineChart "loss": 2 series: train (100 points, last 0.123), valid (10 points, last 0.2)</c>.</summary>
    public override string ToString()
    {
        if (series.Count == 0)
        {
            return $"LineChart{QuotedTitle}: no series";
        }

        var parts = series.Select(s =>
        {
            var finite = s.FiniteIndices.ToList();
            var last = finite.Count > 0 ? $", last {PlotNumbers.Value(s.Y[finite[^1]])}" : "";
            return $"{s.Name} ({PlotNumbers.Int(s.X.Length)} point{(s.X.Length == 1 ? "" : "s")}{last})";
        });
        return $"LineChart{QuotedTitle}: {PlotNumbers.Int(series.Count)} series: {string.Join(", ", parts)}";
    }

    /// <summary>The x axis and the y axis, spanning every finite point of every series.</summary>
    private (Axis X, Axis Y) BuildAxes()
    {
        if (LogY)
        {
            series.ForEach(CheckPositive);
        }

        var points = series.SelectMany(s => s.FiniteIndices.Select(i => (X: s.X[i], Y: s.Y[i]))).ToList();
        if (points.Count == 0)
        {
            return (Axis.Linear(0, 1), LogY ? Axis.Log(1, 10) : Axis.Linear(0, 1));
        }

        var x = Axis.Linear(points.Min(p => p.X), points.Max(p => p.X));
        var y = LogY ? Axis.Log(points.Min(p => p.Y), points.Max(p => p.Y)) : Axis.Linear(points.Min(p => p.Y), points.Max(p => p.Y));
        return (x, y);
    }

    /// <summary>The stretches of consecutive finite points: a NaN ends one stretch, and the line jumps the gap.</summary>
    private static IEnumerable<List<int>> FiniteRuns(LineSeries line)
    {
        var run = new List<int>();
        for (var i = 0; i < line.X.Length; i++)
        {
            if (double.IsFinite(line.X[i]) && double.IsFinite(line.Y[i]))
            {
                run.Add(i);
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>A log axis has no place for zero or negative values: say which series and where.</summary>
    private static void CheckPositive(LineSeries line)
    {
        for (var i = 0; i < line.Y.Length; i++)
        {
            if (line.Y[i] <= 0)
            {
                throw new InvalidOperationException(
                    $"LineChart: LogY needs positive y values, but series \"{line.Name}\" has {PlotNumbers.Value(line.Y[i])} at index {PlotNumbers.Int(i)}. " +
                    "Turn LogY off, or plot a positive quantity (e.g. loss − min loss + ε).");
            }
        }
    }
}
