using System.Diagnostics;
using System.Globalization;
using Attend.Notebooks.Documents;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Attend.Notebooks.Execution;

/// <summary>
/// The real .NET Interactive kernel of one notebook, hosted in-process: a <see cref="CSharpKernel"/> with the kernel
/// helpers (<c>display</c>, <c>HTML</c>, ...) and the <c>#r "nuget: ..."</c> and <c>#i</c> directives, inside a
/// <see cref="CompositeKernel"/>, as the <c>dotnet-interactive</c> tool that VS Code and Jupyter start builds it. Each cell is one <see cref="SubmitCode"/>; the kernel's events become the cell's outputs the
/// way Polyglot Notebooks saves them: <c>display_data</c>, <c>execute_result</c> (a trailing expression),
/// <c>stream</c> (stdout, stderr) and <c>error</c>.
/// </summary>
/// <remarks>
/// The notebook's folder is the process's current directory while a cell runs (the kernel resolves <c>#r</c> and
/// <c>#load</c> paths against it, as it does in VS Code and Jupyter, which start the kernel there). The current
/// directory is process-wide, so cells of different notebooks in one process take turns. A timed-out cell is
/// cancelled through the kernel (<see cref="Cancel"/>); code that does not observe cancellation keeps running in the
/// background and its later outputs are dropped.
/// </remarks>
public sealed class NotebookKernel : IDisposable
{
    private static readonly SemaphoreSlim WorkingDirectoryGate = new(1, 1);

    private readonly CompositeKernel kernel;
    private readonly IDisposable subscription;
    private readonly KernelOutputs outputs = new();
    private bool warmedUp;

    /// <summary>Starts a kernel whose cells run in <paramref name="workingDirectory"/>.</summary>
    /// <param name="workingDirectory">The notebook's folder: current directory of its cells, base of relative <c>#r</c> paths.</param>
    /// <param name="console">The run's console, where <see cref="RunnerConsole.Current"/> points while this kernel's cells run; null for none.</param>
    public NotebookKernel(string workingDirectory, TextWriter? console = null)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        // As the dotnet-interactive tool builds its C# kernel: restored packages' assemblies become references, and the
        // kernel extensions they carry are loaded.
        var csharp = new CSharpKernel().UseKernelHelpers().UseNugetDirective(async (k, packages) =>
        {
            k.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            await KernelExtensionLoader.LoadAsync(k.RootKernel, packages);
        });
        kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        subscription = kernel.KernelEvents.Subscribe(outputs.OnEvent);
        RunnerConsole.Register(kernel, console);
    }

    /// <summary>The notebook's folder.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Runs one C# cell, writing its outputs into <paramref name="cellOutputs"/> (a cell's own output list) as they happen.</summary>
    /// <param name="code">The cell text, directives and magic commands included.</param>
    /// <param name="cellOutputs">The list that receives the outputs; locked while written.</param>
    /// <param name="executionCount">The cell's execution count (saved with an <c>execute_result</c>).</param>
    /// <param name="timeout">The most time the cell may take, or null for no limit.</param>
    /// <param name="cancellationToken">Stops waiting for the cell.</param>
    /// <returns>The outcome.</returns>
    public async Task<CellResult> ExecuteAsync(string code, List<CellOutput> cellOutputs, int executionCount, TimeSpan? timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(cellOutputs);
        await WorkingDirectoryGate.WaitAsync(cancellationToken);
        var previousDirectory = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = WorkingDirectory;
            await WarmUpAsync(); // the compiler's first start is not the cell's time

            var stopwatch = Stopwatch.StartNew();
            var cell = outputs.Begin(cellOutputs, executionCount);
            var run = kernel.SendAsync(new SubmitCode(code), cancellationToken);
            if (timeout is { } limit && await Task.WhenAny(run, Task.Delay(limit, cancellationToken)) != run)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outputs.End(); // later writes of the abandoned code are dropped
                // Awaited, then empty submissions until one succeeds: the kernel also reports the submission right after
                // a Cancel as cancelled (seen here), which must not be the next cell.
                await kernel.SendAsync(new Cancel(), CancellationToken.None);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var flush = await kernel.SendAsync(new SubmitCode("// after a cancelled cell"), CancellationToken.None);
                    if (!flush.Events.OfType<CommandFailed>().Any())
                    {
                        break;
                    }
                }
                cell.AddFinal(ErrorOutput.FromText(
                    $"The cell did not finish within the cell timeout of {Seconds(limit)}. " +
                    "It was cancelled; code that does not observe cancellation may still be running in the background."));
                return new CellResult(CellStatus.TimedOut, cellOutputs, stopwatch.Elapsed);
            }

            var result = await run;
            outputs.End();
            var failed = result.Events.OfType<CommandFailed>().Any() || cell.HasError;
            return new CellResult(failed ? CellStatus.Failed : CellStatus.Succeeded, cellOutputs, stopwatch.Elapsed);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            WorkingDirectoryGate.Release();
        }
    }

    /// <summary>Adds a NuGet package source for the cells' <c>#r "nuget: ..."</c> (the kernel's <c>#i "nuget: SOURCE"</c>).</summary>
    /// <param name="source">A feed URL or a local folder.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the kernel has taken the source.</returns>
    /// <exception cref="ArgumentException">The kernel refused the source.</exception>
    public async Task AddPackageSourceAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var result = await kernel.SendAsync(new SubmitCode($"#i \"nuget: {source}\""), cancellationToken);
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
        {
            throw new ArgumentException($"the kernel refused the package source '{source}': {failed.Message}", nameof(source));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        RunnerConsole.Register(kernel, null);
        subscription.Dispose();
        kernel.Dispose();
    }

    private async Task WarmUpAsync()
    {
        if (warmedUp)
        {
            return;
        }

        warmedUp = true;
        // No cell is open, so the kernel's events for this submission make no output.
        await kernel.SendAsync(new SubmitCode("// warm-up"));
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
