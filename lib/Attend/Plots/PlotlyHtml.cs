using System.Text;
using System.Text.Json;

namespace Attend.Plots;

/// <summary>
/// Wraps a Plotly figure (JSON) in an HTML snippet: an empty div, then a script that draws the figure into it once
/// plotly.js is there. plotly.js is inlined from <see cref="PlotlyOptions.LocalScriptPath"/>, or loaded from
/// <see cref="PlotlyOptions.ScriptUrl"/> when that is set, or else inlined from the copy inside Attend.dll.
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
        var url = PlotlyOptions.ScriptUrl;
        if (PlotlyOptions.LocalScriptPath is { } path)
        {
            html.Append("<script>\n").Append(Inline(ReadLocal(path))).Append("\n</script>\n");
        }
        else if (url is null)
        {
            html.Append("<script>\n").Append(Inline(VendoredPlotly.Script)).Append("\n</script>\n");
        }

        html.Append("<script>\n").Append(PlotlyOptions.LocalScriptPath is null && url is not null ? LoadAndDrawScript(id, figureJson, url) : DrawScript(id, figureJson))
            .Append("</script>\n");
        return html.ToString();
    }

    /// <summary>A whole page (for <see cref="Plot.Save"/>): the snippet, with the static SVG for readers without scripts.</summary>
    public static string Page(string title, string figureJson, string svg) =>
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + SvgWriter.Escape(title) + "</title>\n</head>\n<body>\n"
        + Snippet(figureJson) + "<noscript>" + svg + "</noscript>\n</body>\n</html>\n";

    /// <summary>Draws the figure with the plotly.js inlined just before (window.Plotly is set by then).</summary>
    private static string DrawScript(string id, string figureJson) =>
        $$"""
            (function () {
              var figure = {{figureJson}};
              window.Plotly.newPlot(document.getElementById({{JsonSerializer.Serialize(id)}}), figure.data, figure.layout, { responsive: true });
            })();

            """;

    /// <summary>Loads plotly.js from <paramref name="scriptUrl"/> unless the page has it already, then draws the figure.</summary>
    private static string LoadAndDrawScript(string id, string figureJson, string scriptUrl)
    {
        // JSON string literals are valid JavaScript string literals (and the encoder escapes < > &).
        var url = JsonSerializer.Serialize(scriptUrl);
        var amdPath = JsonSerializer.Serialize(
            scriptUrl.EndsWith(".js", StringComparison.OrdinalIgnoreCase) ? scriptUrl[..^3] : scriptUrl);
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
                  ". Set PlotlyOptions.ScriptUrl = null to use the copy inside Attend.dll (works offline).";
              };
              document.head.appendChild(script);
            })();

            """;
    }

    private static string ReadLocal(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"ToPlotlyHtml: PlotlyOptions.LocalScriptPath is \"{path}\", but there is no such file. Point it at a copy of plotly.min.js, or set it to null to use the plotly.js {PlotlyOptions.VendoredVersion} inside Attend.dll.",
                path);
        }

        return File.ReadAllText(path);
    }

    private static string Inline(string library)
    {
        // "</script" inside the library would end the element early; "<\/script" means the same to JavaScript.
        library = library.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

        // Hide RequireJS's define (and CommonJS's module/exports) so the library sets window.Plotly as in a plain page.
        return "(function (define, module, exports) {\n" + library
            + "\n;if (typeof Plotly !== \"undefined\" && !window.Plotly) { window.Plotly = Plotly; }\n}).call(window);";
    }
}
