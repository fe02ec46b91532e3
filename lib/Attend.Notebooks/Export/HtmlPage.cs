using System.Text;

namespace Attend.Notebooks.Export;

/// <summary>The shell shared by chapter pages and the contents page: head with the stylesheets and the math scripts, then the body.</summary>
internal static class HtmlPage
{
    /// <summary>A whole HTML document.</summary>
    /// <param name="title">The page title (plain text).</param>
    /// <param name="assets">The assets folder relative to the page, ending with '/'.</param>
    /// <param name="body">The body's HTML.</param>
    /// <returns>The document.</returns>
    public static string Document(string title, string assets, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>{HtmlText.Escape(title)}</title>\n");
        html.Append($"<link rel=\"stylesheet\" href=\"{assets}katex/katex.min.css\">\n");
        html.Append($"<link rel=\"stylesheet\" href=\"{assets}notebook.css\">\n");

        // Deferred scripts run in order once the page is parsed, before DOMContentLoaded (when render-math.js typesets).
        html.Append($"<script defer src=\"{assets}katex/katex.min.js\"></script>\n");
        html.Append($"<script defer src=\"{assets}katex/contrib/auto-render.min.js\"></script>\n");
        html.Append($"<script defer src=\"{assets}render-math.js\"></script>\n");
        html.Append("</head>\n<body>\n");
        html.Append(body);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
