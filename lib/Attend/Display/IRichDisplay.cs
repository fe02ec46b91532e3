namespace Attend.Display;

/// <summary>
/// A library object that renders itself for notebooks: plots, attention maps, training progress.
/// <see cref="AttendFormatterSource"/> shows <see cref="ToHtml"/> as text/html and <c>ToString()</c> as text/plain.
/// </summary>
/// <remarks>
/// The kernel looks for <see cref="TypeFormatterSourceAttribute"/> on the displayed value's class and its base classes
/// only, not on interfaces, so every implementing class carries the attribute itself:
/// <code>[TypeFormatterSource(typeof(AttendFormatterSource), PreferredMimeTypes = [AttendFormatterSource.Html, AttendFormatterSource.PlainText])]</code>
/// </remarks>
public interface IRichDisplay
{
    /// <summary>Self-contained HTML (inline SVG, no external resources) for a notebook output or an exported page.</summary>
    string ToHtml();
}
