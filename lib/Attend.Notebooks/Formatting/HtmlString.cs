namespace Attend.Notebooks.Formatting;

/// <summary>Already-formatted HTML (what <c>HTML("...")</c> returns): displayed as <c>text/html</c> unchanged.</summary>
/// <param name="html">The HTML markup.</param>
public sealed class HtmlString(string html)
{
    /// <summary>The HTML markup.</summary>
    public string Html { get; } = html;

    /// <summary>The HTML markup.</summary>
    /// <returns>The markup.</returns>
    public override string ToString() => Html;
}
