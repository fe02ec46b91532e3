using System.Globalization;
using System.Text;

namespace Attend.Display;

/// <summary>
/// A small loss-versus-step line chart as inline SVG (one polyline, no script), for <see cref="TrainingProgress"/>.
/// The loss axis turns logarithmic when the losses span more than two decades (max/min &gt; 100), where a linear
/// axis would flatten everything after the first steps.
/// </summary>
internal static class LossCurve
{
    /// <summary>The most points drawn: longer histories are averaged in equal groups of consecutive reports.</summary>
    public const int MaxPoints = 300;

    private const int Width = 360;
    private const int Height = 90;
    private const int Left = 52;
    private const int Right = 8;
    private const int Top = 6;
    private const int Bottom = 16;

    /// <summary>Whether the loss axis is logarithmic: every loss positive and max/min above 100.</summary>
    public static bool UsesLogScale(IReadOnlyCollection<float> losses) =>
        losses.Count > 0 && losses.All(l => l > 0) && losses.Max() / (double)losses.Min() > 100;

    /// <summary>The chart, or an empty string until there are two finite losses to join.</summary>
    public static string Svg(IReadOnlyList<(int Step, float Loss)> history)
    {
        var points = Downsample(history.Where(h => float.IsFinite(h.Loss)).ToList());
        if (points.Count < 2)
        {
            return "";
        }

        var log = UsesLogScale(points.Select(p => (float)p.Loss).ToList());
        double Y(double loss) => log ? Math.Log10(loss) : loss;
        var (minStep, maxStep) = (points.Min(p => p.Step), points.Max(p => p.Step));
        var (minLoss, maxLoss) = (points.Min(p => p.Loss), points.Max(p => p.Loss));
        var (low, high) = (Y(minLoss), Y(maxLoss));

        // Data space → pixels; a flat curve sits in the middle.
        double PixelX(double step) => Left + ((Width - Left - Right) * (maxStep > minStep ? (step - minStep) / (maxStep - minStep) : 0.5));
        double PixelY(double loss) => Top + ((Height - Top - Bottom) * (high > low ? (high - Y(loss)) / (high - low) : 0.5));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"10\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#ddd\"/>");
        svg.Append("<polyline fill=\"none\" stroke=\"#4c78a8\" stroke-width=\"1.5\" points=\"");
        svg.AppendJoin(' ', points.Select(p => Number(PixelX(p.Step)) + "," + Number(PixelY(p.Loss))));
        svg.Append("\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 8}\" text-anchor=\"end\" fill=\"#666\">{TrainingProgress.FormatLoss(maxLoss)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\" fill=\"#666\">{TrainingProgress.FormatLoss(minLoss)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 4}\" fill=\"#666\">loss{(log ? " (log scale)" : "")} · step {minStep}–{maxStep}</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>At most <see cref="MaxPoints"/> points: the mean step and mean loss of each group of consecutive reports.</summary>
    internal static List<(double Step, double Loss)> Downsample(IReadOnlyList<(int Step, float Loss)> history)
    {
        var group = Math.Max(1, (history.Count + MaxPoints - 1) / MaxPoints);
        return [.. history.Chunk(group).Select(c => (c.Average(p => (double)p.Step), c.Average(p => (double)p.Loss)))];
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
