using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// Strict reading of notebook JSON: parsing refuses duplicate keys and strings that are not text (a lone UTF-16
/// surrogate such as <c>"\ud800"</c>), and the typed accessors refuse a value of the wrong JSON type. Every refusal
/// is a <see cref="FormatException"/> naming where in the document it is, so that a malformed file is reported
/// (with its name, by <see cref="NotebookFile.Load"/>) instead of failing later with an unrelated exception.
/// </summary>
internal static class NotebookJsonInput
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Parses JSON text, refusing duplicate keys and undecodable strings anywhere in it.</summary>
    /// <param name="json">The text.</param>
    /// <returns>The parsed value (null for the JSON <c>null</c>).</returns>
    /// <exception cref="FormatException">The text is not valid JSON, repeats a key or holds a string that is not text.</exception>
    public static JsonNode? Parse(string json)
    {
        try
        {
            // System.Text.Json accepts a duplicate key or a lone surrogate escape when parsing, and only throws
            // (ArgumentException, InvalidOperationException) once the value is used: check the whole tree up front.
            using (var document = JsonDocument.Parse(json, DocumentOptions))
            {
                CheckStrings(document.RootElement, "");
            }

            return JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses JSON text as <see cref="Parse"/> does, or returns false when it is not valid JSON.</summary>
    /// <param name="json">The text.</param>
    /// <param name="node">The parsed value (null for the JSON <c>null</c>).</param>
    /// <returns>Whether the text parsed.</returns>
    public static bool TryParse(string json, out JsonNode? node)
    {
        try
        {
            node = Parse(json);
            return true;
        }
        catch (FormatException)
        {
            node = null;
            return false;
        }
    }

    /// <summary>A string value, null when absent or JSON <c>null</c>.</summary>
    /// <param name="node">The value.</param>
    /// <param name="where">Where it sits, for the error (<c>cell_type</c>, <c>metadata.kernelspec.language</c>).</param>
    /// <returns>The string, or null.</returns>
    /// <exception cref="FormatException">The value is not a string.</exception>
    public static string? OptionalString(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Expected(where, "a string", node),
    };

    /// <summary>A whole number that fits an <see cref="int"/>, null when absent or JSON <c>null</c>.</summary>
    /// <param name="node">The value.</param>
    /// <param name="where">Where it sits, for the error.</param>
    /// <returns>The number, or null.</returns>
    /// <exception cref="FormatException">The value is not such a number.</exception>
    public static int? OptionalInt(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) => number,
        _ => throw Expected(where, "a whole number", node),
    };

    /// <summary>An object value, null when absent or JSON <c>null</c>.</summary>
    /// <param name="node">The value.</param>
    /// <param name="where">Where it sits, for the error.</param>
    /// <returns>The object, or null.</returns>
    /// <exception cref="FormatException">The value is not an object.</exception>
    public static JsonObject? OptionalObject(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonObject obj => obj,
        _ => throw Expected(where, "an object", node),
    };

    /// <summary>An array value, null when absent or JSON <c>null</c>.</summary>
    /// <param name="node">The value.</param>
    /// <param name="where">Where it sits, for the error.</param>
    /// <returns>The array, or null.</returns>
    /// <exception cref="FormatException">The value is not an array.</exception>
    public static JsonArray? OptionalArray(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonArray array => array,
        _ => throw Expected(where, "an array", node),
    };

    /// <summary>The string at <paramref name="key"/> of an optional object at <paramref name="objectKey"/> of <paramref name="parent"/>: <c>metadata.polyglot_notebook.kernelName</c>.</summary>
    /// <param name="parent">The enclosing object, or null.</param>
    /// <param name="objectKey">The key of the inner object.</param>
    /// <param name="key">The key of the string in it.</param>
    /// <param name="where">Where <paramref name="parent"/> sits, for the error.</param>
    /// <returns>The string, or null when any step is absent.</returns>
    /// <exception cref="FormatException">The inner value is not an object, or the string is not a string.</exception>
    public static string? NestedString(JsonObject? parent, string objectKey, string key, string where)
    {
        var inner = OptionalObject(parent?[objectKey], $"{where}.{objectKey}");
        return OptionalString(inner?[key], $"{where}.{objectKey}.{key}");
    }

    /// <summary>Describes a value for an error message: <c>the number 5</c>, <c>an array</c>.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The description.</returns>
    public static string Describe(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "an object";
            case JsonArray:
                return "an array";
            default:
                var text = node.ToJsonString();
                if (text.Length > 40)
                {
                    text = text[..37] + "...";
                }

                return node.GetValueKind() switch
                {
                    JsonValueKind.String => $"the string {text}",
                    JsonValueKind.Number => $"the number {text}",
                    _ => text,
                };
        }
    }

    private static FormatException Expected(string where, string what, JsonNode? node) =>
        new($"{where} must be {what}, but it is {Describe(node)}");

    private static void CheckStrings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException e)
                    {
                        throw NotText(Where(path) + " has a key that", e);
                    }

                    CheckStrings(property.Value, path.Length == 0 ? name : $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckStrings(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"));
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException e)
                {
                    throw NotText($"the string at {Where(path)}", e);
                }

                break;
        }
    }

    private static string Where(string path) => path.Length == 0 ? "the top level" : path;

    private static FormatException NotText(string what, Exception inner) =>
        new($"{what} is not text: it holds a \\u escape of a lone UTF-16 surrogate (such as \\ud800), which no character encodes", inner);
}
