using System.Text;

namespace Attend.Notebooks.Documents;

/// <summary>Text a cell wrote to <c>Console.Out</c> (<c>stdout</c>) or <c>Console.Error</c> (<c>stderr</c>); adjacent writes to one stream share one output.</summary>
/// <param name="name">The stream name, <c>stdout</c> or <c>stderr</c>.</param>
/// <param name="text">The text written.</param>
public sealed class StreamOutput(string name, string text) : CellOutput
{
    /// <summary>The name of standard output.</summary>
    public const string StdOut = "stdout";

    /// <summary>The name of standard error.</summary>
    public const string StdErr = "stderr";

    // A builder, because a training loop may append thousands of short writes to one output.
    private readonly StringBuilder text = new(text);

    /// <inheritdoc />
    public override string OutputType => "stream";

    /// <summary>The stream name, <c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The text written.</summary>
    public string Text
    {
        get => text.ToString();
        set => text.Clear().Append(value);
    }

    /// <summary>Appends a later write to the same stream.</summary>
    /// <param name="more">The text written.</param>
    public void Append(string more) => text.Append(more);
}
