using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// A displayed value: one entry per mime type (<c>text/plain</c>, <c>text/html</c>, ...). Text mime types hold a
/// <see cref="string"/>, JSON mime types (<c>application/json</c>, <c>*+json</c>) a <see cref="JsonNode"/>.
/// A display is <c>display_data</c>; a trailing expression's value, which the kernel reports as its return value, is
/// an <c>execute_result</c>, read and written by the same class with <see cref="IsExecuteResult"/> set.
/// </summary>
public sealed class DisplayDataOutput : CellOutput
{
    /// <summary>Creates a display of the given mime bundle.</summary>
    /// <param name="data">Mime type → content (string, or JsonNode for JSON mime types).</param>
    public DisplayDataOutput(IEnumerable<KeyValuePair<string, object>> data)
    {
        foreach (var (mimeType, content) in data)
        {
            Data[mimeType] = content;
        }
    }

    /// <summary>Creates a display of one text mime type.</summary>
    /// <param name="mimeType">The mime type.</param>
    /// <param name="text">The content.</param>
    public DisplayDataOutput(string mimeType, string text) => Data[mimeType] = text;

    /// <inheritdoc />
    public override string OutputType => IsExecuteResult ? "execute_result" : "display_data";

    /// <summary>Mime type → content: a string for text types, a <see cref="JsonNode"/> for JSON types.</summary>
    public Dictionary<string, object> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>The output's <c>metadata</c> object, kept as read.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>Whether this was read as Jupyter's <c>execute_result</c> (written back as such).</summary>
    public bool IsExecuteResult { get; set; }

    /// <summary>The <c>execution_count</c> of an <c>execute_result</c>.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The display id while the notebook runs (<c>transient.display_id</c>); never saved.</summary>
    public string? DisplayId { get; set; }

    /// <summary>The text content of <paramref name="mimeType"/>, or null when absent or not text.</summary>
    /// <param name="mimeType">The mime type.</param>
    /// <returns>The text, or null.</returns>
    public string? Text(string mimeType) => Data.TryGetValue(mimeType, out var content) ? content as string : null;

    /// <summary>Whether a mime type's data is JSON rather than text: <c>application/json</c> and every <c>*+json</c> type.</summary>
    /// <param name="mimeType">The mime type.</param>
    /// <returns>True for JSON mime types.</returns>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);
}
