using System.Globalization;

namespace Attend.Plots;

/// <summary>An opaque sRGB colour with 8 bits per channel, written as <c>#rrggbb</c> in SVG and Plotly.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Reads <c>#rrggbb</c> (the leading <c>#</c> is optional).</summary>
    public static Rgb Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith('#') ? hex[1..] : hex;
        if (digits.Length != 6 || !int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"Rgb.Parse: expected a colour like \"#1f77b4\", got \"{hex}\".");
        }

        return new Rgb((byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    /// <summary>The straight-line mix of <paramref name="a"/> and <paramref name="b"/>: t = 0 gives a, t = 1 gives b.</summary>
    public static Rgb Lerp(Rgb a, Rgb b, double t) => new(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));

    /// <summary>
    /// Perceived brightness in [0, 1] (Rec. 709 weights: the eye is most sensitive to green). Text drawn on a cell
    /// uses black above 0.5 and white below, so it stays readable on every colour of a scale.
    /// </summary>
    public double Luminance => ((0.2126 * R) + (0.7152 * G) + (0.0722 * B)) / 255.0;

    /// <summary>The colour as <c>#rrggbb</c>.</summary>
    public override string ToString() => "#" + R.ToString("x2", CultureInfo.InvariantCulture)
        + G.ToString("x2", CultureInfo.InvariantCulture) + B.ToString("x2", CultureInfo.InvariantCulture);

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + ((b - a) * t), MidpointRounding.AwayFromZero);
}
