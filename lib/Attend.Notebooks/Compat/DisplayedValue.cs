using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;
using Attend.Notebooks.Formatting;

namespace Microsoft.DotNet.Interactive;

/// <summary>
/// A value shown with <c>display(...)</c> or <c>.Display()</c>. <see cref="Update"/> replaces the output in place
/// (a progress display); only the final state is saved. Same name and namespace as in the real kernel, so
/// notebooks run unchanged in VS Code and here.
/// </summary>
public sealed class DisplayedValue
{
    private readonly IReadOnlyList<string> mimeTypes;
    private readonly IFormatterRegistry registry;
    private readonly OutputCollector? outputs;
    private readonly bool raw;

    internal DisplayedValue(object? value, IReadOnlyList<FormattedValue> formatted, IReadOnlyList<string> mimeTypes,
        IFormatterRegistry registry, OutputCollector? outputs, bool raw = false)
    {
        this.raw = raw;
        Value = value;
        FormattedValues = formatted;
        this.mimeTypes = mimeTypes;
        this.registry = registry;
        this.outputs = outputs;
        Output = Displays.ToOutput(formatted, DisplayId);
    }

    /// <summary>The display's id (a GUID), never saved in the notebook.</summary>
    public string DisplayId { get; } = Guid.NewGuid().ToString();

    /// <summary>The value currently displayed.</summary>
    public object? Value { get; private set; }

    /// <summary>The value as formatted for each mime type of the display.</summary>
    public IReadOnlyList<FormattedValue> FormattedValues { get; private set; }

    /// <summary>The output currently in the cell.</summary>
    internal DisplayDataOutput Output { get; private set; }

    /// <summary>
    /// Shows <paramref name="updatedValue"/> in place of the current value, formatted with the mime types the display
    /// asked for (or, when it asked for none, the new value's preferred ones).
    /// </summary>
    /// <param name="updatedValue">The new value.</param>
    public void Update(object? updatedValue)
    {
        // A DisplayAs display stays raw content: an updated string is the new content itself.
        var formatted = raw && updatedValue is string content
            ? [new FormattedValue(FormattedValues[0].MimeType, content)]
            : Displays.Format(updatedValue, mimeTypes, registry);
        var replacement = Displays.ToOutput(formatted, DisplayId);
        lock (this)
        {
            if (outputs is null || outputs.Replace(Output, replacement))
            {
                Output = replacement;
            }

            Value = updatedValue;
            FormattedValues = formatted;
        }
    }
}
