using System.Text;
using System.Text.RegularExpressions;
using Attend.Notebooks.Documents;
using Attend.Notebooks.Packages;

namespace Attend.Notebooks.Execution;

/// <summary>
/// Splits a C# cell into what the kernel does with it, in order: package sources (<c>#i</c>) and package
/// references (<c>#r "nuget: ..."</c>) hoisted to run first, then code and magic commands in the order they appear.
/// Code handed to Roslyn keeps the cell's line numbers: every line that is not part of a code part (directives,
/// magics, other parts) becomes an empty line, so <c>(line,col)</c> in a compile error is the cell's own line.
/// <c>#r "path.dll"</c> and <c>#load</c> stay in the code for Roslyn, as in the real kernel.
/// </summary>
internal static partial class CellParser
{
    // Magic commands of the real kernel that a C# course does not need (multi-kernel variables, informational).
    private static readonly HashSet<string> Unsupported =
        ["set", "value", "share", "who", "whos", "about", "lsmagic", "connect", "log", "set-editor", "!"];

    /// <summary>Parses a cell's text.</summary>
    /// <param name="text">The cell source.</param>
    /// <returns>The parts, hoisted directives and any errors (unknown magics, malformed directives).</returns>
    public static ParsedCell Parse(string text)
    {
        var lines = text.Split('\n');
        var parts = new List<CellPart>();
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        var errors = new List<string>();
        var kernel = KernelNames.CSharp;
        var segmentStart = 0;
        var segment = new List<int>(); // indices of the lines of the current code part

        void Flush(int nextStart)
        {
            if (segment.Any(i => !string.IsNullOrWhiteSpace(lines[i])))
            {
                parts.Add(kernel == KernelNames.CSharp
                    ? new CodePart(segmentStart, Padded(lines, segment))
                    : new KernelPart(segmentStart - 1, kernel)); // only a selector line starts another kernel's part
            }

            segment.Clear();
            segmentStart = nextStart;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var space = trimmed.IndexOfAny([' ', '\t']);
                var name = space < 0 ? trimmed[2..] : trimmed[2..space];
                var arguments = space < 0 ? "" : trimmed[(space + 1)..].Trim();
                if (KernelNames.Default.Resolve(name) is { } selected)
                {
                    Flush(i + 1);
                    kernel = selected;
                    continue;
                }

                if (kernel == KernelNames.CSharp)
                {
                    Flush(i + 1);
                    switch (name)
                    {
                        case "time":
                            parts.Add(new MagicPart(i, name, arguments));
                            break;
                        case "import":
                            parts.Add(new MagicPart(i, name, Unquote(arguments)));
                            break;
                        case var _ when Unsupported.Contains(name):
                            errors.Add($"Magic command #!{name} is not supported by the headless runner (it serves multi-kernel notebooks).");
                            break;
                        default:
                            errors.Add($"Unrecognized magic command: #!{name}");
                            break;
                    }

                    continue;
                }
            }
            else if (kernel == KernelNames.CSharp && PackageDirective().Match(lines[i]) is { Success: true } package)
            {
                if (PackageRequest.TryParse(package.Groups[1].Value, out var request, out var error))
                {
                    packages.Add(request);
                }
                else
                {
                    errors.Add($"({i + 1},1): {error}");
                }

                continue; // the line stays empty in the code given to Roslyn
            }
            else if (kernel == KernelNames.CSharp && SourceDirective().Match(lines[i]) is { Success: true } source)
            {
                var value = source.Groups[1].Value.Trim();
                if (value.StartsWith("nuget:", StringComparison.Ordinal))
                {
                    sources.Add(value["nuget:".Length..].Trim());
                }
                else
                {
                    errors.Add($"({i + 1},1): #i expects a package source as \"nuget: <feed URL or absolute folder>\", but got \"{value}\"");
                }

                continue;
            }

            segment.Add(i);
        }

        Flush(lines.Length);
        return new ParsedCell(parts, packages, sources, errors);
    }

    private static string Padded(string[] lines, List<int> segment)
    {
        // Blank lines before the part (and for directive lines inside it) keep Roslyn's line numbers the cell's.
        var builder = new StringBuilder();
        var last = segment[^1];
        var included = segment.ToHashSet();
        for (var i = 0; i <= last; i++)
        {
            if (included.Contains(i))
            {
                builder.Append(lines[i]);
            }

            if (i < last)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    [GeneratedRegex("""^\s*#r\s+"(\s*nuget\s*:[^"]*)"\s*$""")]
    private static partial Regex PackageDirective();

    [GeneratedRegex("""^\s*#i\s+"([^"]*)"\s*$""")]
    private static partial Regex SourceDirective();
}

/// <summary>A cell split into its parts.</summary>
/// <param name="Parts">Code and magic parts, in cell order.</param>
/// <param name="Packages">The <c>#r "nuget: ..."</c> requests, restored before anything else.</param>
/// <param name="Sources">The <c>#i "nuget: ..."</c> package sources, added before restoring.</param>
/// <param name="Errors">Unknown magics and malformed directives: the cell does not run if there is any.</param>
internal sealed record ParsedCell(
    IReadOnlyList<CellPart> Parts,
    IReadOnlyList<PackageRequest> Packages,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Errors);

/// <summary>One part of a cell, starting at a zero-based line.</summary>
/// <param name="Line">The zero-based line the part starts on.</param>
internal abstract record CellPart(int Line);

/// <summary>C# code, padded with empty lines so that its line numbers are the cell's.</summary>
/// <param name="Line">The zero-based line the part starts on.</param>
/// <param name="Code">The code.</param>
internal sealed record CodePart(int Line, string Code) : CellPart(Line);

/// <summary>A magic command the runner implements (<c>#!time</c>, <c>#!import</c>).</summary>
/// <param name="Line">The zero-based line of the command.</param>
/// <param name="Name">The command name without <c>#!</c>.</param>
/// <param name="Arguments">The rest of the line, unquoted.</param>
internal sealed record MagicPart(int Line, string Name, string Arguments) : CellPart(Line);

/// <summary>Lines selected for another kernel (<c>#!fsharp</c>, <c>#!markdown</c>, ...).</summary>
/// <param name="Line">The zero-based line of the selector (<c>#!fsharp</c>).</param>
/// <param name="Kernel">The kernel name.</param>
internal sealed record KernelPart(int Line, string Kernel) : CellPart(Line);
