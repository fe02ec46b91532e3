using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>One cell of a <see cref="Notebook"/>.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="kind">Code, Markdown or raw.</param>
    /// <param name="source">The cell text.</param>
    /// <param name="kernelName">The kernel that runs it (<c>csharp</c>, <c>markdown</c>, ...).</param>
    public NotebookCell(CellKind kind, string source, string kernelName)
    {
        Kind = kind;
        Source = source;
        KernelName = kernelName;
    }

    /// <summary>Code, Markdown or raw.</summary>
    public CellKind Kind { get; set; }

    /// <summary>The cell text (<c>source</c>), lines joined.</summary>
    public string Source { get; set; }

    /// <summary>
    /// The kernel that runs the cell, resolved when read (see <see cref="IpynbFormat"/>): <c>csharp</c> for C#,
    /// <c>markdown</c> for Markdown cells and for code cells whose kernel is Markdown.
    /// </summary>
    public string KernelName { get; set; }

    /// <summary>The cell id (nbformat 4.5), kept as read; null when the cell has none.</summary>
    public string? Id { get; set; }

    /// <summary>The cell's <c>metadata</c> object, kept as read (unknown keys included).</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The outputs of a code cell, in order. The runner replaces them when it runs the cell.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>The execution count of a code cell, null when it has not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>A Markdown cell's <c>attachments</c>, kept as read.</summary>
    public JsonNode? Attachments { get; set; }

    /// <summary>Keys this reader does not model, kept so that they are written back unchanged.</summary>
    public JsonObject ExtraProperties { get; } = [];

    /// <summary>Whether the runner runs this cell with the C# kernel.</summary>
    public bool IsCSharp => Kind == CellKind.Code && KernelName == KernelNames.CSharp;

    /// <summary>A C# code cell with the metadata VS Code writes.</summary>
    /// <param name="source">The code.</param>
    /// <returns>The cell.</returns>
    public static NotebookCell Code(string source) => new(CellKind.Code, source, KernelNames.CSharp)
    {
        Metadata = CodeCellMetadata(KernelNames.CSharp),
    };

    /// <summary>A Markdown cell.</summary>
    /// <param name="source">The Markdown text.</param>
    /// <returns>The cell.</returns>
    public static NotebookCell Markdown(string source) => new(CellKind.Markdown, source, KernelNames.Markdown);

    /// <summary>The code cell metadata VS Code writes for a kernel: <c>dotnet_interactive.language</c>, <c>polyglot_notebook.kernelName</c>, <c>vscode.languageId</c>.</summary>
    /// <param name="kernelName">The kernel name.</param>
    /// <returns>A new metadata object.</returns>
    public static JsonObject CodeCellMetadata(string kernelName) => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = kernelName },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernelName },
        ["vscode"] = new JsonObject { ["languageId"] = "polyglot-notebook" },
    };
}
