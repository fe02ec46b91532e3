using System.Diagnostics;
using System.Globalization;
using System.Net;
using Attend.Notebooks.Documents;
using Attend.Notebooks.Formatting;
using Attend.Notebooks.Packages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;

namespace Attend.Notebooks.Execution;

/// <summary>
/// The C# kernel of one notebook: one Roslyn script state that every cell continues
/// (<c>CSharpScript.RunAsync</c>, then <c>ContinueWithAsync</c>), the real kernel's default imports and
/// <c>using static Microsoft.DotNet.Interactive.Kernel</c>, the notebook's folder as current directory while a
/// cell runs, and the directives and magic commands of Polyglot Notebooks.
/// </summary>
/// <remarks>
/// The current directory is process-wide, so cells of different kernels in one process take turns (a cell holds
/// the directory for as long as it runs). A timed-out cell cannot be aborted (.NET has no thread abort): its code
/// keeps running in the background, its later console writes and displays are dropped, and the next cell
/// continues from the state before it.
/// </remarks>
public sealed class CSharpKernel : IDisposable
{
    /// <summary>The namespaces every cell sees, as in the real kernel.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System",
        "System.Text",
        "System.Collections",
        "System.Collections.Generic",
        "System.Threading.Tasks",
        "System.Linq",
    ];

    private static readonly SemaphoreSlim WorkingDirectoryGate = new(1, 1);

    private readonly ScriptOptions baseOptions;
    private readonly PackageRestorer packages;
    private readonly List<MetadataReference> packageReferences = [];
    private readonly object gate = new();
    private ScriptState<object>? state;

    /// <summary>Creates a kernel whose cells run in <paramref name="workingDirectory"/>.</summary>
    /// <param name="workingDirectory">The notebook's folder: current directory of its cells, base of relative <c>#r</c>, <c>#load</c> and <c>#!import</c> paths.</param>
    /// <param name="options">Package sources and the like; null for the defaults.</param>
    public CSharpKernel(string workingDirectory, KernelOptions? options = null)
    {
        options ??= new KernelOptions();
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        packages = new PackageRestorer(options.PackageSources, options.DotnetPath, options.PackagesFolder);
        baseOptions = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithReferences(ScriptReferences.All)
            .WithImports([.. DefaultImports, typeof(Kernel).FullName!]) // a type name imports its static members
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(WorkingDirectory))
            .WithSourceResolver(new SourceFileResolver([], WorkingDirectory));
    }

    /// <summary>The notebook's folder.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The notebook's formatters (what <c>Formatter.Register</c> in a cell changes).</summary>
    public IFormatterRegistry Formatters { get; } = new FormatterRegistry();

    /// <summary>Runs one C# cell.</summary>
    /// <param name="code">The cell text, directives and magic commands included.</param>
    /// <param name="timeout">The most time the cell may take, or null for no limit.</param>
    /// <param name="cancellationToken">Stops waiting for the cell.</param>
    /// <returns>The outcome and the outputs.</returns>
    public Task<CellResult> ExecuteAsync(string code, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, [], timeout, cancellationToken);

    /// <summary>Runs one C# cell, writing its outputs into <paramref name="outputs"/> (a cell's own output list).</summary>
    /// <param name="code">The cell text, directives and magic commands included.</param>
    /// <param name="outputs">The list that receives the outputs as they happen.</param>
    /// <param name="timeout">The most time the cell may take, or null for no limit.</param>
    /// <param name="cancellationToken">Stops waiting for the cell.</param>
    /// <returns>The outcome and the outputs.</returns>
    public async Task<CellResult> ExecuteAsync(string code, List<CellOutput> outputs, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var collector = new OutputCollector(outputs);
        ConsoleRouter.Install();
        await WorkingDirectoryGate.WaitAsync(cancellationToken);
        var previousDirectory = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = WorkingDirectory;
            await EnsureStartedAsync(cancellationToken); // compiler warm-up is not the cell's time

            var stopwatch = Stopwatch.StartNew();
            var run = new Run(CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
            var task = Task.Run(
                () =>
                {
                    CellContext.Current = new CellContext(Formatters, collector);
                    return RunCellAsync(code, collector, run);
                },
                CancellationToken.None);

            if (timeout is { } limit && await Task.WhenAny(task, Task.Delay(limit, cancellationToken)) != task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                run.Abandon();
                collector.Close();
                collector.AddFinal(ErrorOutput.FromText(
                    $"The cell did not finish within the cell timeout of {Seconds(limit)}. " +
                    "Its code may still be running in the background; later cells see the notebook as it was before this cell."));
                return new CellResult(CellStatus.TimedOut, outputs, stopwatch.Elapsed);
            }

            var succeeded = await task;
            collector.Close();
            run.Dispose();
            return new CellResult(succeeded && !collector.HasError ? CellStatus.Succeeded : CellStatus.Failed, outputs, stopwatch.Elapsed);
        }
        finally
        {
            RestoreDirectory(previousDirectory);
            WorkingDirectoryGate.Release();
        }
    }

    /// <summary>Deletes the temporary package restore folder.</summary>
    public void Dispose() => packages.Dispose();

    private async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (state is null)
        {
            // A submission that binds, emits and runs a little code warms the compiler up, so that the first
            // cell's time (and its timeout) measures the cell; it declares nothing a notebook could see.
            var started = await CSharpScript.RunAsync("_ = Enumerable.Range(0, 1).Select(i => i.ToString()).Count();", baseOptions, cancellationToken: cancellationToken);
            lock (gate)
            {
                state ??= started;
            }
        }
    }

    private async Task<bool> RunCellAsync(string code, OutputCollector outputs, Run run)
    {
        try
        {
            return await RunCodeAsync(code, outputs, run);
        }
        catch (OperationCanceledException) when (run.Token.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            // A failure of the runner itself (an unreadable import, a broken restore) still becomes the cell's error.
            outputs.Add(ErrorOutput.FromText(e.ToString()));
            return false;
        }
    }

    private async Task<bool> RunCodeAsync(string code, OutputCollector outputs, Run run)
    {
        var cell = CellParser.Parse(code);
        if (cell.Errors.Count > 0)
        {
            // Like the real kernel, a cell whose directives do not parse runs nothing.
            outputs.Add(ErrorOutput.FromText(string.Join("\n", cell.Errors)));
            return false;
        }

        foreach (var source in cell.Sources)
        {
            if (!IsAbsoluteSource(source))
            {
                outputs.Add(ErrorOutput.FromText(
                    $"#i \"nuget: {source}\": a relative package source does not work in Polyglot Notebooks (packages are restored " +
                    $"in a temporary folder). Give a feed URL or an absolute folder, such as \"nuget: {Path.GetFullPath(source, WorkingDirectory)}\"."));
                return false;
            }

            packages.AddSource(source);
        }

        if (cell.Packages.Count > 0 && !await RestoreAsync(cell.Packages, outputs, run))
        {
            return false;
        }

        Stopwatch? timer = null;
        foreach (var part in cell.Parts)
        {
            var succeeded = part switch
            {
                CodePart c => await SubmitAsync(c.Code, null, outputs, run),
                MagicPart { Name: "time" } => (timer = Stopwatch.StartNew()) is not null,
                MagicPart { Name: "import" } m => await ImportAsync(m.Arguments, outputs, run),
                KernelPart { Kernel: KernelNames.Markdown } => true, // Markdown text in a code cell is not run
                KernelPart k => Fail(outputs, $"#!{k.Kernel} (line {k.Line + 1}): the headless runner runs C# only; kernel '{k.Kernel}' is not available."),
                _ => Fail(outputs, $"unexpected cell part {part}"),
            };
            if (!succeeded)
            {
                return false;
            }
        }

        if (timer is not null)
        {
            var milliseconds = timer.Elapsed.TotalMilliseconds.ToString("0.####", CultureInfo.InvariantCulture);
            outputs.Add(new DisplayDataOutput(MimeTypes.PlainText, $"Wall time: {milliseconds}ms"));
        }

        return true;
    }

    private async Task<bool> SubmitAsync(string code, string? filePath, OutputCollector outputs, Run run)
    {
        ScriptState<object> current;
        ScriptOptions options;
        lock (gate)
        {
            current = state!;
            options = baseOptions.AddReferences(packageReferences).WithFilePath(filePath ?? "");
        }

        Exception? exception = null;
        ScriptState<object> next;
        try
        {
            next = await current.ContinueWithAsync(code, options, e =>
            {
                exception = e;
                return true; // keep the state up to the exception, as the real kernel does
            }, run.Token);
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
            outputs.Add(ErrorOutput.FromText(string.Join("\n", errors)));
            return false;
        }

        lock (gate)
        {
            if (run.Abandoned)
            {
                return false; // a timed-out cell finishing late must not replace the state later cells built on
            }

            state = next;
        }

        if (exception is not null)
        {
            outputs.Add(ErrorOutput.FromText(exception.ToString()));
            return false;
        }

        // A trailing expression (no semicolon) has a submission result; a void call or a statement has none.
        if (HasTrailingValue(next.Script.GetCompilation(), filePath ?? "") && next.ReturnValue is not DisplayedValue)
        {
            Displays.Show(next.ReturnValue, [], CellContext.Current);
        }

        return true;
    }

    private async Task<bool> RestoreAsync(IReadOnlyList<PackageRequest> requests, OutputCollector outputs, Run run)
    {
        var result = await packages.RestoreAsync(requests, run.Token);
        if (result.Error is not null)
        {
            return Fail(outputs, result.Error);
        }

        lock (gate)
        {
            packageReferences.AddRange(result.NewAssemblies.Select(path => MetadataReference.CreateFromFile(path)));
        }

        // The display the real kernel shows (and VS Code saves) after a restore.
        var items = string.Concat(result.Installed.Select(p => $"<li><span>{WebUtility.HtmlEncode(p.Name)}, {WebUtility.HtmlEncode(p.Version)}</span></li>"));
        outputs.Add(new DisplayDataOutput(MimeTypes.Html, $"<div><div></div><div></div><div><strong>Installed Packages</strong><ul>{items}</ul></div></div>"));
        return true;
    }

    private async Task<bool> ImportAsync(string path, OutputCollector outputs, Run run)
    {
        var fullPath = Path.GetFullPath(path, WorkingDirectory);
        if (path.Length == 0 || !File.Exists(fullPath))
        {
            return Fail(outputs, $"#!import: file not found: '{path}' (relative paths resolve against the notebook's folder, {WorkingDirectory})");
        }

        if (!run.Importing.Add(fullPath))
        {
            return Fail(outputs, $"#!import {path}: the file imports itself (directly or through other imports).");
        }

        try
        {
            return await ImportFileAsync(path, fullPath, outputs, run);
        }
        finally
        {
            run.Importing.Remove(fullPath);
        }
    }

    private async Task<bool> ImportFileAsync(string path, string fullPath, OutputCollector outputs, Run run)
    {
        if (NotebookFile.IsNotebook(fullPath))
        {
            // Each C# cell of the imported notebook runs in this notebook's state; its outputs become this cell's.
            foreach (var cell in NotebookFile.Load(fullPath).Cells.Where(c => c.Kind == CellKind.Code && c.KernelName != KernelNames.Markdown))
            {
                if (!cell.IsCSharp)
                {
                    return Fail(outputs, $"#!import {path}: a cell uses kernel '{cell.KernelName}'; the headless runner runs C# only.");
                }

                if (!await RunCodeAsync(cell.Source, outputs, run))
                {
                    return false;
                }
            }

            return true;
        }

        if (Path.GetExtension(fullPath) is ".cs" or ".csx")
        {
            // Compiled as script code, like a cell (so no namespaces); errors name the file.
            return await SubmitAsync(await File.ReadAllTextAsync(fullPath, run.Token), fullPath, outputs, run);
        }

        return Fail(outputs, $"#!import: unrecognized extension for a notebook: {Path.GetExtension(fullPath)} (expected .ipynb, .dib, .cs or .csx)");
    }

    private static bool HasTrailingValue(Compilation compilation, string filePath)
    {
        // A trailing expression without semicolon is the submission's value, unless it is a void call.
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == filePath) ?? compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root
            || root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is null || type.SpecialType != SpecialType.System_Void;
    }

    private static bool Fail(OutputCollector outputs, string message)
    {
        outputs.Add(ErrorOutput.FromText(message));
        return false;
    }

    private static bool IsAbsoluteSource(string source) =>
        Path.IsPathFullyQualified(source)
        || (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static void RestoreDirectory(string directory)
    {
        try
        {
            Environment.CurrentDirectory = directory;
        }
        catch (IOException)
        {
            // The previous directory was deleted meanwhile; staying in the notebook's folder is harmless.
        }
    }

    /// <summary>One cell's run: its cancellation and whether the kernel gave up waiting for it.</summary>
    private sealed class Run(CancellationTokenSource cancellation) : IDisposable
    {
        private volatile bool abandoned;

        public CancellationToken Token { get; } = cancellation.Token;

        public bool Abandoned => abandoned;

        /// <summary>The files being imported, innermost last: a file met twice imports itself.</summary>
        public HashSet<string> Importing { get; } = new(StringComparer.Ordinal);

        public void Abandon()
        {
            abandoned = true;
            cancellation.Cancel(); // stops a restore in progress; script code is not cancellable
        }

        public void Dispose() => cancellation.Dispose();
    }
}
