namespace Attend.Plots;

/// <summary>
/// How to fit one label per slot (a heatmap column or row, a bar group) along an axis. Short labels that fit stay
/// level; long words under narrow columns are turned 45°; when even that would collide, only every
/// <see cref="Every"/>-th label is shown.
/// </summary>
internal sealed class CategoryLabels
{
    private CategoryLabels(IReadOnlyList<string> texts, bool rotated, int every, double depth, double overhang)
    {
        Texts = texts;
        Rotated = rotated;
        Every = every;
        Depth = depth;
        Overhang = overhang;
    }

    /// <summary>The labels, one per slot.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>True when the labels are turned 45° (column labels only).</summary>
    public bool Rotated { get; }

    /// <summary>Only labels whose index is a multiple of this are drawn.</summary>
    public int Every { get; }

    /// <summary>The room the labels need away from the axis, in pixels.</summary>
    public double Depth { get; }

    /// <summary>How far the first column's label reaches left of its slot centre (so the margin can make room).</summary>
    public double Overhang { get; }

    /// <summary>Layout for labels under slots <paramref name="slotWidth"/> pixels wide.</summary>
    public static CategoryLabels UnderColumns(IReadOnlyList<string> texts, double slotWidth, double fontSize = 11)
    {
        var widest = TextMetrics.MaxWidth(texts, fontSize);
        if (widest + 4 <= slotWidth)
        {
            return new CategoryLabels(texts, false, 1, fontSize + 6, widest / 2);
        }

        // Short labels (indices like "127"): keep them level and skip some.
        if (texts.All(t => t.Length <= 4))
        {
            return new CategoryLabels(texts, false, (int)Math.Ceiling((widest + 6) / slotWidth), fontSize + 6, widest / 2);
        }

        // Turned 45°, neighbouring labels are slotWidth apart sideways, which leaves slotWidth·sin 45° between the
        // lines; they need about 1.2 font sizes of that.
        var every = (int)Math.Ceiling(fontSize * 1.2 / (slotWidth * Math.Sqrt(0.5)));
        var diagonal = widest * Math.Sqrt(0.5);
        return new CategoryLabels(texts, true, Math.Max(1, every), diagonal + fontSize + 6, diagonal);
    }

    /// <summary>Layout for level labels left of rows <paramref name="slotHeight"/> pixels tall.</summary>
    public static CategoryLabels BesideRows(IReadOnlyList<string> texts, double slotHeight, double fontSize = 11)
    {
        var every = Math.Max(1, (int)Math.Ceiling((fontSize + 1) / slotHeight));
        return new CategoryLabels(texts, false, every, TextMetrics.MaxWidth(texts, fontSize) + 6, 0);
    }

    /// <summary>Whether label <paramref name="index"/> is drawn.</summary>
    public bool Shows(int index) => index % Every == 0;

    /// <summary>
    /// Draws the labels under an axis at height <paramref name="axisY"/>; <paramref name="centre"/> gives the
    /// x position of each slot's centre.
    /// </summary>
    public void DrawUnder(SvgWriter svg, double axisY, Func<int, double> centre, double fontSize = 11)
    {
        for (var i = 0; i < Texts.Count; i++)
        {
            if (!Shows(i))
            {
                continue;
            }

            if (Rotated)
            {
                // Anchored at its end just below the axis and turned up 45°, the text runs down to the left.
                var x = centre(i) + (fontSize * 0.3);
                var y = axisY + 6 + (fontSize * 0.3);
                svg.Text(x, y, Texts[i], "end", fontSize, rotate: -45);
            }
            else
            {
                svg.Text(centre(i), axisY + 4 + fontSize, Texts[i], "middle", fontSize);
            }
        }
    }

    /// <summary>Draws the labels right-aligned at <paramref name="axisX"/>; <paramref name="centre"/> gives each row's centre.</summary>
    public void DrawBeside(SvgWriter svg, double axisX, Func<int, double> centre, double fontSize = 11)
    {
        for (var i = 0; i < Texts.Count; i++)
        {
            if (Shows(i))
            {
                svg.Text(axisX - 5, centre(i), Texts[i], "end", fontSize, middle: true);
            }
        }
    }
}
