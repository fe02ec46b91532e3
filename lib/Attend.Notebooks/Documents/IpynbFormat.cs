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
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Parses .ipynb text.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="FormatException">The text is not a notebook.</exception>
    public static Notebook Read(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, NodeOptions) as JsonObject
                   ?? throw new FormatException("a notebook must be a JSON object with \"cells\"");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }

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
                    notebook.Metadata = Detach(value) as JsonObject ?? [];
                    break;
                case "nbformat":
                    notebook.FormatVersion = value?.GetValue<int>() ?? 4;
                    break;
                case "nbformat_minor":
                    notebook.FormatMinorVersion = value?.GetValue<int>() ?? 0;
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

        var names = notebook.KernelNames;
        var defaultKernel = notebook.DefaultKernelName;
        foreach (var cell in cells)
        {
            notebook.Cells.Add(ReadCell(cell as JsonObject ?? throw new FormatException("a cell must be a JSON object"), names, defaultKernel));
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
        var kind = json["cell_type"]?.GetValue<string>() switch
        {
            "code" => CellKind.Code,
            "markdown" => CellKind.Markdown,
            "raw" => CellKind.Raw,
            var other => throw new FormatException($"unknown cell_type '{other}'"),
        };
        var source = TextLines.Join(json["source"]);
        var metadata = Detach(json["metadata"]) as JsonObject ?? [];
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
                    cell.Id = value?.GetValue<string>();
                    break;
                case "execution_count" when kind == CellKind.Code:
                    cell.ExecutionCount = value?.GetValue<int>();
                    break;
                case "outputs" when kind == CellKind.Code:
                    foreach (var output in value as JsonArray ?? [])
                    {
                        cell.Outputs.Add(ReadOutput(output as JsonObject ?? throw new FormatException("an output must be a JSON object")));
                    }

                    break;
                case "attachments":
                    cell.Attachments = Detach(value);
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
        var fromMetadata =
            names.ResolveLanguage(metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>())
            ?? names.ResolveLanguage(metadata["dotnet_interactive"]?["language"]?.GetValue<string>())
            ?? OldVsCodeLanguage(metadata, names);
        if (fromMetadata is not null)
        {
            return fromMetadata;
        }

        var firstLine = source.Split('\n', 2)[0];
        return names.SelectorOf(firstLine);
    }

    private static string? OldVsCodeLanguage(JsonObject metadata, KernelNames names)
    {
        // Old VS Code builds wrote "vscode": {"languageId": "dotnet-interactive.csharp"}; today it is "polyglot-notebook".
        var languageId = metadata["vscode"]?["languageId"]?.GetValue<string>();
        return languageId?.StartsWith("dotnet-interactive.", StringComparison.Ordinal) == true ? names.ResolveLanguage(languageId) : null;
    }

    private static CellOutput ReadOutput(JsonObject json)
    {
        var type = json["output_type"]?.GetValue<string>();
        CellOutput output;
        string[] known;
        switch (type)
        {
            case "stream":
                output = new StreamOutput(json["name"]?.GetValue<string>() ?? StreamOutput.StdOut, TextLines.Join(json["text"]));
                known = ["name", "text"];
                break;
            case "display_data" or "execute_result":
                var display = new DisplayDataOutput(ReadData(json["data"] as JsonObject))
                {
                    Metadata = Detach(json["metadata"]) as JsonObject ?? [],
                    IsExecuteResult = type == "execute_result",
                    ExecutionCount = json["execution_count"]?.GetValue<int>(),
                };
                output = display;
                known = ["data", "metadata", "execution_count", "transient"]; // transient.display_id is never saved
                break;
            case "error":
                var traceback = (json["traceback"] as JsonArray ?? []).Select(l => l?.GetValue<string>() ?? "").ToList();
                output = new ErrorOutput(json["ename"]?.GetValue<string>() ?? "Error", json["evalue"]?.GetValue<string>() ?? "", traceback);
                known = ["ename", "evalue", "traceback"];
                break;
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

    private static IEnumerable<KeyValuePair<string, object>> ReadData(JsonObject? data)
    {
        foreach (var (mimeType, value) in data ?? [])
        {
            if (DisplayDataOutput.IsJsonMimeType(mimeType))
            {
                yield return new(mimeType, JsonData(value));
            }
            else
            {
                // Line arrays, or a plain string in legacy Visual Studio files.
                yield return new(mimeType, TextLines.Join(value));
            }
        }
    }

    private static object JsonData(JsonNode? value)
    {
        // Legacy files may store JSON data as a string of JSON.
        if (value is JsonValue text && text.TryGetValue<string>(out var s))
        {
            try
            {
                return JsonNode.Parse(s) ?? (object)s;
            }
            catch (JsonException)
            {
                return s;
            }
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

    private static JsonNode? ParseOrString(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

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
