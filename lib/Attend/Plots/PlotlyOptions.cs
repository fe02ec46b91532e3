namespace Attend.Plots;

/// <summary>
/// Where <see cref="Plot.ToPlotlyHtml"/> gets plotly.js. Plots show as static SVG by default because GitHub (and
/// other sanitizing viewers) strip scripts from notebook outputs, so an interactive Plotly chart would show there
/// as nothing; ask for <see cref="Plot.ToPlotlyHtml"/> when you want zoom and hover in a live notebook or a page.
/// </summary>
public static class PlotlyOptions
{
    /// <summary>The official CDN address of the plotly.js version the figures are written for.</summary>
    public const string DefaultScriptUrl = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    /// <summary>The URL the snippet loads plotly.js from (default <see cref="DefaultScriptUrl"/>); needs a network.</summary>
    public static string ScriptUrl { get; set; } = DefaultScriptUrl;

    /// <summary>
    /// A local copy of plotly.js (e.g. plotly.min.js, about 3.5 MB) to inline into every snippet instead of loading
    /// <see cref="ScriptUrl"/>: works offline, but each interactive output then carries the whole library.
    /// Null (the default) uses the URL.
    /// </summary>
    public static string? LocalScriptPath { get; set; }
}
