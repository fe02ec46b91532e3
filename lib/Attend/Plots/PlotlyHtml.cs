using System.Text;
using System.Text.Json;

namespace Attend.Plots;

/// <summary>
/// Wraps a Plotly figure (JSON) in an HTML snippet: an empty div, then a script that draws the figure into it once
/// plotly.js is there. plotly.js comes from <see cref="PlotlyOptions.ScriptUrl"/>, or is inlined from
/// <see cref="PlotlyOptions.LocalScriptPath"/>.
/// </summary>
internal static class PlotlyHtml
{
    /// <summary>The snippet for a notebook output.</summary>
    public static string Snippet(string figureJson)
    {
        // Several plots share one notebook page, so each div needs its own id.
        var id = "attend-plotly-" + Guid.NewGuid().ToString("N")[..12];
        var html = new StringBuilder();
        html.Append("<div id=\"").Append(id).Append("\" class=\"attend-plotly\"></div>\n");
        if (PlotlyOptions.LocalScriptPath is { } path)
        {
            html.Append("<script>\n").Append(InlineLibrary(path)).Append("\n</script>\n");
        }

        html.Append("<script>\n").Append(DrawScript(id, figureJson)).Append("</script>\n");
        return html.ToString();
    }

    /// <summary>A whole page (for <see cref="Plot.Save"/>): the snippet, with the static SVG for readers without scripts.</summary>
    public static string Page(string title, string figureJson, string svg) =>
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + SvgWriter.Escape(title) + "</title>\n</head>\n<body>\n"
        + Snippet(figureJson) + "<noscript>" + svg + "</noscript>\n</body>\n</html>\n";

    private static string DrawScript(string id, string figureJson)
    {
        // JSON string literals are valid JavaScript string literals (and the encoder escapes < > &).
        var url = JsonSerializer.Serialize(PlotlyOptions.ScriptUrl);
        var amdPath = JsonSerializer.Serialize(
            PlotlyOptions.ScriptUrl.EndsWith(".js", StringComparison.OrdinalIgnoreCase) ? PlotlyOptions.ScriptUrl[..^3] : PlotlyOptions.ScriptUrl);
        var quotedId = JsonSerializer.Serialize(id);
        return $$"""
            (function () {
              var figure = {{figureJson}};
              var target = document.getElementById({{quotedId}});
              function draw() { window.Plotly.newPlot(target, figure.data, figure.layout, { responsive: true }); }
              if (window.Plotly) { draw(); return; }
              if (typeof window.requirejs === "function") {
                // Classic Jupyter loads libraries through RequireJS; plotly.js then registers as a module.
                window.requirejs.config({ paths: { plotly: {{amdPath}} } });
                window.requirejs(["plotly"], function (plotly) { window.Plotly = window.Plotly || plotly; draw(); });
                return;
              }
              var script = document.createElement("script");
              script.src = {{url}};
              script.onload = draw;
              script.onerror = function () {
                target.textContent = "plotly.js could not be loaded from " + script.src +
                  ". Set PlotlyOptions.LocalScriptPath to a local copy, or show the plot without Plotly (ToHtml).";
              };
              document.head.appendChild(script);
            })();

            """;
    }

    private static string InlineLibrary(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"ToPlotlyHtml: PlotlyOptions.LocalScriptPath is \"{path}\", but there is no such file. Point it at a copy of plotly.min.js, or set it to null to load {PlotlyOptions.ScriptUrl}.",
                path);
        }

        // "</script" inside the library would end the element early; "<\/script" means the same to JavaScript.
        var library = File.ReadAllText(path).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

        // Hide RequireJS's define (and CommonJS's module/exports) so the library sets window.Plotly as in a plain page.
        return "(function (define, module, exports) {\n" + library
            + "\n;if (typeof Plotly !== \"undefined\" && !window.Plotly) { window.Plotly = Plotly; }\n}).call(window);";
    }
}
