using System.CommandLine;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Cli;

/// <summary>The commands of <c>attend-notebooks</c>.</summary>
public static class CommandLine
{
    /// <summary>Exit code: every cell of every notebook ran without error.</summary>
    public const int Success = 0;

    /// <summary>Exit code: a notebook could not be found, read or written, or the arguments are wrong.</summary>
    public const int UsageOrFileError = 1;

    /// <summary>Exit code: some cell failed or timed out (as dotnet-repl's 2).</summary>
    public const int CellErrors = 2;

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where progress goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks (.ipynb, .dib) or folders; a folder runs every notebook below it, in path order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outputOption = new Option<string?>("--output", "-o")
        {
            Description = "Write executed notebooks to this folder (mirroring the folders given), or to this .ipynb file for a single notebook. Default: in place.",
        };
        var quick = new Option<bool>("--quick")
        {
            Description = "Quick mode for CI: sets ATTEND_QUICK=1, which notebooks read through Attend.Course.Quick to shrink training.",
        };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Per-cell timeout in seconds; a cell running longer gets an error output.",
        };
        var stopOnError = new Option<bool>("--stop-on-error")
        {
            Description = "Stop a notebook at its first failed cell (later cells are left without outputs).",
        };
        var sources = new Option<string[]>("--source")
        {
            Description = "An extra NuGet package source for #r \"nuget: ...\" (repeatable).",
        };

        var html = new Option<string?>("--html")
        {
            Description = "Also export the executed notebooks as static HTML into this folder: a page each, index.html, assets/.",
        };

        var run = new Command("run", "Run notebooks headless and write their outputs as VS Code does.")
        {
            notebooks, outputOption, quick, timeout, stopOnError, sources, html,
        };
        run.SetAction((parse, cancellationToken) =>
        {
            var options = new NotebookRunOptions
            {
                Quick = parse.GetValue(quick),
                StopOnError = parse.GetValue(stopOnError),
                CellTimeout = parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Progress = output,
                PackageSources = parse.GetValue(sources) ?? [],
            };
            return RunCommand.ExecuteAsync(parse.GetValue(notebooks) ?? [], parse.GetValue(outputOption), options, error, cancellationToken,
                parse.GetValue(html));
        });

        // export shares the notebooks argument's meaning but not its instance: an argument belongs to one command.
        var exportNotebooks = new Argument<string[]>("notebooks")
        {
            Description = "Executed notebooks (.ipynb, .dib) or folders, exported as saved (not run), in path order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var exportHtml = new Option<string>("--html")
        {
            Description = "The folder for the static HTML export: a page each, index.html, assets/.",
            Required = true,
        };
        var export = new Command("export", "Export already-executed notebooks as static HTML pages with a contents page, without running them.")
        {
            exportNotebooks, exportHtml,
        };
        export.SetAction((parse, _) =>
            ExportCommand.ExecuteAsync(parse.GetValue(exportNotebooks) ?? [], parse.GetValue(exportHtml)!, output, error));

        var root = new RootCommand("The course's headless notebook runner (Polyglot Notebooks, C#).") { run, export };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
