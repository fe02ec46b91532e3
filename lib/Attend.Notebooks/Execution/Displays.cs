using Attend.Notebooks.Documents;
using Attend.Notebooks.Formatting;
using Microsoft.DotNet.Interactive;

namespace Attend.Notebooks.Execution;

/// <summary>Turns values into display outputs of the running cell: what <c>display</c>, <c>.Display()</c>, <c>.DisplayAs()</c> and trailing expressions share.</summary>
internal static class Displays
{
    /// <summary>Formats <paramref name="value"/> and adds it to the running cell's outputs.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">The mime types to show; empty for the value's preferred ones.</param>
    /// <param name="context">The running cell, or null outside a notebook (the text then goes to the console).</param>
    /// <returns>The handle that updates the display in place.</returns>
    public static DisplayedValue Show(object? value, string[] mimeTypes, CellContext? context)
    {
        var registry = context?.Formatters ?? FormatterRegistry.Shared;
        var formatted = Format(value, mimeTypes, registry);
        return Add(new DisplayedValue(value, formatted, mimeTypes, registry, context?.Outputs), context);
    }

    /// <summary>Adds already-formatted content of one mime type (<c>"&lt;b&gt;hi&lt;/b&gt;".DisplayAs("text/html")</c>).</summary>
    /// <param name="content">The content.</param>
    /// <param name="mimeType">Its mime type.</param>
    /// <param name="context">The running cell, or null outside a notebook.</param>
    /// <returns>The handle that updates the display in place.</returns>
    public static DisplayedValue ShowAs(string content, string mimeType, CellContext? context)
    {
        var registry = context?.Formatters ?? FormatterRegistry.Shared;
        return Add(new DisplayedValue(content, [new FormattedValue(mimeType, content)], [mimeType], registry, context?.Outputs, raw: true), context);
    }

    /// <summary>Formats a value for each mime type asked for, or for its preferred mime types when none is.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">The mime types; empty for the value's preferred ones.</param>
    /// <param name="registry">The formatters.</param>
    /// <returns>One formatted value per mime type.</returns>
    public static IReadOnlyList<FormattedValue> Format(object? value, IReadOnlyList<string> mimeTypes, IFormatterRegistry registry)
    {
        var types = mimeTypes.Count > 0 ? mimeTypes : registry.PreferredMimeTypes(value);
        return [.. types.Distinct().Select(m => new FormattedValue(m, registry.Format(value, m)))];
    }

    /// <summary>The output a display is saved as.</summary>
    /// <param name="formatted">The formatted values.</param>
    /// <param name="displayId">The display id.</param>
    /// <returns>A <c>display_data</c> output.</returns>
    public static DisplayDataOutput ToOutput(IReadOnlyList<FormattedValue> formatted, string displayId) =>
        new(formatted.Select(f => new KeyValuePair<string, object>(f.MimeType, f.Value))) { DisplayId = displayId };

    private static DisplayedValue Add(DisplayedValue displayed, CellContext? context)
    {
        if (context is null || !context.Outputs.Add(displayed.Output))
        {
            // Outside a notebook (or after the cell ended) the plain text is the best place left: the console.
            var text = displayed.FormattedValues.FirstOrDefault(f => f.MimeType == MimeTypes.PlainText) ?? displayed.FormattedValues[0];
            Console.Out.WriteLine(text.Value);
        }

        return displayed;
    }
}
