using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Attend.Notebooks.Documents;
using Xunit.Abstractions;

namespace Attend.Notebooks.Tests;

/// <summary>
/// Malformed notebooks never crash the course (issue 13, item 8): a seeded fuzz mutates a chapter (byte flips,
/// deletions, inserted JSON tokens, values swapped for another type, duplicated keys) and every mutant must either
/// load, save and load again to the same text, or be refused with a <see cref="FormatException"/> naming the file.
/// No other exception may escape the reader or the writer.
/// </summary>
public sealed partial class NotebookFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const string Chapter = "01-tensors-and-autograd.ipynb";

    // JSON keys the reader interprets: type swaps aim at them half of the time, since a random node is mostly a line of text.
    private static readonly string[] InterpretedKeys =
    [
        "cells", "metadata", "nbformat", "nbformat_minor", "cell_type", "source", "id", "execution_count", "outputs",
        "attachments", "output_type", "name", "text", "data", "ename", "evalue", "traceback", "kernelspec", "language",
        "polyglot_notebook", "kernelInfo", "defaultKernelName", "items", "aliases", "kernelName", "dotnet_interactive",
        "vscode", "languageId", "text/plain", "text/html",
    ];

    // What an insertion puts in the text: structure, literals, bad escapes, a key.
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "0", "-1", "4.5", "1e999", "\"\\ud800\"", "\"\\udc00x\"",
        "\"key\": ", "\\", "\"\\u0000\"", "[]", "{}", "\"cell_type\": 3, ", "\"source\": [1], ",
    ];

    private readonly string folder = Fixture.TempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void MutatedChapterIsReadAndRoundTrippedOrRefusedNamingTheFile()
    {
        var original = File.ReadAllBytes(Path.Combine(FindRoot(), "notebooks", Chapter));
        var random = new Random(1301);
        var (accepted, refused, crashes) = (0, 0, new List<string>());
        for (var i = 0; i < 1000; i++)
        {
            var (mutant, mutation) = Mutate(original, random);
            switch (Check(mutant, ".ipynb", i))
            {
                case null:
                    accepted++;
                    break;
                case "":
                    refused++;
                    break;
                case var crash:
                    crashes.Add($"mutant {i} ({mutation}): {crash}");
                    break;
            }
        }

        output.WriteLine($"accepted {accepted}, refused {refused}, escaped {crashes.Count}");
        Assert.True(crashes.Count == 0, $"{crashes.Count} of 1000 mutants escaped the format error:\n" + string.Join("\n", crashes.Take(10)));

        // Both outcomes must be common, or the fuzz is not exercising the reader.
        Assert.True(accepted >= 100 && refused >= 100, $"accepted {accepted}, refused {refused}");
    }

    [Fact]
    public void MutatedDibIsReadAndRoundTrippedOrRefusedNamingTheFile()
    {
        // The chapter as .dib, with a kernelInfo of two kernels so the #!meta block has something to break.
        var notebook = NotebookFile.Load(Path.Combine(FindRoot(), "notebooks", Chapter));
        notebook.KernelInfo!["items"]!.AsArray().Add(new JsonObject { ["name"] = "fsharp", ["aliases"] = new JsonArray("f#", "F#") });
        var text = DibFormat.Write(notebook);
        var lines = text.Split('\n');
        Assert.Equal(("#!meta", ""), (lines[0], lines[1])); // then the meta JSON on one line
        var original = Encoding.UTF8.GetBytes(text);
        var metaEnd = Encoding.UTF8.GetByteCount(string.Join('\n', lines[..3]));
        var random = new Random(1302);
        var (accepted, refused, crashes) = (0, 0, new List<string>());
        for (var i = 0; i < 400; i++)
        {
            // Aim the mutations at the #!meta block: the rest of a .dib is free text.
            var (mutant, mutation) = random.Next(3) switch
            {
                0 => MutateBytes(original, random, metaEnd),
                1 => Encoded(SwapType(lines[2], random, indent: null), meta => string.Join('\n', [.. lines[..2], meta, .. lines[3..]])),
                _ => Encoded(DuplicateKey(lines[2], random), meta => string.Join('\n', [.. lines[..2], meta, .. lines[3..]])),
            };
            switch (Check(mutant, ".dib", i))
            {
                case null:
                    accepted++;
                    break;
                case "":
                    refused++;
                    break;
                case var crash:
                    crashes.Add($"mutant {i} ({mutation}): {crash}");
                    break;
            }
        }

        output.WriteLine($"accepted {accepted}, refused {refused}, escaped {crashes.Count}");
        Assert.True(crashes.Count == 0, $"{crashes.Count} of 400 mutants escaped the format error:\n" + string.Join("\n", crashes.Take(10)));
        Assert.True(accepted >= 40 && refused >= 40, $"accepted {accepted}, refused {refused}");
    }

    public static TheoryData<string, string> MalformedCells => new()
    {
        { "\"cell_type\": 3, \"source\": []", "cell 2: cell_type must be a string, but it is the number 3" },
        { "\"cell_type\": \"code\", \"source\": [\"a\\n\", 5]", "cell 2: source[1] must be a string, but it is the number 5" },
        { "\"cell_type\": \"code\", \"source\": [], \"source\": []", "Duplicate property 'source'" },
        { "\"cell_type\": \"code\", \"source\": [\"\\ud800\"]", "cells[1].source[0] is not text" },
        { "\"cell_type\": \"code\", \"source\": [], \"execution_count\": \"1\"", "cell 2: execution_count must be a whole number" },
        { "\"cell_type\": \"code\", \"source\": [], \"outputs\": [{\"output_type\": \"stream\", \"text\": {}}]", "cell 2: output 1: text must be a string or an array of strings, but it is an object" },
        { "\"cell_type\": \"code\", \"source\": [], \"metadata\": {\"polyglot_notebook\": []}", "cell 2: metadata.polyglot_notebook must be an object" },
        { "\"cell_type\": \"markdown\", \"source\": [], \"attachments\": [1]", "cell 2: attachments must be an object" },
    };

    [Theory]
    [MemberData(nameof(MalformedCells))]
    public void MalformedCellIsRefusedNamingTheFileAndTheCell(string secondCell, string fragment)
    {
        var path = Path.Combine(folder, "bad.ipynb");
        File.WriteAllText(path, "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": \"ok\"}, {" + secondCell + "}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");

        var error = Assert.Throws<FormatException>(() => NotebookFile.Load(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void WrongTypesInTheNotebookMetadataAreRefusedNamingTheKey()
    {
        var path = Path.Combine(folder, "bad.ipynb");
        File.WriteAllText(path, "{\"cells\": [], \"metadata\": {\"kernelspec\": {\"language\": 7}}, \"nbformat\": 4, \"nbformat_minor\": 5}");

        var error = Assert.Throws<FormatException>(() => NotebookFile.Load(path));

        Assert.Equal($"{path}: metadata.kernelspec.language must be a string, but it is the number 7", error.Message);
    }

    /// <summary>Null when the mutant loads and round-trips, "" when refused as it should be, else what went wrong.</summary>
    private string? Check(byte[] mutant, string extension, int index)
    {
        var path = Path.Combine(folder, "mutant" + extension);
        var again = Path.Combine(folder, "written" + extension);
        File.WriteAllBytes(path, mutant);
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (FormatException e)
        {
            return e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? "" : "the error does not name the file: " + e.Message;
        }
        catch (Exception e)
        {
            return "reading threw " + e;
        }

        try
        {
            NotebookFile.Save(notebook, again);
            var written = File.ReadAllText(again);
            NotebookFile.Save(NotebookFile.Load(again), again);
            return File.ReadAllText(again) == written ? null : $"mutant {index} does not write back the same after a second read";
        }
        catch (Exception e)
        {
            return "writing back or re-reading threw " + e;
        }
    }

    private static (byte[] Mutant, string Mutation) Mutate(byte[] original, Random random)
    {
        var text = Encoding.UTF8.GetString(original);
        return random.Next(5) switch
        {
            0 or 1 => MutateBytes(original, random, original.Length),
            2 => Encoded(SwapType(text, random, indent: " "), t => t),
            _ => Encoded(DuplicateKey(text, random), t => t),
        };
    }

    private static (byte[], string) Encoded((string Text, string Mutation) mutant, Func<string, string> wrap) =>
        (Encoding.UTF8.GetBytes(wrap(mutant.Text)), mutant.Mutation);

    /// <summary>A byte flip, a deleted span or an inserted JSON token, at a position before <paramref name="end"/>.</summary>
    private static (byte[], string) MutateBytes(byte[] original, Random random, int end)
    {
        var at = random.Next(end);
        var bytes = original.ToList();
        switch (random.Next(3))
        {
            case 0:
                var value = (byte)random.Next(256);
                bytes[at] = value;
                return ([.. bytes], $"byte {at} set to 0x{value:x2}");
            case 1:
                var count = Math.Min(1 + random.Next(24), bytes.Count - at);
                bytes.RemoveRange(at, count);
                return ([.. bytes], $"{count} bytes deleted at {at}");
            default:
                var token = Tokens[random.Next(Tokens.Length)];
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(token));
                return ([.. bytes], $"'{token}' inserted at {at}");
        }
    }

    /// <summary>One value of the tree (often one the reader interprets) replaced by a value of another JSON type.</summary>
    private static (string, string) SwapType(string json, Random random, string? indent)
    {
        var root = JsonNode.Parse(json)!;
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        var interpreted = slots.Where(s => s.Key is not null && InterpretedKeys.Contains(s.Key)).ToList();
        var (parent, key, index) = random.Next(2) == 0 && interpreted.Count > 0
            ? interpreted[random.Next(interpreted.Count)]
            : slots[random.Next(slots.Count)];
        JsonNode? replacement = random.Next(8) switch
        {
            0 => 7,
            1 => -2.5,
            2 => "text",
            3 => new JsonArray(1, "a"),
            4 => new JsonObject { ["x"] = 1 },
            5 => null,
            6 => true,
            _ => "\ud800", // a lone surrogate, which the project's writer escapes as \ud800
        };
        if (key is not null)
        {
            parent.AsObject()[key] = replacement;
        }
        else
        {
            parent.AsArray()[index] = replacement;
        }

        return (NotebookJson.Write(root, indent), $"{key ?? index.ToString()} became {NotebookJson.Write(replacement, null)}");
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

    /// <summary>A key of some object, and a value, inserted before that key: the object then holds the key twice.</summary>
    private static (string, string) DuplicateKey(string json, Random random)
    {
        var keys = KeyPattern().Matches(json);
        var key = keys[random.Next(keys.Count)];
        string[] values = ["null", "1", "\"dup\"", "[]", "{}"];
        var inserted = key.Value + " " + values[random.Next(values.Length)] + ", ";
        return (json.Insert(key.Index, inserted), $"'{inserted}' inserted at {key.Index}");
    }

    [GeneratedRegex("\"[^\"\\\\]*\":")]
    private static partial Regex KeyPattern();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Notebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
