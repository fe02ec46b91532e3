using System.Text;

namespace Attend.Notebooks.Export;

/// <summary>Escaping for text placed into HTML: only the characters HTML gives a meaning to.</summary>
internal static class HtmlText
{
    /// <summary>Escapes <c>&amp; &lt; &gt; "</c> so that text shows as written, in element content or a quoted attribute.</summary>
    /// <param name="text">Plain text.</param>
    /// <returns>HTML text.</returns>
    public static string Escape(string text)
    {
        // WebUtility.HtmlEncode would also encode every non-ASCII letter as &#NNN;: correct, but unreadable in the page source.
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>A relative URL for a '/'-separated path, each segment percent-encoded (spaces and <c>#</c> in file names).</summary>
    /// <param name="path">A relative path with '/' separators.</param>
    /// <returns>The URL.</returns>
    public static string Url(string path) =>
        string.Join('/', path.Split('/').Select(s => s is ".." or "." ? s : Uri.EscapeDataString(s)));
}
