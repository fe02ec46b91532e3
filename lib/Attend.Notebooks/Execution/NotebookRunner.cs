using System.Globalization;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Execution;

/// <summary>
/// Runs notebooks headless, as VS Code's "Run All" would: every C# code cell in order in one real .NET Interactive
/// kernel (<see cref="NotebookKernel"/>) whose current directory is the notebook's folder, outputs written VS Code style with
/// execution counts 1..N. Markdown cells (and code cells whose kernel is Markdown) are left as they are.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs a notebook file and writes the executed notebook.</summary>
    /// <param name="path">A .ipynb or .dib file.</param>
    /// <param name="outputPath">
    /// Where to write the executed notebook; null writes a .ipynb in place. A .dib cannot hold outputs: it is
    /// written as .ipynb to <paramref name="outputPath"/> (extension changed), and not at all when that is null.
    /// </param>
    /// <param name="options">Timeout, stop-at-first-error, quick mode, progress.</param>
    /// <param name="cancellationToken">Stops the run between cells.</param>
    /// <returns>The outcome.</returns>
    public static async Task<NotebookRunResult> RunFileAsync(string path, string? outputPath, NotebookRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var notebook = NotebookFile.Load(path);
        options.Progress?.WriteLine(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var result = await RunAsync(notebook, folder, options, cancellationToken);

        var target = outputPath ?? (NotebookFile.IsDib(path) ? null : path);
        if (target is not null && NotebookFile.IsDib(target))
        {
            target = Path.ChangeExtension(target, ".ipynb");
        }

        if (target is not null)
        {
            NotebookFile.Save(notebook, target);
        }

        var summary = $"  {result.Cells.Count} code cells, {result.ErrorCount} failed, {Seconds(result.Cells.Sum(c => c.Result.Duration.TotalSeconds))}";
        options.Progress?.WriteLine(target is null ? summary + " (a .dib keeps no outputs: give an output path to save them as .ipynb)" : $"{summary} -> {target}");
        return result with { SourcePath = path, OutputPath = target };
    }

    /// <summary>Runs a notebook in memory; its cells receive the new outputs and execution counts.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="workingDirectory">The notebook's folder (current directory of its cells).</param>
    /// <param name="options">Timeout, stop-at-first-error, quick mode, progress.</param>
    /// <param name="cancellationToken">Stops the run between cells.</param>
    /// <returns>The outcome.</returns>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, string workingDirectory, NotebookRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var codeCells = notebook.Cells
            .Select((cell, index) => (Cell: cell, Index: index))
            .Where(c => c.Cell.Kind == CellKind.Code && c.Cell.KernelName != KernelNames.Markdown)
            .ToList();
        var results = new List<CellRunResult>();

        // Cells see the run's console through RunnerConsole (training progress echoes there) while this kernel runs them.
        using var quick = options.Quick ? new EnvironmentScope(NotebookRunOptions.QuickVariable, "1") : null;
        using var kernel = new NotebookKernel(workingDirectory, options.Progress);
        foreach (var source in options.PackageSources)
        {
            await kernel.AddPackageSourceAsync(source, cancellationToken);
        }

        var executionCount = 0;
        var stopped = false;
        foreach (var (cell, index) in codeCells)
        {
            lock (cell.Outputs)
            {
                cell.Outputs.Clear();
            }

            CellResult result;
            if (stopped)
            {
                cell.ExecutionCount = null;
                result = new CellResult(CellStatus.Skipped, cell.Outputs, TimeSpan.Zero);
            }
            else
            {
                cell.ExecutionCount = ++executionCount;
                result = cell.IsCSharp
                    ? await kernel.ExecuteAsync(cell.Source, cell.Outputs, executionCount, options.CellTimeout, cancellationToken)
                    : NotCSharp(cell);
                stopped = options.StopOnError && result.IsError;
            }

            results.Add(new CellRunResult(index, result));
            options.Progress?.WriteLine(ProgressLine(results.Count, codeCells.Count, index, cell, result));
            if (result.IsError)
            {
                WriteErrorPreview(options.Progress, result);
            }
        }

        return new NotebookRunResult(notebook, results);
    }

    private static CellResult NotCSharp(NotebookCell cell)
    {
        cell.Outputs.Add(ErrorOutput.FromText($"The headless runner runs C# cells only; this cell's kernel is '{cell.KernelName}'."));
        return new CellResult(CellStatus.Failed, cell.Outputs, TimeSpan.Zero);
    }

    private static string ProgressLine(int number, int count, int index, NotebookCell cell, CellResult result)
    {
        var status = result.Status switch
        {
            CellStatus.Succeeded => "ok",
            CellStatus.Failed => "error",
            CellStatus.TimedOut => "timeout",
            _ => "skipped",
        };
        var firstLine = cell.Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        if (firstLine.Length > 60)
        {
            firstLine = firstLine[..57] + "...";
        }

        return $"  [{number}/{count}] cell {index + 1,-3} {status,-7} {Seconds(result.Duration.TotalSeconds),8}  {firstLine}";
    }

    private static void WriteErrorPreview(TextWriter? progress, CellResult result)
    {
        // The first lines of the error, so that a CI log says what failed without opening the notebook.
        ErrorOutput? error;
        lock (result.Outputs)
        {
            error = result.Outputs.OfType<ErrorOutput>().FirstOrDefault();
        }

        if (progress is null || error is null)
        {
            return;
        }

        var lines = error.Value.Split('\n');
        foreach (var line in lines.Take(3))
        {
            progress.WriteLine("        " + line.TrimEnd('\r'));
        }

        if (lines.Length > 3)
        {
            progress.WriteLine($"        ... ({lines.Length - 3} more lines in the notebook)");
        }
    }

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Sets an environment variable for the duration of a run, then restores it.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly string name;
        private readonly string? previous;

        public EnvironmentScope(string name, string value)
        {
            this.name = name;
            previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
    }
}
