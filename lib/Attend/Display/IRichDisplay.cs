namespace Attend.Display;

/// <summary>
/// A library object that renders itself for notebooks: plots, attention maps, training progress. The library's
/// formatter source (found by the .NET Interactive kernel and by our runner through
/// <see cref="TypeFormatterSourceAttribute"/>) shows <see cref="ToHtml"/> as text/html and <c>ToString()</c> as
/// text/plain.
/// </summary>
[TypeFormatterSource(typeof(AttendFormatterSource))]
public interface IRichDisplay
{
    /// <summary>Self-contained HTML (inline SVG, no external resources) for a notebook output or an exported page.</summary>
    string ToHtml();
}
