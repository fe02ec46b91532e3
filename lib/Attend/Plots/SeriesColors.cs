namespace Attend.Plots;

/// <summary>
/// The colours of successive series in line and bar charts: matplotlib's "tab10" palette, ten hues chosen to be
/// told apart easily. The eleventh series reuses the first colour.
/// </summary>
internal static class SeriesColors
{
    private static readonly Rgb[] Palette = [.. new[]
    {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    }.Select(Rgb.Parse)];

    /// <summary>The colour of series number <paramref name="index"/> (0-based).</summary>
    public static Rgb For(int index) => Palette[index % Palette.Length];
}
