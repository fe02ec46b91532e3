using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// A notebook document: cells plus notebook metadata, read from or written to <c>.ipynb</c>
/// (<see cref="IpynbFormat"/>) or <c>.dib</c> (<see cref="DibFormat"/>); <see cref="NotebookFile"/> picks the
/// format by extension.
/// </summary>
public sealed class Notebook
{
    /// <summary>The cells, in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>The notebook's <c>metadata</c> object (kernelspec, language_info, polyglot_notebook, ...), kept as read.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The <c>nbformat</c> major version.</summary>
    public int FormatVersion { get; set; } = 4;

    /// <summary>The <c>nbformat_minor</c> version.</summary>
    public int FormatMinorVersion { get; set; } = 5;

    /// <summary>Top-level keys this reader does not model, kept so that they are written back unchanged.</summary>
    public JsonObject ExtraProperties { get; } = [];

    /// <summary>The indentation of one level when written as .ipynb: what the file was read with (one space for VS Code and Jupyter).</summary>
    public string Indent { get; set; } = " ";

    /// <summary>Whether the .ipynb text ends with a line break (VS Code's and Jupyter's files do).</summary>
    public bool EndsWithNewLine { get; set; } = true;

    /// <summary>The <c>kernelInfo</c> object (<c>polyglot_notebook.kernelInfo</c>, or the older <c>dotnet_interactive</c>), or null.</summary>
    /// <exception cref="FormatException">One of those values is not an object.</exception>
    public JsonObject? KernelInfo
    {
        get
        {
            var polyglot = NotebookJsonInput.OptionalObject(Metadata["polyglot_notebook"], "metadata.polyglot_notebook");
            return NotebookJsonInput.OptionalObject(polyglot?["kernelInfo"], "metadata.polyglot_notebook.kernelInfo")
                   ?? NotebookJsonInput.OptionalObject(Metadata["dotnet_interactive"], "metadata.dotnet_interactive");
        }
    }

    /// <summary>The kernel names and aliases this notebook knows.</summary>
    /// <exception cref="FormatException"><c>kernelInfo.items</c> is not an array of <c>{"name", "aliases"}</c> objects of strings.</exception>
    public KernelNames KernelNames => KernelNames.From(KernelInfo);

    /// <summary>
    /// The kernel of a cell that does not name one: <c>kernelInfo.defaultKernelName</c>, else
    /// <c>kernelspec.language</c>, else C#.
    /// </summary>
    /// <exception cref="FormatException">One of those values is not a string.</exception>
    public string DefaultKernelName
    {
        get
        {
            var names = KernelNames;
            return names.ResolveLanguage(NotebookJsonInput.OptionalString(KernelInfo?["defaultKernelName"], "kernelInfo.defaultKernelName"))
                   ?? names.ResolveLanguage(KernelspecLanguage)
                   ?? KernelNames.CSharp;
        }
    }

    private string? KernelspecLanguage => NotebookJsonInput.NestedString(Metadata, "kernelspec", "language", "metadata");

    /// <summary>Checks the types of every metadata value the reader and the runner interpret, whether or not an earlier one decides.</summary>
    /// <exception cref="FormatException">One has the wrong JSON type (the message names it).</exception>
    internal void CheckMetadata()
    {
        _ = DefaultKernelName;
        _ = KernelspecLanguage;
    }

    /// <summary>An empty C# notebook with the top-level metadata current VS Code writes.</summary>
    /// <returns>The notebook.</returns>
    public static Notebook CreateCSharp() => new() { Metadata = VsCodeMetadata(null) };

    /// <summary>The top-level metadata VS Code writes for a C# notebook, with the given <c>kernelInfo</c> (or C# only).</summary>
    /// <param name="kernelInfo">The <c>kernelInfo</c> to store, or null for the C# default.</param>
    /// <returns>A new metadata object.</returns>
    public static JsonObject VsCodeMetadata(JsonObject? kernelInfo) => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject { ["name"] = "C#" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = kernelInfo ?? new JsonObject
            {
                ["defaultKernelName"] = KernelNames.CSharp,
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = KernelNames.CSharp }),
            },
        },
    };
}
