using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Attend.Serialization;

namespace Attend.Tests;

/// <summary>
/// Bad checkpoints never crash the course (issue 13, item 8): a seeded fuzz mutates a saved checkpoint (byte flips,
/// truncation, deletions, inserted JSON tokens, header values swapped for another type, duplicated keys, lone UTF-16
/// surrogates in names, dtypes and metadata, odd numbers in shapes and offsets) and the only exception that may
/// escape <see cref="SafeTensors.Load"/> and <see cref="SafeTensors.ReadMetadata"/> is
/// <see cref="InvalidDataException"/> naming the file.
/// </summary>
public sealed partial class SafeTensorsFuzzTests : IDisposable
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "0", "-1", "1.5", "1e999", "18446744073709551616",
        "\"\\ud800\"", "\"\\udc00\"", "\"F32\"", "\"__metadata__\": {}, ", "\"x\": ", "\\", "\"\\u0000\"",
    ];

    private static readonly string[] Dtypes = ["F32", "F64", "F16", "BF16", "I64", "I8", "U8", "BOOL", "F8_E4M3", "f32", ""];

    private readonly string dir = Directory.CreateTempSubdirectory("attend-safetensors-fuzz-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void LoneSurrogatesInNamesDtypesAndMetadataAreRefusedClearly()
    {
        string[] headers =
        [
            "{\"\\ud800\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}",
            "{\"a\\udc00b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}",
            "{\"a\": {\"dtype\": \"\\ud800\", \"shape\": [1], \"data_offsets\": [0, 4]}}",
            "{\"__metadata__\": {\"\\ud800\": \"x\"}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}",
            "{\"__metadata__\": {\"k\": \"\\ud800\"}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}",
        ];
        var path = Path.Combine(dir, "surrogate.safetensors");
        foreach (var header in headers)
        {
            File.WriteAllBytes(path, BuildFile(header, new byte[4]));

            var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
            Assert.StartsWith(path + ": ", error.Message);
            Assert.Contains("is not text: it holds a \\u escape of a lone UTF-16 surrogate", error.Message);
            Assert.Equal(error.Message, Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(path)).Message);
        }
    }

    [Fact]
    public void MutatedCheckpointsLoadOrAreRefusedWithInvalidDataException()
    {
        var original = Path.Combine(dir, "original.safetensors");
        var generator = new Generator().manual_seed(13);
        SafeTensors.Save(
            new Dictionary<string, Tensor>
            {
                ["encoder.weight"] = torch.randn([3, 4], generator: generator),
                ["encoder.bias"] = torch.randn([4], generator: generator),
                ["scale"] = torch.tensor(2f),
                ["empty"] = torch.zeros(0, 2),
            },
            original,
            new Dictionary<string, string> { ["format"] = "pt", ["note"] = "fuzz" });
        var bytes = File.ReadAllBytes(original);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength).TrimEnd(' ');
        var data = bytes[(8 + headerLength)..];

        var random = new Random(1303);
        var path = Path.Combine(dir, "mutant.safetensors");
        var (loaded, refused, escaped) = (0, 0, new List<string>());
        for (var i = 0; i < 3000; i++)
        {
            var (mutant, mutation) = Mutate(bytes, header, data, random);
            File.WriteAllBytes(path, mutant);
            try
            {
                _ = SafeTensors.ReadMetadata(path);
                _ = SafeTensors.Load(path);
                loaded++;
            }
            catch (InvalidDataException e) when (e.Message.StartsWith(path + ": ", StringComparison.Ordinal))
            {
                refused++;
            }
            catch (Exception e)
            {
                escaped.Add($"mutant {i} ({mutation}): {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(escaped.Count == 0, $"{escaped.Count} of 3000 mutants escaped InvalidDataException:\n" + string.Join("\n", escaped.Take(10)));
        Assert.True(loaded >= 100 && refused >= 1000, $"loaded {loaded}, refused {refused}"); // both outcomes exercised
    }

    private static (byte[], string) Mutate(byte[] file, string header, byte[] data, Random random)
    {
        switch (random.Next(9))
        {
            case 0:
                {
                    // A byte flip anywhere, most often in the length field or the header.
                    var mutant = (byte[])file.Clone();
                    var at = random.Next(2) == 0 ? random.Next(8 + header.Length) : random.Next(file.Length);
                    mutant[at] = (byte)random.Next(256);
                    return (mutant, $"byte {at} set to 0x{mutant[at]:x2}");
                }

            case 1:
                {
                    var length = random.Next(file.Length);
                    return (file[..length], $"truncated to {length} bytes");
                }

            case 2:
                {
                    var at = random.Next(header.Length);
                    var count = Math.Min(1 + random.Next(12), header.Length - at);
                    return (BuildFile(header.Remove(at, count), data), $"{count} header characters deleted at {at}");
                }

            case 3:
                {
                    var at = random.Next(header.Length + 1);
                    var token = Tokens[random.Next(Tokens.Length)];
                    return (BuildFile(header.Insert(at, token), data), $"'{token}' inserted at {at}");
                }

            case 4:
                return SwapType(header, data, random);
            case 5:
                {
                    var keys = KeyPattern().Matches(header);
                    var key = keys[random.Next(keys.Count)];
                    var inserted = key.Value + "{\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]}, ";
                    return (BuildFile(header.Insert(key.Index, inserted), data), $"duplicate of {key.Value}");
                }

            case 6:
                {
                    // A lone surrogate escape inside a name, a dtype or a metadata string.
                    var strings = StringPattern().Matches(header);
                    var target = strings[random.Next(strings.Count)];
                    var at = target.Index + 1 + random.Next(target.Length - 1);
                    var escape = random.Next(2) == 0 ? "\\ud800" : "\\udfff";
                    return (BuildFile(header.Insert(at, escape), data), $"{escape} inserted at {at}");
                }

            case 7:
                {
                    // Odd numbers in shapes and data offsets.
                    var numbers = NumberPattern().Matches(header);
                    var target = numbers[random.Next(numbers.Count)];
                    string[] odd = ["-1", "0", "1", "3", "4.0", "1e3", "2147483648", "9223372036854775807", "9223372036854775808", "-0"];
                    var replacement = odd[random.Next(odd.Length)];
                    return (BuildFile(header.Remove(target.Index, target.Length).Insert(target.Index, replacement), data), $"number at {target.Index} became {replacement}");
                }

            default:
                {
                    // A dtype swapped for another (sizes no longer match the offsets), or the data buffer resized.
                    if (random.Next(2) == 0)
                    {
                        var dtype = Dtypes[random.Next(Dtypes.Length)];
                        var matches = DtypePattern().Matches(header);
                        var target = matches[random.Next(matches.Count)];
                        var mutated = header.Remove(target.Index, target.Length).Insert(target.Index, $"\"dtype\":\"{dtype}\"");
                        return (BuildFile(mutated, data), $"a dtype became {dtype}");
                    }

                    var size = Math.Max(0, data.Length + random.Next(-8, 9));
                    var resized = new byte[size];
                    Array.Copy(data, resized, Math.Min(size, data.Length));
                    return (BuildFile(header, resized), $"data resized to {size} bytes");
                }
        }
    }

    /// <summary>A header value replaced by a value of another JSON type.</summary>
    private static (byte[], string) SwapType(string header, byte[] data, Random random)
    {
        var root = JsonNode.Parse(header)!;
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        var (parent, key, index) = slots[random.Next(slots.Count)];
        const string Surrogate = "@surrogate@";
        JsonNode? replacement = random.Next(7) switch
        {
            0 => 7,
            1 => -2.5,
            2 => "text",
            3 => new JsonArray(1, "a"),
            4 => new JsonObject { ["x"] = 1 },
            5 => null,
            _ => Surrogate,
        };
        if (key is not null)
        {
            parent.AsObject()[key] = replacement;
        }
        else
        {
            parent.AsArray()[index] = replacement;
        }

        var json = root.ToJsonString().Replace($"\"{Surrogate}\"", "\"\\ud800\"", StringComparison.Ordinal);
        return (BuildFile(json, data), $"{key ?? index.ToString()} became {replacement?.ToJsonString() ?? "null"}");
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    slots.Add((obj, key, -1));
                    if (value is not null)
                    {
                        Collect(value, slots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } item)
                    {
                        Collect(item, slots);
                    }
                }

                break;
        }
    }

    /// <summary>u64 LE header length, the JSON padded with spaces to a multiple of 8, the data.</summary>
    private static byte[] BuildFile(string json, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var padded = (header.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }

    [GeneratedRegex("\"[^\"\\\\]*\":")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("\"[^\"\\\\]*\"")]
    private static partial Regex StringPattern();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("\"dtype\":\"[^\"]*\"")]
    private static partial Regex DtypePattern();
}
