using Attend.Notebooks.Execution;
using Attend.Notebooks.Formatting;

namespace Microsoft.DotNet.Interactive;

/// <summary>
/// The helpers a C# cell calls unqualified (<c>using static Microsoft.DotNet.Interactive.Kernel</c> is a default
/// import): <c>display</c>, <c>HTML</c>, <c>Javascript</c>, <c>CSS</c>. Same names and namespace as in the real
/// kernel, so notebooks run unchanged in VS Code and here.
/// </summary>
public static class Kernel
{
    /// <summary>Displays a value in the running cell's outputs.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">The mime types to show it as; none for the value's preferred ones.</param>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces the display in place.</returns>
    public static DisplayedValue display(object? value, params string[] mimeTypes) =>
        Displays.Show(value, mimeTypes, CellContext.Current);

    /// <summary>Raw HTML content: displays (or is returned) as <c>text/html</c> unchanged.</summary>
    /// <param name="content">The HTML markup.</param>
    /// <returns>The content.</returns>
    public static HtmlString HTML(string content) => new(content);

    /// <summary>Displays a script (as a <c>&lt;script&gt;</c> element in <c>text/html</c>).</summary>
    /// <param name="scriptContent">The JavaScript code.</param>
    public static void Javascript(string scriptContent) =>
        display(new HtmlString($"<script type=\"text/javascript\">{scriptContent}</script>"));

    /// <summary>Displays a style sheet (as a <c>&lt;style&gt;</c> element in <c>text/html</c>).</summary>
    /// <param name="content">The CSS rules.</param>
    public static void CSS(string content) => display(new HtmlString($"<style>{content}</style>"));
}
