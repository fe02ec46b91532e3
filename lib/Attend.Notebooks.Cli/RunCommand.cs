using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Cli;

/// <summary><c>attend-notebooks run</c>: finds the notebooks, runs each in order, writes them, and sums up.</summary>
public static class RunCommand
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".ipynb_checkpoints", ".git", "node_modules"];

    /// <summary>Runs the notebooks named by <paramref name="paths"/>, and exports them as HTML when <paramref name="html"/> is given.</summary>
    /// <param name="paths">Notebook files and folders.</param>
    /// <param name="output">An output folder, a single .ipynb file, or null for in place.</param>
    /// <param name="options">How to run.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="html">A folder for the HTML export of the executed notebooks (see <see cref="ExportCommand"/>), or null.</param>
    /// <returns>The exit code (see <see cref="CommandLine"/>).</returns>
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> paths, string? output, NotebookRunOptions options,
        TextWriter error, CancellationToken cancellationToken, string? html = null)
    {
        List<(string Notebook, string? Output)> jobs;
        List<(string Notebook, string Relative)> found;
        try
        {
            jobs = Plan(paths, output);
            found = Find(paths);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"attend-notebooks: {e.Message}");
            return CommandLine.UsageOrFileError;
        }

        var cellErrors = 0;
        var fileErrors = 0;
        var executed = new List<(Notebook Notebook, string Relative)>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var (notebook, target) = jobs[i];
            try
            {
                var result = await NotebookRunner.RunFileAsync(notebook, target, options, cancellationToken);
                cellErrors += result.ErrorCount;
                executed.Add((result.Notebook, found[i].Relative));
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"attend-notebooks: {e.Message}");
                fileErrors++;
            }
        }

        options.Progress?.WriteLine($"{jobs.Count} notebooks, {cellErrors} failed cells, {fileErrors} unreadable or unwritable notebooks");
        if (html is not null && !await ExportCommand.WritePagesAsync(executed, html, options.Progress, error))
        {
            fileErrors++;
        }

        return fileErrors > 0 ? CommandLine.UsageOrFileError
            : cellErrors > 0 ? CommandLine.CellErrors
            : CommandLine.Success;
    }

    /// <summary>The notebooks named by files and folders, in order, each with its path relative to the folder it was found in (its file name when given as a file).</summary>
    /// <param name="paths">Notebook files and folders.</param>
    /// <returns>The notebooks.</returns>
    /// <exception cref="ArgumentException">A path does not exist or is not a notebook.</exception>
    public static List<(string Notebook, string Relative)> Find(IReadOnlyList<string> paths)
    {
        var found = new List<(string Notebook, string Relative)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(NotebookFile.IsNotebook)
                    .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains))
                    .Order(StringComparer.Ordinal);
                found.AddRange(files.Select(f => (f, Path.GetRelativePath(path, f))));
            }
            else if (File.Exists(path) && NotebookFile.IsNotebook(path))
            {
                found.Add((path, Path.GetFileName(path)));
            }
            else
            {
                throw new ArgumentException(File.Exists(path) ? $"not a notebook (.ipynb or .dib): {path}" : $"no such file or folder: {path}");
            }
        }

        return found;
    }

    /// <summary>The notebooks to run, in order, and where each is written.</summary>
    /// <param name="paths">Notebook files and folders.</param>
    /// <param name="output">An output folder, a single .ipynb file, or null for in place.</param>
    /// <returns>The jobs.</returns>
    /// <exception cref="ArgumentException">A path does not exist or is not a notebook, or a single output file is given for several notebooks.</exception>
    public static List<(string Notebook, string? Output)> Plan(IReadOnlyList<string> paths, string? output)
    {
        var jobs = Find(paths);
        if (output is null)
        {
            return [.. jobs.Select(j => (j.Notebook, (string?)null))];
        }

        if (NotebookFile.IsIpynb(output) && !Directory.Exists(output))
        {
            return jobs.Count == 1
                ? [(jobs[0].Notebook, output)]
                : throw new ArgumentException($"--output {output} is a single file but {jobs.Count} notebooks are run: give a folder");
        }

        return [.. jobs.Select(j => (j.Notebook, (string?)Path.Combine(output, j.Relative)))];
    }
}
