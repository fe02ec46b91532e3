using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// The <c>.dib</c> format of Polyglot Notebooks: plain text, an optional first <c>#!meta</c> block whose JSON
/// holds <c>kernelInfo</c>, then cells each started by a line that is exactly <c>#!kernel</c> (a kernel name or
/// alias: <c>#!csharp</c>, <c>#!markdown</c>, ...). Other <c>#!</c> lines (<c>#!time</c>) stay in the cell as
/// magic commands. Blank lines around each cell are trimmed; no outputs are stored.
/// </summary>
public static class DibFormat
{
    private const string MetaSelector = "#!meta";

    /// <summary>Parses .dib text into a notebook whose metadata and code cells look as VS Code would save them as .ipynb.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="FormatException">The <c>#!meta</c> block is not valid JSON, or a value in it has the wrong type.</exception>
    public static Notebook Read(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var start = 0;
        JsonObject? kernelInfo = null;
        if (lines.Length > 0 && lines[0].TrimEnd() == MetaSelector)
        {
            // The meta JSON runs until the next #! line.
            var end = 1;
            while (end < lines.Length && !lines[end].StartsWith("#!", StringComparison.Ordinal))
            {
                end++;
            }

            var metaJson = string.Join("\n", lines[1..end]);
            try
            {
                var meta = NotebookJsonInput.OptionalObject(NotebookJsonInput.Parse(metaJson), "the #!meta block");
                kernelInfo = NotebookJsonInput.OptionalObject(meta?["kernelInfo"], "kernelInfo")?.DeepClone() as JsonObject;
                _ = KernelNames.From(kernelInfo);
                _ = NotebookJsonInput.OptionalString(kernelInfo?["defaultKernelName"], "kernelInfo.defaultKernelName");
            }
            catch (FormatException e)
            {
                throw new FormatException($"the #!meta block: {e.Message}", e);
            }

            start = end;
        }

        var notebook = new Notebook { Metadata = Notebook.VsCodeMetadata(kernelInfo) };
        var names = KernelNames.From(kernelInfo);
        var kernel = notebook.DefaultKernelName;
        var cellLines = new List<string>();
        for (var i = start; i < lines.Length; i++)
        {
            if (names.SelectorOf(lines[i]) is { } selected)
            {
                AddCell(notebook, kernel, cellLines);
                kernel = selected;
                cellLines.Clear();
            }
            else
            {
                cellLines.Add(lines[i]);
            }
        }

        AddCell(notebook, kernel, cellLines);
        return notebook;
    }

    /// <summary>Writes the notebook as .dib text, as Polyglot Notebooks does (outputs are not stored).</summary>
    /// <param name="notebook">The notebook.</param>
    /// <returns>The .dib text.</returns>
    public static string Write(Notebook notebook)
    {
        var lines = new List<string>();
        if (notebook.KernelInfo is { } kernelInfo)
        {
            lines.Add(MetaSelector);
            lines.Add("");
            lines.Add(NotebookJson.Write(new JsonObject { ["kernelInfo"] = kernelInfo.DeepClone() }, indent: null));
            lines.Add("");
        }

        foreach (var cell in notebook.Cells)
        {
            var cellLines = TrimBlankLines(cell.Source.Replace("\r\n", "\n").Split('\n').ToList());
            if (cellLines.Count == 0)
            {
                continue;
            }

            lines.Add("#!" + (cell.Kind == CellKind.Markdown ? KernelNames.Markdown : cell.KernelName));
            lines.Add("");
            lines.AddRange(cellLines);
            lines.Add("");
        }

        var builder = new StringBuilder();
        builder.AppendJoin('\n', lines);
        return builder.ToString();
    }

    private static void AddCell(Notebook notebook, string kernel, List<string> lines)
    {
        var trimmed = TrimBlankLines([.. lines]);
        if (trimmed.Count == 0)
        {
            return;
        }

        var source = string.Join("\n", trimmed);
        var cell = kernel == KernelNames.Markdown
            ? NotebookCell.Markdown(source)
            : new NotebookCell(CellKind.Code, source, kernel)
            {
                Metadata = NotebookCell.CodeCellMetadata(kernel),
                Id = StableId(notebook.Cells.Count, source),
            };
        notebook.Cells.Add(cell);
    }

    private static string StableId(int index, string source)
    {
        // VS Code gives code cells 8-hex-digit ids; derive them from the cell so that converting twice gives the same file.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture) + "\n" + source));
        return Convert.ToHexStringLower(hash)[..8];
    }

    private static List<string> TrimBlankLines(List<string> lines)
    {
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
