using System.Buffers.Binary;

namespace Attend.Serialization;

/// <summary>
/// Reads and writes tensors in the safetensors format (huggingface/safetensors), the checkpoint format
/// PyTorch users share models in: <c>safetensors.torch.load_file</c> reads what <see cref="Save"/> writes,
/// and <see cref="Load"/> reads what <c>safetensors.torch.save_file</c> writes.
/// Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON describing each tensor
/// (<c>dtype</c>, <c>shape</c>, <c>data_offsets</c>) plus optional <c>__metadata__</c> strings, padded with
/// spaces to a multiple of 8, then the raw little-endian values of all tensors back to back.
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// Saves <paramref name="tensors"/> as float32 (F32) to <paramref name="path"/>, sorted by name as the
    /// reference writer does, with optional string <paramref name="metadata"/>. The write is atomic: an existing
    /// file is replaced only once the new one is complete on disk, and is left untouched if anything fails.
    /// </summary>
    public static void Save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);

        // Snapshot the entries once, in the reference order (by the names' UTF-8 bytes, i.e. by code point).
        var ordered = tensors.OrderBy(t => t.Key, CodePointComparer.Instance).ToList();
        foreach (var (name, tensor) in ordered)
        {
            if (name == SafeTensorsHeader.MetadataKey)
            {
                throw new ArgumentException($"SafeTensors.Save: '{name}' is reserved for metadata and cannot name a tensor.", nameof(tensors));
            }

            if (tensor is null)
            {
                throw new ArgumentException($"SafeTensors.Save: tensor '{name}' is null.", nameof(tensors));
            }
        }

        if (metadata is not null && metadata.Any(m => m.Key is null || m.Value is null))
        {
            throw new ArgumentException("SafeTensors.Save: metadata keys and values must not be null.", nameof(metadata));
        }

        var header = SafeTensorsHeader.Encode(ordered.Select(t => (t.Key, t.Value.shape)).ToList(), metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var (_, tensor) in ordered)
            {
                SafeTensorsDtype.WriteF32(stream, tensor.ToArray());
            }
        });
    }

    /// <summary>
    /// Loads every tensor of the safetensors file at <paramref name="path"/> as float32 on
    /// <paramref name="device"/> (the CPU by default). F16, BF16 and F64 are converted to float32, integer and
    /// boolean tensors to whole floats. The whole header is checked against the file first: a malformed or
    /// truncated file throws <see cref="InvalidDataException"/> naming the file (and the tensor) before any tensor is made.
    /// </summary>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var header = SafeTensorsHeader.Read(stream, path);
        var result = new Dictionary<string, Tensor>(header.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in header.Entries)
        {
            // Entries come in file order, so this reads the data buffer front to back.
            var values = ReadValues(stream, header.DataStart, entry, path);
            result[entry.Name] = torch.tensor(values, entry.Shape, device);
        }

        return result;
    }

    /// <summary>
    /// The <c>__metadata__</c> strings of the safetensors file at <paramref name="path"/> (empty when it has none),
    /// after checking its header as <see cref="Load"/> does, without reading the tensor data.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return SafeTensorsHeader.Read(stream, path).Metadata;
    }

    private static float[] ReadValues(Stream stream, long dataStart, SafeTensorsEntry entry, string path)
    {
        var values = new float[entry.Count];
        if (values.Length == 0)
        {
            return values;
        }

        SafeTensorsDtype.TryGetSize(entry.Dtype, out var size);
        stream.Position = dataStart + entry.Begin;

        // Convert in chunks so a large F64 tensor never needs its whole byte image in memory at once.
        var chunkElements = Math.Min(values.Length, (1 << 20) / size);
        var bytes = new byte[chunkElements * size];
        for (var done = 0; done < values.Length; done += chunkElements)
        {
            var n = Math.Min(chunkElements, values.Length - done);
            var chunk = bytes.AsSpan(0, n * size);
            try
            {
                stream.ReadExactly(chunk);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"{path}: tensor '{entry.Name}': the file ended while reading its data (was it truncated while open?).", e);
            }

            SafeTensorsDtype.ToFloat(entry.Dtype, chunk, values.AsSpan(done, n));
        }

        return values;
    }

    /// <summary>Orders strings by Unicode code point, which is the byte order of their UTF-8 encodings.</summary>
    private sealed class CodePointComparer : IComparer<string>
    {
        public static readonly CodePointComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").EnumerateRunes();
            var b = (y ?? "").EnumerateRunes();
            while (true)
            {
                var hasA = a.MoveNext();
                var hasB = b.MoveNext();
                if (!hasA || !hasB)
                {
                    return hasA.CompareTo(hasB);
                }

                var c = a.Current.Value.CompareTo(b.Current.Value);
                if (c != 0)
                {
                    return c;
                }
            }
        }
    }
}
