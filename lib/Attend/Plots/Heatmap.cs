using System.Text.Json.Nodes;
using Attend.Display;

namespace Attend.Plots;

/// <summary>
/// A matrix as coloured cells, row 0 at the top, with a colour bar that reads colours back as numbers.
/// Made for attention alignments (target words on rows, source words on columns), memory contents
/// (locations × width) and read/write weightings over time (steps × locations).
/// <code>
/// var map = Heatmap.From(attention, rowLabels: targetWords, columnLabels: sourceWords);
/// map.Title = "alignment"; map.ColorScale = ColorScale.Greys; map.ShowValues = true;
/// map
/// </code>
/// Long column labels are turned 45°; hovering over a cell shows its row, column and value.
/// </summary>
[TypeFormatterSource(typeof(AttendFormatterSource))]
public sealed class Heatmap : Plot
{
    /// <summary>Up to this many cells are drawn as separate rectangles (with hover text); larger maps as one image.</summary>
    private const int MaxCellRectangles = 1600;
    private const double FontSize = 11;

    private readonly float[,] values;
    private readonly string[] rowLabels;
    private readonly string[] columnLabels;

    /// <summary>A heatmap of <paramref name="values"/> [rows, columns] (copied).</summary>
    /// <param name="values">The matrix; NaN cells are drawn light grey.</param>
    /// <param name="rowLabels">One label per row (default 0, 1, 2, …), e.g. the target words.</param>
    /// <param name="columnLabels">One label per column (default 0, 1, 2, …), e.g. the source words.</param>
    public Heatmap(float[,] values, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Rows = values.GetLength(0);
        Columns = values.GetLength(1);
        if (Rows == 0 || Columns == 0)
        {
            throw new ArgumentException($"Heatmap: needs at least one row and one column, got {Rows}×{Columns}.", nameof(values));
        }

        this.values = (float[,])values.Clone();
        this.rowLabels = Labels(rowLabels, Rows, nameof(rowLabels), "rows");
        this.columnLabels = Labels(columnLabels, Columns, nameof(columnLabels), "columns");
    }

