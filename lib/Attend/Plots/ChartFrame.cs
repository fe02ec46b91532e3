namespace Attend.Plots;

/// <summary>
/// The parts line and bar charts share: the title, the axis names, and a value axis with its grid lines and tick
/// labels. The plot area is the rectangle (left, top, width, height) in pixels; y grows downwards in SVG, so the
/// largest value sits at the top.
/// </summary>
internal static class ChartFrame
{
    public const string GridColor = "#e6e6e6";
    public const string MinorGridColor = "#f3f3f3";
    public const string AxisColor = "#555555";

    /// <summary>Room above the plot area: more when there is a title.</summary>
    public static double TopMargin(string? title) => title is null ? 14 : 36;

    /// <summary>Room left of the plot area for the y tick labels and the y axis name.</summary>
    public static double LeftMargin(Axis yAxis, string? yLabel) =>
        10 + (yLabel is null ? 0 : 18) + TextMetrics.MaxWidth(yAxis.Ticks.Select(t => t.Label)) + 8;

    /// <summary>Draws the title centred above everything and the axis names beside the plot area.</summary>
    public static void DrawTitles(SvgWriter svg, double totalWidth, double totalHeight, string? title, string? xLabel, string? yLabel,
        double left, double top, double width, double height)
    {
        if (title is not null)
        {
            svg.Text(totalWidth / 2, 22, title, "middle", 14, bold: true, fill: "#222222");
        }

        if (xLabel is not null)
        {
            svg.Text(left + (width / 2), totalHeight - 8, xLabel, "middle", 12);
        }

        if (yLabel is not null)
        {
            svg.Text(16, top + (height / 2), yLabel, "middle", 12, middle: true, rotate: -90);
        }
    }

    /// <summary>Horizontal grid lines at the y axis's ticks (and minor ticks), labelled on the left.</summary>
    public static void DrawYAxis(SvgWriter svg, Axis axis, double left, double top, double width, double height)
    {
        double Y(double value) => top + height - (axis.Fraction(value) * height);
        foreach (var minor in axis.MinorTicks)
        {
            svg.Line(left, Y(minor), left + width, Y(minor), MinorGridColor);
        }

        foreach (var tick in axis.Ticks)
        {
            svg.Line(left, Y(tick.Value), left + width, Y(tick.Value), GridColor);
            svg.Line(left - 4, Y(tick.Value), left, Y(tick.Value), AxisColor);
            svg.Text(left - 7, Y(tick.Value), tick.Label, "end", middle: true);
        }

        svg.Line(left, top, left, top + height, AxisColor);
    }

    /// <summary>Vertical grid lines at the x axis's ticks, labelled below the plot area.</summary>
    public static void DrawXAxis(SvgWriter svg, Axis axis, double left, double top, double width, double height)
    {
        double X(double value) => left + (axis.Fraction(value) * width);
        foreach (var tick in axis.Ticks)
        {
            svg.Line(X(tick.Value), top, X(tick.Value), top + height, GridColor);
            svg.Line(X(tick.Value), top + height, X(tick.Value), top + height + 4, AxisColor);
            svg.Text(X(tick.Value), top + height + 16, tick.Label, "middle");
        }

        svg.Line(left, top + height, left + width, top + height, AxisColor);
    }

    /// <summary>An error for a size too small to hold the plot.</summary>
    public static void CheckRoom(string plot, int totalWidth, int totalHeight, double width, double height)
    {
        if (width < 30 || height < 30)
        {
            throw new InvalidOperationException(
                $"{plot}: {totalWidth}×{totalHeight} pixels leave a plot area of only {PlotNumbers.Svg(Math.Round(width))}×{PlotNumbers.Svg(Math.Round(height))} after the labels; make Width and Height larger.");
        }
    }
}
