using System.Text;
using Attend.Display;

namespace Attend.Plots;

/// <summary>
/// What every plot can do. In a notebook a plot shows itself as a static SVG picture drawn by this library
/// (<see cref="ToHtml"/>): it needs no network and no scripts, so it also shows on GitHub, which strips scripts
/// from notebooks, and in exported HTML. <see cref="ToPlotlyHtml"/> gives the same plot as an interactive Plotly
/// chart when you want to zoom and hover.
/// </summary>
public abstract class Plot : IRichDisplay
{
    /// <summary>The heading drawn above the plot (none when null).</summary>
    public string? Title { get; set; }

    /// <summary>The plot as a standalone SVG document (text).</summary>
    public abstract string ToSvg();

    /// <summary>The SVG inside a div: what a notebook shows (text/html).</summary>
    public string ToHtml() => "<div class=\"attend-plot\" style=\"overflow-x:auto\">" + ToSvg() + "</div>";

    /// <summary>The plot as a Plotly figure, <c>{"data": [...], "layout": {...}}</c>, in JSON.</summary>
    public abstract string ToPlotlyJson();

    /// <summary>
    /// An interactive version: a div and a script that draws <see cref="ToPlotlyJson"/> with plotly.js, inlined from
    /// the copy inside Attend.dll (works offline; see <see cref="PlotlyOptions"/> for a URL or another file instead).
    /// In a notebook, <see cref="Interactive"/> shows it; it stays blank where scripts are stripped.
    /// </summary>
    public string ToPlotlyHtml() => PlotlyHtml.Snippet(ToPlotlyJson());

    /// <summary>This plot, shown in a notebook as the interactive Plotly chart: end a cell with <c>chart.Interactive()</c>.</summary>
    public InteractivePlot Interactive() => new(this);

    /// <summary>
    /// Writes the plot to <paramref name="path"/>: ".svg" saves the static picture, ".html" (or ".htm") a page
    /// with the interactive Plotly chart (and the SVG for browsers without scripts).
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".svg":
                File.WriteAllText(path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + ToSvg() + "\n", utf8);
                break;
            case ".html" or ".htm":
                File.WriteAllText(path, PlotlyHtml.Page(Title ?? GetType().Name, ToPlotlyJson(), ToSvg()), utf8);
                break;
            default:
                throw new ArgumentException(
                    $"Save: cannot tell the format of \"{path}\"; end the name in .svg (static picture) or .html (interactive Plotly page).",
                    nameof(path));
        }
    }

    /// <summary>A one-line text summary (what a notebook shows as text/plain).</summary>
    public abstract override string ToString();

    /// <summary>The title in quotes for a summary, or nothing.</summary>
    private protected string QuotedTitle => Title is null ? "" : $" \"{Title}\"";
}
