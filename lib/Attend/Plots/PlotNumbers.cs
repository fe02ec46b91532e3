using System.Globalization;

namespace Attend.Plots;

/// <summary>
/// Every number a plot writes, as text. All of them use the invariant culture: under a German locale
/// <c>(0.5).ToString()</c> is "0,5", which would turn the SVG coordinate list "0.5,2" into nonsense.
/// </summary>
internal static class PlotNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A coordinate or size in SVG: at most two decimals (a hundredth of a pixel is invisible).</summary>
    public static string Svg(double value)
    {
        var rounded = Math.Round(value, 2);
        return rounded == 0 ? "0" : rounded.ToString("0.##", Invariant);
    }

    /// <summary>A whole number (counts, sizes) in the invariant culture.</summary>
    public static string Int(int value) => value.ToString(Invariant);

    /// <summary>
    /// A tick label on a linear axis whose ticks are <paramref name="step"/> apart: just enough decimals to tell
    /// neighbours apart (step 0.2 → one decimal), scientific notation for very large or very small numbers.
    /// </summary>
    public static string Tick(double value, double step)
    {
        if (Math.Abs(value) < step * 1e-6)
        {
            value = 0; // not "-0.0" from a rounding error below zero
        }

        if (Math.Abs(value) >= 1e6 || step < 1e-4)
        {
            return value.ToString("0.##e+0", Invariant);
        }

        var decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9);
        return value.ToString("F" + decimals.ToString(Invariant), Invariant);
    }

    /// <summary>The label of the decade 10^<paramref name="exponent"/> on a log axis: "0.001", "100", or "1e-6".</summary>
    public static string Decade(int exponent) => exponent is >= -4 and <= 5
        ? PowerOfTen(exponent).ToString("0.#####", Invariant)
        : "1e" + exponent.ToString(Invariant);

    /// <summary>10^<paramref name="exponent"/> as the double nearest to it (1/1000 is nearer to 0.001 than 10^−3 computed by Pow).</summary>
    public static double PowerOfTen(int exponent) => exponent >= 0 ? Math.Pow(10, exponent) : 1 / Math.Pow(10, -exponent);

    /// <summary>A value printed inside a heatmap cell: short (two decimals at most).</summary>
    public static string Cell(double value)
    {
        var text = Math.Abs(value) switch
        {
            double.NaN => "NaN",
            >= 1000 => value.ToString("0.#e+0", Invariant),
            >= 100 => value.ToString("0", Invariant),
            >= 10 => value.ToString("0.#", Invariant),
            _ => value.ToString("0.##", Invariant),
        };
        return text == "-0" ? "0" : text; // −0.001 rounds to "−0"
    }

    /// <summary>A value in a tooltip or a summary: up to five significant digits.</summary>
    public static string Value(double value) => value.ToString("G5", Invariant);

    /// <summary>
    /// A float as the double with the same shortest decimal form: 0.1f becomes 0.1, not 0.10000000149011612, so
    /// Plotly JSON and summaries show the number the user had.
    /// </summary>
    public static double FromFloat(float value) =>
        float.IsFinite(value) ? double.Parse(value.ToString("R", Invariant), Invariant) : value;
}
