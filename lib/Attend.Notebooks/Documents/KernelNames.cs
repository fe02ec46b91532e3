using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// Kernel names and their aliases, as Polyglot Notebooks knows them: <c>#!csharp</c>, <c>#!c#</c>, <c>#!C#</c> and
/// <c>#!cs</c> all select the C# kernel; <c>markdown</c> (alias <c>md</c>) is not a kernel but still splits cells.
/// A notebook's <c>kernelInfo.items</c> may add names and aliases.
/// </summary>
public sealed class KernelNames
{
    /// <summary>The C# kernel's name.</summary>
    public const string CSharp = "csharp";

    /// <summary>The name that marks Markdown text.</summary>
    public const string Markdown = "markdown";

    private static readonly (string Name, string[] Aliases)[] BuiltIn =
    [
        (CSharp, ["c#", "C#", "cs"]),
        ("fsharp", ["f#", "F#", "fs"]),
        ("pwsh", ["powershell"]),
        ("javascript", ["js"]),
        ("html", []),
        ("sql", []),
        ("kql", []),
        ("mermaid", []),
        ("http", []),
        ("value", []),
        (Markdown, ["md"]),
    ];

    private readonly Dictionary<string, string> nameByAlias = new(StringComparer.Ordinal);

    private KernelNames()
    {
        foreach (var (name, aliases) in BuiltIn)
        {
            Add(name, aliases);
        }
    }

    /// <summary>The built-in kernel names only.</summary>
    public static KernelNames Default { get; } = new();

    /// <summary>The built-in names plus those a notebook's <c>kernelInfo</c> declares (<c>{"items": [{"name", "aliases"}]}</c>).</summary>
    /// <param name="kernelInfo">The <c>kernelInfo</c> object, or null.</param>
    /// <returns>The kernel names to resolve against.</returns>
    /// <exception cref="FormatException">An item, a name or an alias has the wrong JSON type.</exception>
    public static KernelNames From(JsonObject? kernelInfo)
    {
        if (NotebookJsonInput.OptionalArray(kernelInfo?["items"], "kernelInfo.items") is not { } items)
        {
            return Default;
        }

        var names = new KernelNames();
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"kernelInfo.items[{i}]";
            var item = NotebookJsonInput.OptionalObject(items[i], where);
            if (NotebookJsonInput.OptionalString(item?["name"], where + ".name") is { } name)
            {
                var aliases = NotebookJsonInput.OptionalArray(item!["aliases"], where + ".aliases") ?? [];
                names.Add(name, [.. aliases.Select((a, j) => NotebookJsonInput.OptionalString(a, $"{where}.aliases[{j}]")).OfType<string>()]);
            }
        }

        return names;
    }

    /// <summary>The kernel name an alias or name stands for (<c>"C#"</c> → <c>"csharp"</c>), or null if unknown.</summary>
    /// <param name="nameOrAlias">A kernel name or alias, as after <c>#!</c>.</param>
    /// <returns>The kernel name, or null.</returns>
    public string? Resolve(string? nameOrAlias) =>
        nameOrAlias is not null && nameByAlias.TryGetValue(nameOrAlias, out var name) ? name : null;

    /// <summary>
    /// Like <see cref="Resolve"/>, also accepting a kernelspec language (<c>"C#"</c>, <c>"F#"</c>,
    /// <c>"PowerShell"</c>) and VS Code's old <c>dotnet-interactive.csharp</c> language ids, case-insensitively.
    /// </summary>
    /// <param name="language">The language name.</param>
    /// <returns>The kernel name, or null.</returns>
    public string? ResolveLanguage(string? language)
    {
        if (string.IsNullOrEmpty(language))
        {
            return null;
        }

        const string VsCodePrefix = "dotnet-interactive.";
        if (language.StartsWith(VsCodePrefix, StringComparison.Ordinal))
        {
            language = language[VsCodePrefix.Length..];
        }

        return Resolve(language)
               ?? nameByAlias.FirstOrDefault(p => string.Equals(p.Key, language, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>The kernel selected by a line that is exactly <c>#!name</c> (an alias or name), or null.</summary>
    /// <param name="line">One line of cell text, without its line break.</param>
    /// <returns>The kernel name, or null when the line is not a kernel selector.</returns>
    public string? SelectorOf(string line) =>
        line.StartsWith("#!", StringComparison.Ordinal) ? Resolve(line[2..].TrimEnd()) : null;

    private void Add(string name, string[] aliases)
    {
        nameByAlias[name] = name;
        foreach (var alias in aliases)
        {
            nameByAlias[alias] = name;
        }
    }
}
