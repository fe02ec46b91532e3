namespace Attend.Plots;

/// <summary>
/// Maps a number in [0, 1] to a colour by straight-line mixing between evenly spaced colour stops. A heatmap first
/// maps each value to [0, 1] with its Min and Max, then asks the scale for the colour.
/// <see cref="Viridis"/> is the default: its brightness rises steadily, so order reads correctly even in greyscale
/// and for colour-blind readers.
/// </summary>
public sealed class ColorScale
{
    private readonly Rgb[] stops;

    /// <summary>A scale through <paramref name="stops"/> (at least two), the first at 0 and the last at 1.</summary>
    /// <param name="name">Shown in summaries.</param>
    /// <param name="stops">The colours, evenly spaced over [0, 1].</param>
    /// <param name="diverging">True when the middle colour means zero (a heatmap then centres its range on 0).</param>
    public ColorScale(string name, IReadOnlyList<Rgb> stops, bool diverging = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(stops);
        if (stops.Count < 2)
        {
            throw new ArgumentException($"ColorScale: needs at least 2 colour stops, got {stops.Count}.", nameof(stops));
        }

        Name = name;
        this.stops = [.. stops];
        IsDiverging = diverging;
    }

    /// <summary>Dark purple → blue → green → yellow (matplotlib's default; perceptually uniform).</summary>
    public static ColorScale Viridis { get; } = FromHex("Viridis", false,
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725");

    /// <summary>White → black (ColorBrewer Greys): dark cells are large values.</summary>
    public static ColorScale Greys { get; } = FromHex("Greys", false,
        "#ffffff", "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#252525", "#000000");

    /// <summary>Very light blue → dark blue (ColorBrewer Blues).</summary>
    public static ColorScale Blues { get; } = FromHex("Blues", false,
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b");

    /// <summary>
    /// Red (negative) → white (zero) → blue (positive) (ColorBrewer RdBu), for signed values such as weights or
    /// gradients. Diverging: a heatmap without explicit Min/Max uses the range ±max|value| so white is exactly 0.
    /// </summary>
    public static ColorScale RdBu { get; } = FromHex("RdBu", true,
        "#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061");

    /// <summary>The scale's name, e.g. "Viridis".</summary>
    public string Name { get; }

    /// <summary>True when the middle colour stands for zero.</summary>
    public bool IsDiverging { get; }

    /// <summary>The colour stops, evenly spaced from 0 to 1.</summary>
    public IReadOnlyList<Rgb> Stops => stops;

    /// <summary>The colour at <paramref name="t"/>, clamped to [0, 1] (NaN gives the first stop).</summary>
    public Rgb At(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);

        // Stops sit at 0, 1/(n−1), 2/(n−1), …, 1: find the pair around t and mix them.
        var position = t * (stops.Length - 1);
        var lower = Math.Min((int)Math.Floor(position), stops.Length - 2);
        return Rgb.Lerp(stops[lower], stops[lower + 1], position - lower);
    }

    /// <summary>The scale's name.</summary>
    public override string ToString() => Name;

    private static ColorScale FromHex(string name, bool diverging, params string[] hex) =>
        new(name, hex.Select(Rgb.Parse).ToArray(), diverging);
}
