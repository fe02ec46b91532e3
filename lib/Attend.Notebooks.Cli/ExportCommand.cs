using Attend.Notebooks.Documents;
using Attend.Notebooks.Export;

namespace Attend.Notebooks.Cli;

/// <summary>
/// <c>attend-notebooks export</c>: writes already-executed notebooks as static HTML (one page each, a contents
/// page, the assets) without running them; <c>run --html</c> does the same after running.
/// </summary>
public static class ExportCommand
{
    /// <summary>The contents page's introduction (Markdown): what the course is and how to run it yourself.</summary>
    public const string CourseIntroduction =
        "A chapter-per-notebook course on attention and memory-augmented neural networks, in C#. Each chapter " +
        "derives a mechanism, implements it with **Attend** (the course's library, whose code the chapter shows), " +
        "trains it on a real task, visualizes what it learned and ends with exercises. These pages show each " +
        "notebook with the outputs of its last run. To run the chapters yourself, open `notebooks/*.ipynb` in " +
        "VS Code (Polyglot Notebooks) or in Jupyter with the .NET kernel, as `environment.md` describes, or run " +
        "them all headless with `attend-notebooks run notebooks` (add `--quick` for a short run).";

    /// <summary>Exports the notebooks named by <paramref name="paths"/> as they are saved.</summary>
    /// <param name="paths">Notebook files and folders (pages mirror the folders, as <c>run --output</c> does).</param>
    /// <param name="html">The export folder.</param>
    /// <param name="progress">Where progress goes, or null.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The exit code: <see cref="CommandLine.Success"/>, or <see cref="CommandLine.UsageOrFileError"/> when a notebook could not be read or a page written.</returns>
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> paths, string html, TextWriter? progress, TextWriter error)
    {
        List<(string Notebook, string Relative)> found;
        try
        {
            found = RunCommand.Find(paths);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"attend-notebooks: {e.Message}");
            return CommandLine.UsageOrFileError;
        }

        var loaded = new List<(Notebook Notebook, string Relative)>();
        var fileErrors = 0;
        foreach (var (path, relative) in found)
        {
            try
            {
                loaded.Add((NotebookFile.Load(path), relative));
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"attend-notebooks: {e.Message}");
                fileErrors++;
            }
        }

        var written = await WritePagesAsync(loaded, html, progress, error);
        return fileErrors == 0 && written ? CommandLine.Success : CommandLine.UsageOrFileError;
    }

    /// <summary>Writes the pages of loaded notebooks, their contents page and the assets into <paramref name="html"/>.</summary>
    /// <param name="notebooks">The notebooks in chapter order, with their paths relative to the export.</param>
    /// <param name="html">The export folder.</param>
    /// <param name="progress">Where progress goes, or null.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>Whether everything was written.</returns>
    public static async Task<bool> WritePagesAsync(IReadOnlyList<(Notebook Notebook, string Relative)> notebooks, string html,
        TextWriter? progress, TextWriter error)
    {
        try
        {
            var pages = HtmlExporter.Export(notebooks, html, introduction: CourseIntroduction);
            progress?.WriteLine($"{pages.Count} pages -> {Path.Combine(html, HtmlExporter.IndexPage)}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"attend-notebooks: cannot write the HTML export to {html}: {e.Message}");
            return false;
        }
    }
}
