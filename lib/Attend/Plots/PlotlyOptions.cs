namespace Attend.Plots;

/// <summary>
/// Where <see cref="Plot.ToPlotlyHtml"/> gets plotly.js. By default from the copy inside Attend.dll (the npm registry's
/// plotly.js-dist-min 2.35.2, Plots/Vendor/README.md), inlined into each interactive output, so charts draw offline.
/// Plots show as static SVG by default because GitHub (and other sanitizing viewers) strip scripts from notebook
/// outputs, so an interactive Plotly chart would show there as nothing; ask for <see cref="Plot.Interactive"/> when
/// you want zoom and hover in a live notebook or a page.
/// </summary>
public static class PlotlyOptions
{
    /// <summary>The plotly.js version inside Attend.dll, which the figures are written for.</summary>
    public const string VendoredVersion = VendoredPlotly.Version;

    /// <summary>The official CDN address of that version, for <see cref="ScriptUrl"/> if you want small outputs and have a network.</summary>
    public const string CdnScriptUrl = "https://cdn.plot.ly/plotly-" + VendoredPlotly.Version + ".min.js";

    /// <summary>
    /// Null (the default): inline the vendored copy (about 4.6 MB in every interactive output, no network needed).
    /// A URL: load plotly.js from there instead (small outputs; the chart stays blank offline).
    /// </summary>
    public static string? ScriptUrl { get; set; }

    /// <summary>
    /// A local plotly.js file to inline instead of the vendored copy (another version or a custom bundle); it takes
    /// precedence over <see cref="ScriptUrl"/>. Null (the default) uses the vendored copy or the URL.
    /// </summary>
    public static string? LocalScriptPath { get; set; }
}
