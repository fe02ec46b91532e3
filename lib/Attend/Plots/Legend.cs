namespace Attend.Plots;

/// <summary>The key of a line or bar chart: one row per series, a colour swatch then the name. Drawn right of the plot.</summary>
internal static class Legend
{
    private const double RowHeight = 16;
    private const double SwatchWidth = 18;

    /// <summary>The width the legend takes, swatch and gaps included.</summary>
    public static double Width(IEnumerable<string> names) => SwatchWidth + 6 + TextMetrics.MaxWidth(names);

    /// <summary>Draws the legend with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <param name="svg">The picture.</param>
    /// <param name="x">Left edge.</param>
    /// <param name="y">Top edge.</param>
    /// <param name="entries">Name and colour of each series.</param>
    /// <param name="squares">Square swatches (bars) instead of short lines.</param>
    public static void Draw(SvgWriter svg, double x, double y, IReadOnlyList<(string Name, Rgb Color)> entries, bool squares)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var middle = y + (i * RowHeight) + (RowHeight / 2);
            var color = entries[i].Color.ToString();
            if (squares)
            {
                svg.Rect(x + 4, middle - 5, 10, 10, color);
            }
            else
            {
                svg.Line(x, middle, x + SwatchWidth, middle, color, 2.5);
            }

            svg.Text(x + SwatchWidth + 6, middle, entries[i].Name, middle: true);
        }
    }
}
