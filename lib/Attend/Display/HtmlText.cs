using System.Text;

namespace Attend.Display;

/// <summary>Text made safe inside HTML: only the characters HTML gives a meaning (&amp;, &lt;, &gt;, ") are escaped, so "·" and "…" stay readable in a saved notebook.</summary>
internal static class HtmlText
{
    /// <summary>Escapes <paramref name="text"/> for an element's content or a quoted attribute.</summary>
    public static string Encode(string text)
    {
        var html = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            html.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return html.ToString();
    }
}
