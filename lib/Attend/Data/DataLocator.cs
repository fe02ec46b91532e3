namespace Attend.Data;

/// <summary>
/// Finds a data file without committing it to the repository. Places are tried in this order, first match wins:
/// <list type="number">
/// <item>the path passed explicitly (a file, or a folder holding it);</item>
/// <item>the <c>ATTEND_DATA</c> environment variable: a folder laid out like <c>shared/data</c>
/// (<c>$ATTEND_DATA/eng-fra/eng-fra.txt</c>);</item>
/// <item>a <c>shared/data</c> folder beside the repository (<c>../shared/data</c> from its root, the folder holding
/// <c>Notebooks.sln</c>), the repository found above the current directory and above the folder the library was
/// loaded from, so a clone in <c>/work/main</c> finds <c>/work/shared/data</c> whether run from the repository, a
/// notebook folder, a test's <c>bin</c> or a kernel started elsewhere; for a linked git worktree, also the one beside
/// its main checkout;</item>
/// <item>the git-ignored cache <c>data/cache/</c> of the repository (where a loader downloads to).</item>
/// </list>
/// Nothing else: the folders of whatever program loaded the library (a kernel tool, a test runner) are not the
/// course's, and an error that lists them only hides the places that matter.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public static class DataLocator
{
    /// <summary>The environment variable naming a data folder laid out like <c>shared/data</c>.</summary>
    public const string EnvironmentVariable = "ATTEND_DATA";

    /// <summary>The file that marks the repository's root folder.</summary>
    public const string RepositoryMarker = "Notebooks.sln";

    /// <summary>
    /// The path of <paramref name="relativePath"/> (e.g. <c>eng-fra/eng-fra.txt</c>), or null when no place has
    /// it; <paramref name="tried"/> lists every place looked at, in order, for an error message.
    /// </summary>
    /// <exception cref="FileNotFoundException"><paramref name="explicitPath"/> was given but holds no such file: an
    /// explicit choice is never silently replaced by another copy.</exception>
    public static string? Find(string relativePath, string? explicitPath, out IReadOnlyList<string> tried) =>
        Find(relativePath, explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable),
            DefaultStartDirectories(), out tried);

    /// <summary>Where a download of <paramref name="relativePath"/> goes: the repository's <c>data/cache/</c>.</summary>
    public static string CachePath(string relativePath) => CachePath(relativePath, DefaultStartDirectories());

    internal static string? Find(string relativePath, string? explicitPath, string? dataFolder,
        IReadOnlyList<string> startDirectories, out IReadOnlyList<string> tried)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        var places = new List<string>();
        tried = places;

        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath);
            string[] options = Directory.Exists(full)
                ? [Path.Combine(full, Path.GetFileName(relativePath)), Join(full, relativePath)]
                : [full];
            var hit = options.FirstOrDefault(File.Exists);
            return hit ?? throw new FileNotFoundException(
                $"The path passed for {Path.GetFileName(relativePath)} does not hold it. Looked at:\n  " +
                string.Join("\n  ", options.Distinct()), full);
        }

        if (!string.IsNullOrWhiteSpace(dataFolder))
        {
            places.Add(Join(Path.GetFullPath(dataFolder), relativePath));
        }

        foreach (var repository in Repositories(startDirectories))
        {
            if (Path.GetDirectoryName(repository) is { } beside)
            {
                places.Add(Join(Path.Combine(beside, "shared", "data"), relativePath));
            }
        }

        places.Add(CachePath(relativePath, startDirectories));
        places = [.. places.Distinct(StringComparer.Ordinal)];
        tried = places;
        return places.FirstOrDefault(File.Exists);
    }

    internal static string CachePath(string relativePath, IReadOnlyList<string> startDirectories)
    {
        var root = Ancestors(startDirectories).FirstOrDefault(d => File.Exists(Path.Combine(d, RepositoryMarker)))
            ?? Path.GetFullPath(startDirectories.Count > 0 ? startDirectories[0] : Environment.CurrentDirectory);
        return Join(Path.Combine(root, "data", "cache"), relativePath);
    }

    /// <summary>A message that lists every place tried and how to fix it.</summary>
    internal static string NotFoundMessage(string relativePath, IReadOnlyList<string> tried, string? dataFolder,
        string howToGet) =>
        $"{Path.GetFileName(relativePath)} was not found. Looked in (first match wins):\n" +
        string.Join("\n", tried.Select((p, i) => $"  {i + 1}. {p}")) +
        $"\n(The environment variable {EnvironmentVariable} was " +
        (string.IsNullOrWhiteSpace(dataFolder) ? "not set" : $"\"{dataFolder}\"") + ".)" +
        $"\n{howToGet}";

    /// <summary>
    /// Where to look for the repository: the current directory and the folder of the library's own file (its
    /// <c>bin</c> folder when a notebook loads it with <c>#r</c>); not the host program's folder, which for a
    /// notebook kernel is the kernel tool's.
    /// </summary>
    internal static string[] DefaultStartDirectories()
    {
        var library = Path.GetDirectoryName(typeof(DataLocator).Assembly.Location);
        return string.IsNullOrEmpty(library) ? [Environment.CurrentDirectory] : [Environment.CurrentDirectory, library];
    }

    /// <summary>
    /// The repository roots (folders holding <see cref="RepositoryMarker"/>) nearest above each start directory and,
    /// for a linked git worktree (whose <c>.git</c> file reads <c>gitdir: MAIN/.git/worktrees/NAME</c>), its main
    /// checkout MAIN; each once, in order.
    /// </summary>
    private static IEnumerable<string> Repositories(IReadOnlyList<string> startDirectories)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in startDirectories)
        {
            var root = Ancestors([start]).FirstOrDefault(d => File.Exists(Path.Combine(d, RepositoryMarker)));
            if (root is null)
            {
                continue;
            }

            root = Path.TrimEndingDirectorySeparator(root);
            if (seen.Add(root))
            {
                yield return root;
            }

            if (MainCheckout(root) is { } main && seen.Add(main))
            {
                yield return main;
            }
        }
    }

    private static string? MainCheckout(string worktree)
    {
        try
        {
            var gitFile = Path.Combine(worktree, ".git");
            if (!File.Exists(gitFile))
            {
                return null; // a main checkout's .git is a folder
            }

            var line = File.ReadLines(gitFile).FirstOrDefault() ?? "";
            const string Prefix = "gitdir:";
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return null;
            }

            // MAIN/.git/worktrees/NAME → MAIN
            var gitDir = new DirectoryInfo(Path.GetFullPath(line[Prefix.Length..].Trim(), worktree));
            return gitDir.Parent?.Name == "worktrees" && gitDir.Parent.Parent is { Name: ".git", Parent: { } main }
                ? Path.TrimEndingDirectorySeparator(main.FullName)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // an unreadable .git file: no main checkout to add
        }
    }

    // Every folder from each start directory up to the file system's root, each once, nearest first.
    private static IEnumerable<string> Ancestors(IEnumerable<string> startDirectories)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (seen.Add(dir.FullName.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)))
                {
                    yield return dir.FullName;
                }
            }
        }
    }

    private static string Join(string folder, string relativePath) =>
        Path.GetFullPath(Path.Combine([folder, .. relativePath.Split('/', '\\')]));
}
