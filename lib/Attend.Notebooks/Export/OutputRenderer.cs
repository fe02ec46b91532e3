using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Export;

/// <summary>
/// One cell output to HTML. A display shows its richest mime type, in the order of <see cref="MimeOrder"/>:
/// HTML as it is, SVG inline, bitmaps as data URIs, Markdown and LaTeX typeset, everything else as escaped text.
/// </summary>
internal static partial class OutputRenderer
{
    /// <summary>The mime types a display is shown as, richest first (Jupyter's nbconvert order, SVG before bitmaps).</summary>
    public static readonly string[] MimeOrder =
    [
        "text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "text/latex",
        "application/json", "text/plain",
    ];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Renders one output.</summary>
    /// <param name="output">A stream, display or error output.</param>
    /// <returns>The HTML, wrapped in an element whose class names the output kind.</returns>
    public static string Render(CellOutput output) => output switch
    {
        StreamOutput stream => $"<pre class=\"output stream {stream.Name}\">{HtmlText.Escape(stream.Text)}</pre>",
        ErrorOutput error => $"<pre class=\"output error\">{HtmlText.Escape(ErrorText(error))}</pre>",
        DisplayDataOutput display => RenderDisplay(display),
        _ => "",
    };

    private static string RenderDisplay(DisplayDataOutput display)
    {
        var mimeType = MimeOrder.FirstOrDefault(display.Data.ContainsKey)
                       ?? display.Data.Keys.FirstOrDefault(m => m.StartsWith("text/", StringComparison.Ordinal));
        if (mimeType is null)
        {
            return "";
        }

        var content = display.Data[mimeType];
        var text = content as string ?? (content as JsonNode)?.ToJsonString(Indented) ?? content.ToString() ?? "";
        return mimeType switch
        {
            "text/html" => $"<div class=\"output html\">{text}</div>",
            "image/svg+xml" => $"<div class=\"output svg\">{InlineSvg(text)}</div>",
            "image/png" or "image/jpeg" or "image/gif" =>
                $"<div class=\"output image\"><img src=\"data:{mimeType};base64,{WhiteSpace().Replace(text, "")}\" alt=\"\"></div>",
            "text/markdown" => $"<div class=\"output markdown\">{MarkdownRenderer.ToHtml(text)}</div>",
            "text/latex" => $"<div class=\"output latex math\">\\[{HtmlText.Escape(StripDollars(text))}\\]</div>",
            _ => $"<pre class=\"output text\">{HtmlText.Escape(text)}</pre>",
        };
    }

    private static string ErrorText(ErrorOutput error)
    {
        // VS Code saves the full text as traceback lines; Jupyter kernels colour theirs with ANSI escapes.
        var text = error.Traceback.Count > 0 ? string.Concat(error.Traceback.Select(EndLine)) : $"{error.Name}: {error.Value}";
        return AnsiEscape().Replace(text, "").TrimEnd('\n');
    }

    private static string EndLine(string line) => line.EndsWith('\n') ? line : line + "\n";

    private static string InlineSvg(string svg)
    {
        // An .svg file's <?xml?> declaration and DOCTYPE are not allowed inside an HTML page: keep the <svg> element.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static string StripDollars(string latex)
    {
        var trimmed = latex.Trim();
        foreach (var fence in new[] { "$$", "$" })
        {
            if (trimmed.Length > 2 * fence.Length && trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.EndsWith(fence, StringComparison.Ordinal))
            {
                return trimmed[fence.Length..^fence.Length];
            }
        }

        return trimmed;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
