using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

/// <summary>
/// The course in Jupyter with the real .NET kernel (issue 13, items 2 and 3): a training cell's progress is one
/// output that ends at its final state, chapter 1 runs in quick mode without an error output, the kernel listens on
/// loopback only, and what the course's runner writes passes Jupyter's own <c>nbformat</c> validator. Few and fast: one
/// kernel start per test.
/// </summary>
public class JupyterKernelTests
{
    private static string ProgressNotebook => Path.Combine(JupyterKernel.Root, "tests", "Attend.Notebooks.Tests", "Fixtures", "kernel", "progress.ipynb");

    [JupyterFact]
    public async Task ProgressIsOneOutputEndingAtItsFinalStateAndTheKernelListensOnLoopbackOnly()
    {
        CourseNotebookTests.EnsureLibraryBuilt();
        var (output, log, listeners) = await JupyterKernel.ExecuteAsync(ProgressNotebook, Path.GetDirectoryName(ProgressNotebook)!, listListeners: true);

        var executed = IpynbFormat.Read(File.ReadAllText(output));
        Assert.Empty(executed.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>());
        var training = executed.Cells[2];
        var progress = Assert.IsType<DisplayDataOutput>(Assert.Single(training.Outputs)); // not one per frame
        Assert.StartsWith("fit [████████████████████] 200/200 (100%) · epoch 2/2 · loss 0.0050", progress.Text("text/plain"));
        Assert.Contains("done in", progress.Text("text/plain"));
        Assert.Contains("200/200 (100%)", progress.Text("text/html"));
        // Batch: the kernel spec turns the background collector off (DOTNET_gcConcurrent=0), as the course's runner does.
        Assert.Equal("steps 200, quick True, gc Batch\n", Assert.IsType<StreamOutput>(Assert.Single(executed.Cells[3].Outputs)).Text);

        // ZeroMQ's sockets and the kernel's HTTP listener (--http-local-only): every one on loopback.
        var addresses = listeners!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.True(a.StartsWith("127.", StringComparison.Ordinal) || a.StartsWith("[::1]", StringComparison.Ordinal),
            $"the kernel listens on {a}, beyond loopback:\n{listeners}\n{log}"));
    }

    [JupyterFact]
    public async Task ChapterOneRunsInQuickModeWithoutAnErrorOutput()
    {
        CourseNotebookTests.EnsureLibraryBuilt();
        var notebooks = Path.Combine(JupyterKernel.Root, "notebooks");
        var (output, log, _) = await JupyterKernel.ExecuteAsync(Path.Combine(notebooks, "01-tensors-and-autograd.ipynb"), notebooks);

        var executed = IpynbFormat.Read(File.ReadAllText(output));
        var errors = executed.Cells.SelectMany((cell, i) => cell.Outputs.OfType<ErrorOutput>().Select(e => $"cell {i}: {e.Value}"))
            .Concat(executed.Cells.SelectMany((cell, i) => cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == StreamOutput.StdErr).Select(s => $"cell {i} stderr: {s.Text}")))
            .ToList();
        Assert.True(errors.Count == 0, $"chapter 1 in Jupyter has error outputs:\n{string.Join("\n", errors)}\n{log}");
        Assert.All(executed.Cells.Where(c => c.Kind == CellKind.Code), c => Assert.NotNull(c.ExecutionCount));
        Assert.Contains(executed.Cells, c => c.Outputs.OfType<DisplayDataOutput>().Any(d => d.Text("text/plain")?.Contains("(100%)") == true));
    }

    [JupyterFact]
    public async Task WhatTheRunnerWritesPassesNbformatValidation()
    {
        CourseNotebookTests.EnsureLibraryBuilt();
        var output = Path.Combine(Fixture.TempFolder(), "progress.ipynb");
        var cli = Path.Combine(AppContext.BaseDirectory, "attend-notebooks.dll");
        var (code, log) = await JupyterKernel.RunAsync("dotnet", [cli, "run", ProgressNotebook, "--quick", "--output", output], JupyterKernel.Root, [], TimeSpan.FromMinutes(5));
        Assert.True(code == 0, log);

        (code, log) = await JupyterKernel.RunAsync(JupyterKernel.Python,
            ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", output],
            JupyterKernel.Root, [], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, "nbformat refused what the runner wrote:\n" + log);
        var progress = Assert.IsType<DisplayDataOutput>(Assert.Single(IpynbFormat.Read(File.ReadAllText(output)).Cells[2].Outputs));
        Assert.Contains("200/200 (100%)", progress.Text("text/plain"));
    }
}
