using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Attend.Serialization;

/// <summary>
/// The header of a safetensors file: an 8-byte little-endian length N, then N bytes of UTF-8 JSON
/// <c>{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, "__metadata__": {"k": "v"}}</c>
/// padded with spaces to a multiple of 8. Reading checks every promise the header makes against the file
/// before any tensor is created, so a bad file is refused whole and never half-loaded.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The key that holds free-form string metadata instead of a tensor.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Larger headers are refused as corrupt (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private SafeTensorsHeader(List<SafeTensorsEntry> entries, Dictionary<string, string> metadata, long dataStart)
    {
        Entries = entries;
        Metadata = metadata;
        DataStart = dataStart;
    }

    /// <summary>The tensors, in the order their data lies in the file.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The file position where the data buffer starts (8 + N).</summary>
    public long DataStart { get; }

    // ---- reading --------------------------------------------------------------------------------------

    /// <summary>Reads and validates the header of <paramref name="stream"/> (positioned at 0) against its length.</summary>
    public static SafeTensorsHeader Read(Stream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw Bad(path, $"the file is {fileLength} bytes long, too short for the 8-byte header length every " +
                "safetensors file starts with (empty or truncated file?).");
        }

        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var n = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (n > MaxHeaderBytes)
        {
            throw Bad(path, $"the header length field says {n} bytes, more than the {MaxHeaderBytes}-byte limit: " +
                "this is not a safetensors file, or its first 8 bytes are corrupted.");
        }

        if ((long)n > fileLength - 8)
        {
            throw Bad(path, $"the header length field says {n} bytes, but only {fileLength - 8} bytes follow it: " +
                "the file is truncated or is not a safetensors file.");
        }

        var json = new byte[n];
        stream.ReadExactly(json);
        var dataLength = fileLength - 8 - (long)n;
        var (entries, metadata) = Parse(json, dataLength, path);
        CheckLayout(entries, dataLength, path);
        return new SafeTensorsHeader(entries, metadata, 8 + (long)n);
    }

    private static (List<SafeTensorsEntry>, Dictionary<string, string>) Parse(byte[] json, long dataLength, string path)
    {
        if (!Utf8.IsValid(json))
        {
            throw Bad(path, "the header is not valid UTF-8 text.");
        }

        if (json.Length == 0 || json[0] != (byte)'{')
        {
            throw Bad(path, "the header does not start with '{': it must be a JSON object of tensor entries.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Bad(path, $"the header is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = NameOf(property, path, "a tensor name");

                // System.Text.Json decodes keys and strings lazily and throws InvalidOperationException on a lone
                // surrogate escape, even when merely looking a key up: check every one before using the entry.
                if (!IsText(property.Value))
                {
                    throw name == MetadataKey
                        ? Bad(path, $"a key or string of '{MetadataKey}' is not text: {LoneSurrogate}.")
                        : BadTensor(path, name, $"a key or string of the entry is not text: {LoneSurrogate}.");
                }
                if (!seen.Add(name))
                {
                    throw name == MetadataKey
                        ? Bad(path, $"'{MetadataKey}' appears twice in the header.")
                        : BadTensor(path, name, "the name appears twice in the header.");
                }

                if (name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, path);
                }
                else
                {
                    entries.Add(ReadEntry(name, property.Value, dataLength, path));
                }
            }

            return (entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, $"'{MetadataKey}' must be a JSON object of strings, but it is {Describe(value)}.");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Bad(path, $"'{MetadataKey}' entry '{item.Name}' must be a string, but it is {Describe(item.Value)}.");
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw Bad(path, $"'{MetadataKey}' entry '{item.Name}' appears twice.");
            }
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value, long dataLength, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw BadTensor(path, name, $"the entry must be a JSON object with dtype, shape and data_offsets, but it is {Describe(value)}.");
        }

        // dtype: one of the names the format defines.
        if (!value.TryGetProperty("dtype", out var dtypeElement))
        {
            throw BadTensor(path, name, "the entry has no 'dtype'.");
        }

        var dtype = dtypeElement.ValueKind == JsonValueKind.String ? dtypeElement.GetString()! : null;
        if (dtype is null || !SafeTensorsDtype.TryGetSize(dtype, out var elementSize))
        {
            throw BadTensor(path, name, $"unsupported dtype {dtypeElement.GetRawText()} (this reader understands {SafeTensorsDtype.Supported}).");
        }

        // shape: non-negative whole numbers; [] is a scalar.
        if (!value.TryGetProperty("shape", out var shapeElement))
        {
            throw BadTensor(path, name, "the entry has no 'shape'.");
        }

        var shape = ReadWholeNumbers(shapeElement, path, name, "shape");
        const long tooMany = (long)int.MaxValue + 1;
        var count = shape.Contains(0) ? 0 : shape.Aggregate(1L, (c, d) => Math.Min(c * Math.Min(d, tooMany), tooMany));
        if (count > int.MaxValue || shape.Any(d => d > int.MaxValue))
        {
            // Dimensions and element counts are ints in this engine.
            throw BadTensor(path, name, $"shape {FormatLongs(shape)} is too large for this library: a dimension and the " +
                $"element count may be at most {int.MaxValue}.");
        }

        // data_offsets: [begin, end) in the data buffer, which must hold exactly count × element size bytes.
        if (!value.TryGetProperty("data_offsets", out var offsetsElement))
        {
            throw BadTensor(path, name, "the entry has no 'data_offsets'.");
        }

        var offsets = ReadWholeNumbers(offsetsElement, path, name, "data_offsets");
        if (offsets.Length != 2)
        {
            throw BadTensor(path, name, $"data_offsets must be [begin, end], but it has {offsets.Length} number(s).");
        }

        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
        {
            throw BadTensor(path, name, $"data_offsets [{begin}, {end}] end before they begin.");
        }

        var dims = Array.ConvertAll(shape, d => (int)d);
        var needed = count * elementSize;
        if (end - begin != needed)
        {
            throw BadTensor(path, name, $"shape {Tensor.Format(dims)} of {dtype} needs {needed} bytes but data_offsets span {end - begin}.");
        }

        if (end > dataLength)
        {
            throw BadTensor(path, name, $"data_offsets [{begin}, {end}] reach past the end of the data buffer, which holds " +
                $"{dataLength} bytes: the file is truncated or the offsets are wrong.");
        }

        return new SafeTensorsEntry(name, dtype, dims, begin, end);
    }

    private static long[] ReadWholeNumbers(JsonElement element, string path, string name, string field)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw BadTensor(path, name, $"{field} must be a JSON array of whole numbers, but it is {Describe(element)}.");
        }

        var numbers = new long[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < 0)
            {
                throw BadTensor(path, name, $"{field} must hold non-negative whole numbers, but item {i} is {item.GetRawText()}.");
            }

            numbers[i++] = v;
        }

        return numbers;
    }

    /// <summary>
    /// The spec's layout rule: sorted by offset, the tensors tile the data buffer exactly, with no overlap,
    /// no hole and nothing after the last one.
    /// </summary>
    private static void CheckLayout(List<SafeTensorsEntry> entries, long dataLength, string path)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        SafeTensorsEntry? previous = null;
        foreach (var e in entries)
        {
            if (e.Begin < expected)
            {
                throw BadTensor(path, e.Name, $"data_offsets [{e.Begin}, {e.End}] overlap those of tensor " +
                    $"'{previous!.Name}' [{previous.Begin}, {previous.End}].");
            }

            if (e.Begin > expected)
            {
                var where = previous is null ? "before this tensor" : $"between tensor '{previous.Name}' and this one";
                throw BadTensor(path, e.Name, $"bytes [{expected}, {e.Begin}) of the data buffer, {where}, belong to no tensor; " +
                    "the format allows no holes.");
            }

            expected = e.End;
            previous = e;
        }

        if (expected != dataLength)
        {
            var where = previous is null ? "and the header declares no tensor" : $"after tensor '{previous.Name}', which ends at byte {expected}";
            throw Bad(path, $"the data buffer holds {dataLength} bytes, {where}; the last {dataLength - expected} bytes " +
                "belong to no tensor (the format allows no trailing data).");
        }
    }

    private const string LoneSurrogate = "it holds a \\u escape of a lone UTF-16 surrogate (such as \\ud800), which no character encodes";

    /// <summary>A JSON key as a string; refused when it holds a lone surrogate escape, which System.Text.Json cannot decode.</summary>
    private static string NameOf(JsonProperty property, string path, string what)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw Bad(path, $"{what} in the header is not text: {LoneSurrogate}.", e);
        }
    }

    /// <summary>Whether every key and string in <paramref name="element"/> decodes (holds no lone surrogate escape).</summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name is null || !IsText(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(IsText);
                case JsonValueKind.String:
                    return element.GetString() is not null;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // ---- writing --------------------------------------------------------------------------------------

    /// <summary>
    /// The header bytes (JSON padded with spaces to a multiple of 8, without the length prefix) for F32 tensors
    /// stored back to back in the given order, with optional metadata first, as the reference writer lays it out.
    /// </summary>
    public static byte[] Encode(IReadOnlyList<(string Name, int[] Shape)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, text) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, text);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, shape) in tensors)
            {
                var bytes = 4L * Tensor.Product(shape);
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var d in shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        // Pad to a multiple of 8 so the data buffer starts 8-byte aligned (readers may map it in place).
        while (buffer.Length % 8 != 0)
        {
            buffer.WriteByte((byte)' ');
        }

        return buffer.ToArray();
    }

    // ---- errors ---------------------------------------------------------------------------------------

    /// <summary>An error about the file as a whole, naming it.</summary>
    internal static InvalidDataException Bad(string path, string message, Exception? inner = null) =>
        new($"{path}: {message}", inner);

    /// <summary>An error about one tensor of the file, naming both.</summary>
    internal static InvalidDataException BadTensor(string path, string name, string message) =>
        new($"{path}: tensor '{name}': {message}");

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {e.GetRawText()}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        _ => "null",
    };

    private static string FormatLongs(long[] values) => "[" + string.Join(", ", values) + "]";
}
