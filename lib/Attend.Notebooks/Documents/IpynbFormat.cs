using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// Reads every flavour of C# <c>.ipynb</c> (current and older VS Code, Jupyter with the .NET kernel, legacy
/// Visual Studio files with string data) and writes the way VS Code does: keys in order, one-space indentation
/// (or what the file was read with), line arrays, ids and unknown metadata kept. A read-then-write of a
/// VS Code-written notebook gives back the same bytes.
/// </summary>
/// <remarks>
/// A code cell's kernel is, in order: <c>metadata.polyglot_notebook.kernelName</c>,
/// <c>metadata.dotnet_interactive.language</c>, <c>metadata.vscode.languageId</c> (old
/// <c>dotnet-interactive.csharp</c> ids), a first line <c>#!name</c>, the notebook's default kernel
/// (<see cref="Notebook.DefaultKernelName"/>).
/// </remarks>
public static class IpynbFormat
{
    /// <summary>Parses .ipynb text.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="FormatException">
    /// The text is not a notebook: not JSON, a repeated key, a string that is not text, or a value of the wrong
    /// type where the reader needs one (the message says where, starting with the 1-based cell number).
    /// </exception>
    public static Notebook Read(string json)
    {
        var root = NotebookJsonInput.Parse(json) as JsonObject
                   ?? throw new FormatException("a notebook must be a JSON object with \"cells\"");

        var notebook = new Notebook
        {
            Indent = DetectIndent(json),
            EndsWithNewLine = json.EndsWith('\n'),
        };
        foreach (var (key, value) in root.ToList())
        {
            switch (key)
            {
                case "cells":
                    break;
                case "metadata":
                    notebook.Metadata = NotebookJsonInput.OptionalObject(Detach(value), "metadata") ?? [];
                    break;
                case "nbformat":
                    notebook.FormatVersion = NotebookJsonInput.OptionalInt(value, "nbformat") ?? 4;
                    break;
                case "nbformat_minor":
                    notebook.FormatMinorVersion = NotebookJsonInput.OptionalInt(value, "nbformat_minor") ?? 0;
                    break;
                default:
                    notebook.ExtraProperties[key] = Detach(value);
                    break;
            }
        }

        if (root["cells"] is not JsonArray cells)
        {
            throw new FormatException("a notebook must have a \"cells\" array");
        }

        // Checks the types of every metadata value the reader and the runner interpret.
        notebook.CheckMetadata();
        var names = notebook.KernelNames;
        var defaultKernel = notebook.DefaultKernelName;
        for (var i = 0; i < cells.Count; i++)
        {
            try
            {
                var cell = cells[i] as JsonObject ?? throw new FormatException($"a cell must be a JSON object, but it is {NotebookJsonInput.Describe(cells[i])}");
                notebook.Cells.Add(ReadCell(cell, names, defaultKernel));
            }
            catch (FormatException e)
            {
                throw new FormatException($"cell {i + 1}: {e.Message}", e);
            }
        }

        return notebook;
    }

    /// <summary>Writes the notebook as VS Code saves it.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <returns>The .ipynb text.</returns>
    public static string Write(Notebook notebook)
    {
        var root = Clone(notebook.ExtraProperties);
        var cells = new JsonArray();
        foreach (var cell in notebook.Cells)
        {
            cells.Add(WriteCell(cell));
        }

        root["cells"] = cells;
        root["metadata"] = Clone(notebook.Metadata);
        root["nbformat"] = notebook.FormatVersion;
        root["nbformat_minor"] = notebook.FormatMinorVersion;
        var text = NotebookJson.Write(root, notebook.Indent);
        return notebook.EndsWithNewLine ? text + "\n" : text;
    }

