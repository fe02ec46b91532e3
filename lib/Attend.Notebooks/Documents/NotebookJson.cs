using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// Writes JSON exactly as VS Code (and Jupyter's nbformat) save a notebook: object keys in ordinal order, the given
/// indentation per level (one space by default), <c>": "</c> between key and value, empty containers as
/// <c>{}</c>/<c>[]</c>, and strings escaped as JavaScript's <c>JSON.stringify</c> does (only quotes, backslashes
/// and control characters; non-ASCII text is written as is). Numbers keep the text they were read with.
/// </summary>
public static class NotebookJson
{
    /// <summary>Writes <paramref name="node"/> as formatted JSON.</summary>
    /// <param name="node">The value to write; null writes <c>null</c>.</param>
    /// <param name="indent">The text of one indentation level; null or empty writes compact JSON (no whitespace).</param>
    /// <returns>The JSON text, without a final newline.</returns>
    public static string Write(JsonNode? node, string? indent = " ")
    {
        var builder = new StringBuilder();
        WriteValue(builder, node, string.IsNullOrEmpty(indent) ? null : indent, 0);
        return builder.ToString();
    }

    /// <summary>Appends <paramref name="text"/> as a JSON string literal, escaped as <c>JSON.stringify</c> does.</summary>
    /// <param name="builder">Where to append.</param>
    /// <param name="text">The string.</param>
    public static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(text, i))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            builder.Append(text[++i]); // the pair's low half, checked by IsLoneSurrogate
                        }
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return char.IsLowSurrogate(c); // a low half here was not preceded by a high half
    }

    private static void WriteValue(StringBuilder builder, JsonNode? node, string? indent, int depth)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, indent, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, indent, depth);
                break;
            case JsonValue value:
                if (value.GetValueKind() == JsonValueKind.String)
                {
                    WriteString(builder, value.GetValue<string>());
                }
                else
                {
                    // Numbers, true, false: System.Text.Json writes a parsed number with its original text.
                    builder.Append(value.ToJsonString());
                }

                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, string? indent, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        var keys = obj.Select(p => p.Key).ToList();
        keys.Sort(string.CompareOrdinal);
        builder.Append('{');
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            NewLine(builder, indent, depth + 1);
            WriteString(builder, keys[i]);
            builder.Append(indent is null ? ":" : ": ");
            WriteValue(builder, obj[keys[i]], indent, depth + 1);
        }

        NewLine(builder, indent, depth);
        builder.Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, string? indent, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            NewLine(builder, indent, depth + 1);
            WriteValue(builder, array[i], indent, depth + 1);
        }

        NewLine(builder, indent, depth);
        builder.Append(']');
    }

    private static void NewLine(StringBuilder builder, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }

        builder.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            builder.Append(indent);
        }
    }
}