    /// <summary>A heatmap of a 2-D tensor [rows, columns] (a 1-D tensor becomes a single row).</summary>
    public static Heatmap From(Tensor values, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var matrix = values.ndim switch
        {
            1 => values.detach().reshape(1, values.size(0)),
            2 => values.detach(),
            _ => throw new ArgumentException(
                $"Heatmap.From: needs a 2-D tensor [rows, columns], got shape {Tensor.Format(values.shape)}. " +
                "Pick one matrix first, e.g. attention[0] for the first example of a batch.", nameof(values)),
        };
        return new Heatmap(matrix.ToArray2D(), rowLabels, columnLabels);
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The name of the columns' axis, shown under the column labels (e.g. "source").</summary>
    public string? XLabel { get; set; }

    /// <summary>The name of the rows' axis, shown left of the row labels (e.g. "target").</summary>
    public string? YLabel { get; set; }

    /// <summary>The colours (default <see cref="ColorScale.Viridis"/>).</summary>
    public ColorScale ColorScale { get; set; } = ColorScale.Viridis;

    /// <summary>Writes each value in its cell (when the cells are big enough to hold it).</summary>
    public bool ShowValues { get; set; }

    /// <summary>The value drawn in the scale's first colour (default: the smallest value). Smaller values are clamped.</summary>
    public double? Min { get; set; }

    /// <summary>The value drawn in the scale's last colour (default: the largest value). Larger values are clamped.</summary>
    public double? Max { get; set; }

    /// <summary>Width of the picture in pixels; null (the default) sizes cells to fit about 560 pixels.</summary>
    public int? Width { get; set; }

    /// <summary>Height of the picture in pixels; null (the default) keeps the cells square.</summary>
    public int? Height { get; set; }

    /// <summary>The value at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public float this[int row, int column] => values[row, column];

    /// <summary>
    /// The values at the two ends of the colour scale: <see cref="Min"/> and <see cref="Max"/> when set, else the
    /// data's smallest and largest. A diverging scale (<see cref="ColorScale.RdBu"/>) without Min and Max uses
    /// ±(largest magnitude), so its middle colour is exactly zero.
    /// </summary>
    public (double Low, double High) ColorRange()
    {
        var finite = values.Cast<float>().Where(float.IsFinite).Select(v => (double)v).ToList();
        var low = Min ?? (finite.Count > 0 ? finite.Min() : 0);
        var high = Max ?? (finite.Count > 0 ? finite.Max() : 1);
        if (ColorScale.IsDiverging && Min is null && Max is null)
        {
            high = Math.Max(Math.Abs(low), Math.Abs(high));
            low = -high;
        }

        if (low > high)
        {
            throw new InvalidOperationException(
                $"Heatmap: the colour range runs from {PlotNumbers.Value(low)} to {PlotNumbers.Value(high)}; Min must not exceed Max.");
        }

        return (low, high);
    }

    /// <summary>The colour a value gets: its place between the range ends, looked up in <see cref="ColorScale"/>.</summary>
    public Rgb ColorOf(double value)
    {
        var (low, high) = ColorRange();
        return ColorScale.At(high > low ? (value - low) / (high - low) : 0.5);
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var layout = Arrange();
        var (low, high) = ColorRange();
        var svg = new SvgWriter(layout.TotalWidth, layout.TotalHeight);
        double CellX(int column) => layout.Left + (column * layout.CellWidth);
        double CellY(int row) => layout.Top + (row * layout.CellHeight);
        Rgb Color(float v) => ColorScale.At(high > low ? (v - low) / (high - low) : 0.5);

        if (Rows * Columns <= MaxCellRectangles)
        {
            svg.BeginGroup(crisp: true);
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < Columns; c++)
                {
                    var v = values[r, c];
                    var fill = float.IsNaN(v) ? "#eeeeee" : Color(v).ToString();
                    svg.Rect(CellX(c), CellY(r), layout.CellWidth, layout.CellHeight, fill,
                        tooltip: $"row {rowLabels[r]}, column {columnLabels[c]}: {PlotNumbers.Value(v)}");
                }
            }

            svg.EndGroup();
        }
        else
        {
            // Too many cells for one rectangle each: one pixel per cell, enlarged without blurring.
            var pixels = new byte[Rows * Columns * 3];
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < Columns; c++)
                {
                    var color = float.IsNaN(values[r, c]) ? new Rgb(0xee, 0xee, 0xee) : Color(values[r, c]);
                    var at = ((r * Columns) + c) * 3;
                    (pixels[at], pixels[at + 1], pixels[at + 2]) = (color.R, color.G, color.B);
                }
            }

            svg.Image(layout.Left, layout.Top, layout.PlotWidth, layout.PlotHeight, PngEncoder.Encode(pixels, Columns, Rows, 3), pixelated: true);
        }

        if (ShowValues)
        {
            DrawValues(svg, layout, Color);
        }

        svg.Rect(layout.Left, layout.Top, layout.PlotWidth, layout.PlotHeight, "none", stroke: "#999999");
        layout.RowText.DrawBeside(svg, layout.Left, r => CellY(r) + (layout.CellHeight / 2), FontSize);
        layout.ColumnText.DrawUnder(svg, layout.Top + layout.PlotHeight, c => CellX(c) + (layout.CellWidth / 2), FontSize);
        DrawColorBar(svg, layout, low, high);

        if (Title is not null)
        {
            svg.Text(layout.TotalWidth / 2, 22, Title, "middle", 14, bold: true, fill: "#222222");
        }

        if (XLabel is not null)
        {
            svg.Text(layout.Left + (layout.PlotWidth / 2), layout.TotalHeight - 8, XLabel, "middle", 12);
        }

        if (YLabel is not null)
        {
            svg.Text(16, layout.Top + (layout.PlotHeight / 2), YLabel, "middle", 12, middle: true, rotate: -90);
        }

        return svg.ToString();
    }

    /// <inheritdoc/>
    public override string ToPlotlyJson()
    {
        var layout = Arrange();
        var (low, high) = ColorRange();
        var z = new JsonArray();
        var hover = new JsonArray();
        for (var r = 0; r < Rows; r++)
        {
            z.Add(PlotlyJson.Numbers(Enumerable.Range(0, Columns).Select(c => PlotNumbers.FromFloat(values[r, c]))));
            hover.Add(PlotlyJson.Strings(Enumerable.Range(0, Columns).Select(c => $"row {rowLabels[r]}, column {columnLabels[c]}")));
        }

        // Numeric positions with tick text, not category names: a sentence may repeat a word ("the … the"),
        // and Plotly would merge repeated categories into one column.
        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = z,
            ["x"] = PlotlyJson.Numbers(Enumerable.Range(0, Columns).Select(c => (double)c)),
            ["y"] = PlotlyJson.Numbers(Enumerable.Range(0, Rows).Select(r => (double)r)),
            ["zmin"] = low,
            ["zmax"] = high,
            ["colorscale"] = PlotlyJson.Colors(ColorScale),
            ["text"] = hover,
            ["hovertemplate"] = "%{text}: %{z}<extra></extra>",
        };
        if (ShowValues)
        {
            trace["texttemplate"] = "%{z:.2f}";
        }

        var plotlyLayout = new JsonObject
        {
            ["title"] = PlotlyJson.Title(Title),
            ["width"] = layout.TotalWidth,
            ["height"] = layout.TotalHeight,
            ["xaxis"] = new JsonObject
            {
                ["title"] = PlotlyJson.Title(XLabel),
                ["tickvals"] = PlotlyJson.Numbers(Enumerable.Range(0, Columns).Where(layout.ColumnText.Shows).Select(c => (double)c)),
                ["ticktext"] = PlotlyJson.Strings(columnLabels.Where((_, c) => layout.ColumnText.Shows(c))),
                ["tickangle"] = layout.ColumnText.Rotated ? -45 : 0,
            },
            ["yaxis"] = new JsonObject
            {
                ["title"] = PlotlyJson.Title(YLabel),
                ["tickvals"] = PlotlyJson.Numbers(Enumerable.Range(0, Rows).Where(layout.RowText.Shows).Select(r => (double)r)),
                ["ticktext"] = PlotlyJson.Strings(rowLabels.Where((_, r) => layout.RowText.Shows(r))),
                ["autorange"] = "reversed",
            },
        };
        return PlotlyJson.Figure([trace], plotlyLayout);
    }

    /// <summary>For example <c>Heatmap "alignment": 7×9, values 0.001…0.93, Viridis</c>.</summary>
    public override string ToString()
    {
        var finite = values.Cast<float>().Where(float.IsFinite).ToList();
        var range = finite.Count > 0 ? $"values {PlotNumbers.Value(finite.Min())}…{PlotNumbers.Value(finite.Max())}" : "no finite values";
        return $"Heatmap{QuotedTitle}: {PlotNumbers.Int(Rows)}×{PlotNumbers.Int(Columns)}, {range}, {ColorScale.Name}";
    }

    private static string[] Labels(IReadOnlyList<string>? labels, int count, string parameter, string what)
    {
        if (labels is null)
        {
            return [.. Enumerable.Range(0, count).Select(PlotNumbers.Int)];
        }

        if (labels.Count != count)
        {
            throw new ArgumentException($"Heatmap: {parameter} has {labels.Count} labels, but the matrix has {count} {what}.", parameter);
        }

        return [.. labels.Select(l => l ?? "")];
    }

    /// <summary>Writes each value in its cell, black on light colours and white on dark ones.</summary>
    private void DrawValues(SvgWriter svg, Layout layout, Func<float, Rgb> color)
    {
        var size = Math.Min(FontSize, Math.Min(layout.CellHeight * 0.5, layout.CellWidth / 2.6));
        if (size < 6)
        {
            return; // the cells are too small for readable numbers; hover shows them instead
        }

        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                var v = values[r, c];
                var ink = !float.IsNaN(v) && color(v).Luminance < 0.5 ? "#ffffff" : "#000000";
                svg.Text(layout.Left + ((c + 0.5) * layout.CellWidth), layout.Top + ((r + 0.5) * layout.CellHeight),
                    PlotNumbers.Cell(v), "middle", size, middle: true, fill: ink);
            }
        }
    }

    /// <summary>A vertical strip of the colour scale right of the cells, low values at the bottom, with ticks.</summary>
    private void DrawColorBar(SvgWriter svg, Layout layout, double low, double high)
    {
        const int slices = 48;
        var x = layout.Left + layout.PlotWidth + 14;
        var slice = layout.BarHeight / slices;
        svg.BeginGroup(crisp: true);
        for (var i = 0; i < slices; i++)
        {
            // Slice 0 at the bottom shows the colour of its middle, (i + ½) / slices of the way up.
            var y = layout.Top + layout.BarHeight - ((i + 1) * slice);
            svg.Rect(x, y, 12, slice + 0.5, ColorScale.At((i + 0.5) / slices).ToString());
        }

        svg.EndGroup();
        svg.Rect(x, layout.Top, 12, layout.BarHeight, "none", stroke: "#999999");
        foreach (var tick in Axis.TicksWithin(low, high, 4))
        {
            var y = layout.Top + layout.BarHeight - (high > low ? (tick.Value - low) / (high - low) * layout.BarHeight : layout.BarHeight / 2);
            svg.Line(x + 12, y, x + 16, y, ChartFrame.AxisColor);
            svg.Text(x + 19, y, tick.Label, middle: true);
        }
    }

    /// <summary>Cell sizes and margins: cells first (fixed or fitted to Width/Height), labels decide the margins.</summary>
    private Layout Arrange()
    {
        var (low, high) = ColorRange();
        var barLabels = TextMetrics.MaxWidth(Axis.TicksWithin(low, high, 4).Select(t => t.Label));
        var right = 14 + 12 + 19 + barLabels + 10;
        var top = Title is null ? 12 : 36;
        var rowTextWidth = TextMetrics.MaxWidth(rowLabels, FontSize) + 6;
        var left = 10 + (YLabel is null ? 0 : 20) + rowTextWidth;

        // Square cells about 560 × 440 pixels in all, between 3 and 40 pixels each, unless Width/Height fix them.
        var auto = Math.Clamp(Math.Min(560.0 / Columns, 440.0 / Rows), 3, 40);
        var columnText = CategoryLabels.UnderColumns(columnLabels, auto, FontSize);
        left = Math.Max(left, columnText.Overhang - (auto / 2) + 8);
        var cellWidth = Width is { } width ? (width - left - right) / Columns : auto;
        columnText = CategoryLabels.UnderColumns(columnLabels, cellWidth, FontSize);
        var bottom = columnText.Depth + (XLabel is null ? 0 : 20) + 8;
        var cellHeight = Height is { } height ? (height - top - bottom) / Rows : Width is null ? auto : cellWidth;
        if (cellWidth < 1 || cellHeight < 1)
        {
            throw new InvalidOperationException(
                $"Heatmap: {PlotNumbers.Int(Width ?? 0)}×{PlotNumbers.Int(Height ?? 0)} pixels leave less than one pixel per cell for {PlotNumbers.Int(Rows)}×{PlotNumbers.Int(Columns)} cells; make Width and Height larger (or null).");
        }

        var rowText = CategoryLabels.BesideRows(rowLabels, cellHeight, FontSize);
        var plotWidth = cellWidth * Columns;
        var plotHeight = cellHeight * Rows;
        var barHeight = Math.Max(plotHeight, 80);
        // A title wider than the cells and the colour bar widens the picture (as in ImageGrid), or its ends are cut off.
        var titleWidth = Title is null ? 0 : TextMetrics.Width(Title, 14) + 20;
        var totalWidth = Width ?? Math.Ceiling(Math.Max(left + plotWidth + right, titleWidth));
        var totalHeight = Height ?? Math.Ceiling(Math.Max(top + plotHeight + bottom, top + barHeight + 12));
        return new Layout(left, top, cellWidth, cellHeight, plotWidth, plotHeight, barHeight, totalWidth, totalHeight, rowText, columnText);
    }

    /// <summary>Where everything goes, in pixels.</summary>
    private sealed record Layout(double Left, double Top, double CellWidth, double CellHeight, double PlotWidth, double PlotHeight,
        double BarHeight, double TotalWidth, double TotalHeight, CategoryLabels RowText, CategoryLabels ColumnText);
}