    private static NotebookCell ReadCell(JsonObject json, KernelNames names, string defaultKernel)
    {
        var kind = NotebookJsonInput.OptionalString(json["cell_type"], "cell_type") switch
        {
            "code" => CellKind.Code,
            "markdown" => CellKind.Markdown,
            "raw" => CellKind.Raw,
            null => throw new FormatException("the cell has no cell_type"),
            var other => throw new FormatException($"unknown cell_type '{other}'"),
        };
        var source = TextLines.Join(json["source"], "source");
        var metadata = NotebookJsonInput.OptionalObject(Detach(json["metadata"]), "metadata") ?? [];
        var kernel = kind switch
        {
            CellKind.Code => CodeCellKernel(metadata, source, names) ?? defaultKernel,
            CellKind.Markdown => KernelNames.Markdown,
            _ => "raw",
        };
        var cell = new NotebookCell(kind, source, kernel) { Metadata = metadata };
        foreach (var (key, value) in json.ToList())
        {
            switch (key)
            {
                case "cell_type" or "source" or "metadata":
                    break;
                case "id":
                    cell.Id = NotebookJsonInput.OptionalString(value, "id");
                    break;
                case "execution_count" when kind == CellKind.Code:
                    cell.ExecutionCount = NotebookJsonInput.OptionalInt(value, "execution_count");
                    break;
                case "outputs" when kind == CellKind.Code:
                    var outputs = NotebookJsonInput.OptionalArray(value, "outputs") ?? [];
                    for (var i = 0; i < outputs.Count; i++)
                    {
                        try
                        {
                            var output = outputs[i] as JsonObject
                                         ?? throw new FormatException($"an output must be a JSON object, but it is {NotebookJsonInput.Describe(outputs[i])}");
                            cell.Outputs.Add(ReadOutput(output));
                        }
                        catch (FormatException e)
                        {
                            throw new FormatException($"output {i + 1}: {e.Message}", e);
                        }
                    }

                    break;
                case "attachments":
                    // An object of mime bundles, looked up by name when the page is exported.
                    cell.Attachments = NotebookJsonInput.OptionalObject(Detach(value), "attachments");
                    break;
                default:
                    cell.ExtraProperties[key] = Detach(value);
                    break;
            }
        }

        return cell;
    }

    private static string? CodeCellKernel(JsonObject metadata, string source, KernelNames names)
    {
        // Each is checked even when an earlier one decides, so a wrong type is refused wherever it is.
        var polyglot = NotebookJsonInput.NestedString(metadata, "polyglot_notebook", "kernelName", "metadata");
        var dotnetInteractive = NotebookJsonInput.NestedString(metadata, "dotnet_interactive", "language", "metadata");
        var vsCode = NotebookJsonInput.NestedString(metadata, "vscode", "languageId", "metadata");
        var fromMetadata =
            names.ResolveLanguage(polyglot)
            ?? names.ResolveLanguage(dotnetInteractive)
            ?? OldVsCodeLanguage(vsCode, names);
        if (fromMetadata is not null)
        {
            return fromMetadata;
        }

        var firstLine = source.Split('\n', 2)[0];
        return names.SelectorOf(firstLine);
    }

    private static string? OldVsCodeLanguage(string? languageId, KernelNames names)
    {
        // Old VS Code builds wrote "vscode": {"languageId": "dotnet-interactive.csharp"}; today it is "polyglot-notebook".
        return languageId?.StartsWith("dotnet-interactive.", StringComparison.Ordinal) == true ? names.ResolveLanguage(languageId) : null;
    }

    private static CellOutput ReadOutput(JsonObject json)
    {
        var type = NotebookJsonInput.OptionalString(json["output_type"], "output_type");
        CellOutput output;
        string[] known;
        switch (type)
        {
            case "stream":
                output = new StreamOutput(NotebookJsonInput.OptionalString(json["name"], "name") ?? StreamOutput.StdOut, TextLines.Join(json["text"], "text"));
                known = ["name", "text"];
                break;
            case "display_data" or "execute_result":
                var display = new DisplayDataOutput(ReadData(NotebookJsonInput.OptionalObject(json["data"], "data")))
                {
                    Metadata = NotebookJsonInput.OptionalObject(Detach(json["metadata"]), "metadata") ?? [],
                    IsExecuteResult = type == "execute_result",
                    ExecutionCount = NotebookJsonInput.OptionalInt(json["execution_count"], "execution_count"),
                };
                output = display;
                known = ["data", "metadata", "execution_count", "transient"]; // transient.display_id is never saved
                break;
            case "error":
                var traceback = (NotebookJsonInput.OptionalArray(json["traceback"], "traceback") ?? [])
                    .Select((line, i) => NotebookJsonInput.OptionalString(line, $"traceback[{i}]") ?? "")
                    .ToList();
                output = new ErrorOutput(
                    NotebookJsonInput.OptionalString(json["ename"], "ename") ?? "Error",
                    NotebookJsonInput.OptionalString(json["evalue"], "evalue") ?? "",
                    traceback);
                known = ["ename", "evalue", "traceback"];
                break;
            case null:
                throw new FormatException("the output has no output_type");
            default:
                throw new FormatException($"unknown output_type '{type}'");
        }

        foreach (var (key, value) in json.ToList())
        {
            if (key != "output_type" && !known.Contains(key))
            {
                output.ExtraProperties[key] = Detach(value);
            }
        }

        return output;
    }

