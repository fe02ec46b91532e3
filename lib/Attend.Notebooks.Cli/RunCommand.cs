using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Cli;

/// <summary><c>attend-notebooks run</c>: finds the notebooks, runs each in order, writes them, and sums up.</summary>
public static class RunCommand
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".ipynb_checkpoints", ".git", "node_modules"];

    /// <summary>Runs the notebooks named by <paramref name="paths"/>.</summary>
    /// <param name="paths">Notebook files and folders.</param>
    /// <param name="output">An output folder, a single .ipynb file, or null for in place.</param>
    /// <param name="options">How to run.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code (see <see cref="CommandLine"/>).</returns>
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> paths, string? output, NotebookRunOptions options,
        TextWriter error, CancellationToken cancellationToken)
    {
        List<(string Notebook, string? Output)> jobs;
        try
        {
            jobs = Plan(paths, output);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"attend-notebooks: {e.Message}");
            return CommandLine.UsageOrFileError;
        }

        var cellErrors = 0;
        var fileErrors = 0;
        foreach (var (notebook, target) in jobs)
        {
            try
            {
                var result = await NotebookRunner.RunFileAsync(notebook, target, options, cancellationToken);
                cellErrors += result.ErrorCount;
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"attend-notebooks: {e.Message}");
                fileErrors++;
            }
        }

        options.Progress?.WriteLine($"{jobs.Count} notebooks, {cellErrors} failed cells, {fileErrors} unreadable or unwritable notebooks");
        return fileErrors > 0 ? CommandLine.UsageOrFileError
            : cellErrors > 0 ? CommandLine.CellErrors
            : CommandLine.Success;
    }

    /// <summary>The notebooks to run, in order, and where each is written.</summary>
    /// <param name="paths">Notebook files and folders.</param>
    /// <param name="output">An output folder, a single .ipynb file, or null for in place.</param>
    /// <returns>The jobs.</returns>
    /// <exception cref="ArgumentException">A path does not exist or is not a notebook, or a single output file is given for several notebooks.</exception>
    public static List<(string Notebook, string? Output)> Plan(IReadOnlyList<string> paths, string? output)
    {
        var jobs = new List<(string Notebook, string? Relative)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(NotebookFile.IsNotebook)
                    .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains))
                    .Order(StringComparer.Ordinal);
                jobs.AddRange(found.Select(f => (f, (string?)Path.GetRelativePath(path, f))));
            }
            else if (File.Exists(path) && NotebookFile.IsNotebook(path))
            {
                jobs.Add((path, Path.GetFileName(path)));
            }
            else
            {
                throw new ArgumentException(File.Exists(path) ? $"not a notebook (.ipynb or .dib): {path}" : $"no such file or folder: {path}");
            }
        }

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

        return [.. jobs.Select(j => (j.Notebook, (string?)Path.Combine(output, j.Relative!)))];
    }
}
