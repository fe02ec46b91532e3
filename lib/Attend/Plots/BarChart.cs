using System.Text.Json.Nodes;
using Attend.Display;

namespace Attend.Plots;

/// <summary>
/// Bars rising from zero (or hanging below it for negative values), one per label: accuracy per task, the weight
/// of each memory slot, a model's scores for the next word.
/// <code>
/// var bars = new BarChart { Title = "accuracy per task", YLabel = "accuracy" };
/// bars.Add("copy", 0.98).Add("repeat copy", 0.91).Add("sort", 0.62);
/// </code>
/// Grouped bars compare series label by label:
/// <c>bars.AddSeries("LSTM", tasks, lstmScores); bars.AddSeries("NTM", tasks, ntmScores);</c>
/// </summary>
[TypeFormatterSource(typeof(AttendFormatterSource))]
public sealed class BarChart : Plot
{
    private const double FontSize = 11;
    private readonly List<string> labels = [];
    private readonly List<BarSeries> series = [];

    /// <summary>The name of the label axis, shown under the labels.</summary>
    public string? XLabel { get; set; }

    /// <summary>The name of the value axis.</summary>
    public string? YLabel { get; set; }

    /// <summary>Width of the picture in pixels (default 640).</summary>
    public int Width { get; set; } = 640;

    /// <summary>Height of the picture in pixels (default 360).</summary>
    public int Height { get; set; } = 360;

    /// <summary>The labels along the axis, in the order they were first added.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>Adds one bar; returns the chart, so calls can be chained.</summary>
    public BarChart Add(string label, double value)
    {
        ArgumentNullException.ThrowIfNull(label);
        var single = series.FirstOrDefault(s => s.Name is null);
        if (single is null)
        {
            single = new BarSeries(null, SeriesColors.For(series.Count));
            series.Add(single);
        }

        Put(single, label, value);
        return this;
    }

    /// <summary>Adds a named series with one value per label; series are drawn side by side, label by label.</summary>
    public BarChart AddSeries(string name, IEnumerable<string> labels, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        var names = labels.ToArray();
        var numbers = values.ToArray();
        if (names.Length != numbers.Length)
        {
            throw new ArgumentException(
                $"BarChart.AddSeries: series \"{name}\" has {names.Length} labels but {numbers.Length} values; they must pair up.", nameof(values));
        }

        var repeated = names.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException(
                $"BarChart.AddSeries: the label \"{repeated.Key}\" appears twice in series \"{name}\"; each label gets one bar per series.", nameof(labels));
        }

        var added = new BarSeries(name, SeriesColors.For(series.Count));
        for (var i = 0; i < names.Length; i++)
        {
            Put(added, names[i], numbers[i]);
        }