    private static List<KeyValuePair<string, object>> ReadData(JsonObject? data)
    {
        // A list, not an iterator: a bad value is refused while the output is read.
        var bundle = new List<KeyValuePair<string, object>>();
        foreach (var (mimeType, value) in data ?? [])
        {
            // JSON mime types hold any JSON; the others line arrays, or a plain string in legacy Visual Studio files.
            bundle.Add(new(mimeType, DisplayDataOutput.IsJsonMimeType(mimeType) ? JsonData(value) : TextLines.Join(value, $"data[\"{mimeType}\"]")));
        }

        return bundle;
    }

    private static object JsonData(JsonNode? value)
    {
        // Legacy files may store JSON data as a string of JSON.
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var s = text.GetValue<string>();
            return NotebookJsonInput.TryParse(s, out var parsed) && parsed is not null ? parsed : s;
        }

        return Detach(value) ?? (object)"null";
    }

    private static JsonObject WriteCell(NotebookCell cell)
    {
        var json = Clone(cell.ExtraProperties);
        json["cell_type"] = cell.Kind switch
        {
            CellKind.Code => "code",
            CellKind.Markdown => "markdown",
            _ => "raw",
        };
        if (cell.Id is not null)
        {
            json["id"] = cell.Id;
        }

        json["metadata"] = Clone(cell.Metadata);
        json["source"] = TextLines.ToJson(cell.Source);
        if (cell.Attachments is not null)
        {
            json["attachments"] = cell.Attachments.DeepClone();
        }

        if (cell.Kind == CellKind.Code)
        {
            json["execution_count"] = cell.ExecutionCount;
            var outputs = new JsonArray();
            foreach (var output in Snapshot(cell.Outputs))
            {
                outputs.Add(WriteOutput(output));
            }

            json["outputs"] = outputs;
        }

        return json;
    }

    private static List<CellOutput> Snapshot(List<CellOutput> outputs)
    {
        // A display may still be updated from a background thread while the notebook is written.
        lock (outputs)
        {
            return [.. outputs];
        }
    }

    private static JsonObject WriteOutput(CellOutput output)
    {
        var json = Clone(output.ExtraProperties);
        json["output_type"] = output.OutputType;
        switch (output)
        {
            case StreamOutput stream:
                json["name"] = stream.Name;
                json["text"] = TextLines.ToJson(stream.Text);
                break;
            case DisplayDataOutput display:
                var data = new JsonObject();
                foreach (var (mimeType, content) in display.Data)
                {
                    data[mimeType] = content switch
                    {
                        JsonNode node => node.DeepClone(),
                        string text when DisplayDataOutput.IsJsonMimeType(mimeType) => ParseOrString(text),
                        string text => TextLines.ToJson(text),
                        _ => TextLines.ToJson(content.ToString() ?? ""),
                    };
                }

                json["data"] = data;
                json["metadata"] = Clone(display.Metadata);
                if (display.IsExecuteResult)
                {
                    json["execution_count"] = display.ExecutionCount;
                }

                break;
            case ErrorOutput error:
                json["ename"] = error.Name;
                json["evalue"] = error.Value;
                json["traceback"] = new JsonArray([.. error.Traceback.Select(l => (JsonNode?)l)]);
                break;
        }

        return json;
    }

    private static JsonNode? ParseOrString(string text) =>
        NotebookJsonInput.TryParse(text, out var parsed) ? parsed : JsonValue.Create(text);

    private static string DetectIndent(string json)
    {
        // VS Code keeps the indentation a file was written with; find it on the first indented line.
        var newLine = json.IndexOf('\n');
        if (newLine < 0)
        {
            return " ";
        }

        var end = newLine + 1;
        while (end < json.Length && json[end] is ' ' or '\t')
        {
            end++;
        }

        return end > newLine + 1 ? json[(newLine + 1)..end] : " ";
    }

    private static JsonNode? Detach(JsonNode? node) => node?.DeepClone();

    private static JsonObject Clone(JsonObject obj) => (JsonObject)obj.DeepClone();
}
