namespace Attend.Notebooks.Documents;

/// <summary>
/// A failed cell. Polyglot Notebooks saves <c>ename</c> <c>"Error"</c>, the exception text (or the compiler's
/// <c>(line,col): error CSxxxx: message</c> lines) as <c>evalue</c>, and the same text as line array in
/// <c>traceback</c>.
/// </summary>
/// <param name="name">The error name (<c>ename</c>).</param>
/// <param name="value">The error text (<c>evalue</c>).</param>
/// <param name="traceback">The traceback lines.</param>
public sealed class ErrorOutput(string name, string value, IReadOnlyList<string> traceback) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";

    /// <summary>The error name (<c>ename</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The error text (<c>evalue</c>).</summary>
    public string Value { get; } = value;

    /// <summary>The traceback lines, each keeping its line break as VS Code saves them.</summary>
    public IReadOnlyList<string> Traceback { get; } = traceback;

    /// <summary>An error output as Polyglot Notebooks saves one: <c>ename</c> "Error", the text as <c>evalue</c> and as traceback lines.</summary>
    /// <param name="text">The exception text or compiler diagnostics.</param>
    /// <returns>The output.</returns>
    public static ErrorOutput FromText(string text) => new("Error", text, TextLines.Split(text));
}
