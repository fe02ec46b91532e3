using Attend.Notebooks.Execution;
using Microsoft.DotNet.Interactive;

// The real kernel puts these extension methods in namespace System, so that every cell sees them.
namespace System;

/// <summary><c>x.Display()</c> and <c>text.DisplayAs(mimeType)</c>, as in the real kernel.</summary>
public static class DisplayExtensions
{
    /// <summary>Displays the value in the running cell's outputs.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">The mime types to show it as; none for the value's preferred ones.</param>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces the display in place.</returns>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        Displays.Show(value, mimeTypes, CellContext.Current);

    /// <summary>Displays a string that already is content of <paramref name="mimeType"/> (HTML, SVG, Markdown, ...), unchanged.</summary>
    /// <param name="value">The formatted content.</param>
    /// <param name="mimeType">Its mime type.</param>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces the display in place.</returns>
    public static DisplayedValue DisplayAs(this string value, string mimeType) =>
        Displays.ShowAs(value, mimeType, CellContext.Current);
}