        series.Add(added);
        return this;
    }

    /// <summary>Adds a named series with one value per label.</summary>
    public BarChart AddSeries(string name, IEnumerable<string> labels, IEnumerable<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddSeries(name, labels, values.Select(PlotNumbers.FromFloat));
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var axis = ValueAxis();
        var showLegend = series.Count > 1;
        var legendNames = series.Select(SeriesName).ToList();
        var left = ChartFrame.LeftMargin(axis, YLabel);
        var right = 16 + (showLegend ? Legend.Width(legendNames) + 14 : 0);
        var top = ChartFrame.TopMargin(Title);

        // The label layout depends on the slot width, which depends on the left margin a turned first label needs.
        var slots = Math.Max(1, labels.Count);
        var text = CategoryLabels.UnderColumns(labels, (Width - left - right) / slots, FontSize);
        left = Math.Max(left, text.Overhang - ((Width - left - right) / slots / 2) + 8);
        var slot = (Width - left - right) / slots;
        text = CategoryLabels.UnderColumns(labels, slot, FontSize);
        var bottom = text.Depth + (XLabel is null ? 0 : 20) + 8;
        var width = Width - left - right;
        var height = Height - top - bottom;
        ChartFrame.CheckRoom(nameof(BarChart), Width, Height, width, height);

        var svg = new SvgWriter(Width, Height);
        ChartFrame.DrawYAxis(svg, axis, left, top, width, height);
        ChartFrame.DrawTitles(svg, Width, Height, Title, XLabel, YLabel, left, top, width, height);
        double Y(double value) => top + height - (axis.Fraction(value) * height);

        // Each label's slot holds its group of bars in the middle 80%, one bar per series.
        var barWidth = slot * 0.8 / Math.Max(1, series.Count);
        svg.BeginGroup(crisp: true);
        for (var i = 0; i < labels.Count; i++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                if (!series[s].Values.TryGetValue(labels[i], out var value) || !double.IsFinite(value))
                {
                    continue;
                }

                var x = left + (i * slot) + (slot * 0.1) + (s * barWidth);
                var (y0, y1) = (Y(0), Y(value));
                var name = series[s].Name is null ? labels[i] : $"{labels[i]}, {series[s].Name}";
                svg.Rect(x, Math.Min(y0, y1), barWidth, Math.Abs(y1 - y0), series[s].Color.ToString(),
                    tooltip: $"{name}: {PlotNumbers.Value(value)}");
            }
        }

        svg.EndGroup();

        // The zero line: bars grow up or down from it.
        svg.Line(left, Y(0), left + width, Y(0), ChartFrame.AxisColor);
        text.DrawUnder(svg, top + height, i => left + ((i + 0.5) * slot), FontSize);
        if (labels.Count == 0)
        {
            svg.Text(left + (width / 2), top + (height / 2), "no data", "middle", 12, middle: true, fill: "#999999");
        }

        if (showLegend)
        {
            Legend.Draw(svg, left + width + 14, top, series.Select(s => (SeriesName(s), s.Color)).ToList(), squares: true);
        }

        return svg.ToString();
    }

    /// <inheritdoc/>
    public override string ToPlotlyJson()
    {
        var data = new JsonArray();
        foreach (var s in series)
        {
            data.Add(new JsonObject
            {
                ["type"] = "bar",
                ["name"] = SeriesName(s),
                ["x"] = PlotlyJson.Strings(labels),
                ["y"] = PlotlyJson.Numbers(labels.Select(l => s.Values.TryGetValue(l, out var v) ? v : double.NaN)),
                ["marker"] = new JsonObject { ["color"] = s.Color.ToString() },
            });
        }

        var layout = new JsonObject
        {
            ["title"] = PlotlyJson.Title(Title),
            ["width"] = Width,
            ["height"] = Height,
            ["barmode"] = "group",
            ["showlegend"] = series.Count > 1,
            ["xaxis"] = new JsonObject { ["title"] = PlotlyJson.Title(XLabel), ["type"] = "category" },
            ["yaxis"] = new JsonObject { ["title"] = PlotlyJson.Title(YLabel) },
        };
        return PlotlyJson.Figure(data, layout);
    }

    /// <summary>For example <c>BarChart "accuracy": copy 0.98, sort 0.62</c>, or the series and label counts for groups.</summary>
    public override string ToString()
    {
        if (series.Count == 0)
        {
            return $"BarChart{QuotedTitle}: no bars";
        }

        if (series.Count == 1)
        {
            var bars = labels.Take(6).Select(l => $"{l} {PlotNumbers.Value(series[0].Values[l])}");
            return $"BarChart{QuotedTitle}: {string.Join(", ", bars)}{(labels.Count > 6 ? $", … ({PlotNumbers.Int(labels.Count)} bars)" : "")}";
        }

        return $"BarChart{QuotedTitle}: {PlotNumbers.Int(series.Count)} series ({string.Join(", ", series.Select(SeriesName))}) × {PlotNumbers.Int(labels.Count)} labels";
    }

    /// <summary>The value axis always includes zero, where the bars start.</summary>
    private Axis ValueAxis()
    {
        var finite = series.SelectMany(s => s.Values.Values).Where(double.IsFinite).ToList();
        return finite.Count == 0 ? Axis.Linear(0, 1) : Axis.Linear(Math.Min(0, finite.Min()), Math.Max(0, finite.Max()));
    }

    private string SeriesName(BarSeries s) => s.Name ?? YLabel ?? "value";

    private void Put(BarSeries target, string label, double value)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!target.Values.TryAdd(label, value))
        {
            var which = target.Name is null ? "" : $" in series \"{target.Name}\"";
            throw new ArgumentException($"BarChart: the label \"{label}\" appears twice{which}; each label gets one bar per series.", nameof(label));
        }

        if (!labels.Contains(label))
        {
            labels.Add(label);
        }
    }
}
