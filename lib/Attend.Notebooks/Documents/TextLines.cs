using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// The "multiline string" of the notebook format: <c>source</c> and text output data are saved as line arrays
/// in which every element keeps its trailing <c>\n</c> and the last has none unless the text ends with one.
/// Readers also accept a plain string.
/// </summary>
public static class TextLines
{
    /// <summary>Splits <paramref name="text"/> the way VS Code saves it: <c>"a\nb"</c> → <c>["a\n", "b"]</c>, <c>""</c> → <c>[]</c>.</summary>
    /// <param name="text">The text to split.</param>
    /// <returns>The lines, each with its <c>\n</c> kept.</returns>
    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        // The remainder after the last '\n' is a line only if it is not empty.
        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>Joins a line array (or returns a plain string) as read from a notebook; null or a missing value is empty text.</summary>
    /// <param name="node">A JSON string, an array of strings, or null.</param>
    /// <param name="where">What the value is (<c>source</c>, <c>text</c>), for the error; null for "the value".</param>
    /// <returns>The text.</returns>
    /// <exception cref="FormatException">The value is neither a string nor an array of strings (the message says which item is not).</exception>
    public static string Join(JsonNode? node, string? where = null)
    {
        where ??= "the value";
        switch (node)
        {
            case null:
                return "";
            case JsonArray array:
                var builder = new StringBuilder();
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(NotebookJsonInput.OptionalString(array[i], $"{where}[{i}]")
                                   ?? throw new FormatException($"{where}[{i}] must be a string, but it is null"));
                }

                return builder.ToString();
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            default:
                throw new FormatException($"{where} must be a string or an array of strings, but it is {NotebookJsonInput.Describe(node)}");
        }
    }

    /// <summary>The JSON line array of <paramref name="text"/>, as written to a notebook.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A new JSON array of the lines.</returns>
    public static JsonArray ToJson(string text)
    {
        var array = new JsonArray();
        foreach (var line in Split(text))
        {
            array.Add(line);
        }

        return array;
    }
}
