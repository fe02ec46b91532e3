using Attend.Display;

namespace Attend.Plots;

/// <summary>
/// A plot that a notebook shows as its interactive Plotly version (<see cref="Plot.ToPlotlyHtml"/>) instead of the
/// static SVG. Get one with <see cref="Plot.Interactive"/>. Needs scripts: GitHub shows nothing for it.
/// </summary>
[TypeFormatterSource(typeof(AttendFormatterSource))]
public sealed class InteractivePlot : IRichDisplay
{
    internal InteractivePlot(Plot plot) => Plot = plot;

    /// <summary>The plot it shows.</summary>
    public Plot Plot { get; }

    /// <summary>The Plotly snippet.</summary>
    public string ToHtml() => Plot.ToPlotlyHtml();

    /// <summary>The plot's summary, marked interactive.</summary>
    public override string ToString() => Plot + " (interactive)";
}
