using Attend.Notebooks.Cli;
using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Tests;

/// <summary>Whole notebooks: execution counts, writing, timeout, stop-at-first-error, quick mode, exit codes.</summary>
public class NotebookRunnerTests
{
    private static Notebook Cells(params string[] sources)
    {
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Markdown("# Title"));
        notebook.Cells.AddRange(sources.Select(NotebookCell.Code));
        return notebook;
    }

    [Fact]
    public async Task CellsRunInOrderWithExecutionCountsAndProgressLines()
    {
        var notebook = Cells("var x = 20;", "(x + 1).ToString()", "// nothing to show");
        notebook.Cells.Add(NotebookCell.Code("Console.Write(x * 2);"));
        var progress = new StringWriter();

        var result = await NotebookRunner.RunAsync(notebook, Fixture.Folder, new NotebookRunOptions { Progress = progress });

        Assert.False(result.HasErrors);
        Assert.Equal([null, 1, 2, 3, 4], notebook.Cells.Select(c => c.ExecutionCount));
        Assert.Equal("21", Outputs.Plain(Assert.Single(notebook.Cells[2].Outputs)));
        Assert.Empty(notebook.Cells[3].Outputs);
        Assert.Equal("40", Assert.IsType<StreamOutput>(Assert.Single(notebook.Cells[4].Outputs)).Text);
        var lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^  \[2/4\] cell 3   ok +\d+\.\d s  \(x \+ 1\)\.ToString\(\)$", lines[1].TrimEnd('\r'));
    }

    [Fact]
    public async Task ATimedOutCellIsAnErrorAndTheRunContinuesFromTheStateBeforeIt()
    {
        var notebook = Cells("var before = \"1\";", "var during = 2;\nawait Task.Delay(600_000);", "before");

        var result = await NotebookRunner.RunAsync(notebook, Fixture.Folder, new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(20) }); // generous: the other cells must finish even on a loaded machine

        Assert.True(result.Cells[2].Result.Status == CellStatus.Succeeded, string.Join("\n", notebook.Cells[3].Outputs.OfType<ErrorOutput>().Select(e => e.Value)));
        Assert.Equal([CellStatus.Succeeded, CellStatus.TimedOut, CellStatus.Succeeded], result.Cells.Select(c => c.Result.Status));
        Assert.Contains("did not finish within the cell timeout of 20 s", Outputs.Error(notebook.Cells[2].Outputs).Value);
        Assert.Equal("1", Outputs.Plain(Assert.Single(notebook.Cells[3].Outputs)));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public async Task StopOnErrorLeavesLaterCellsWithoutOutputsOrCounts()
    {
        var notebook = Cells("1", "throw new Exception(\"stop\");", "2");
        notebook.Cells[3].Outputs.Add(new StreamOutput("stdout", "stale output of an earlier run"));

        var result = await NotebookRunner.RunAsync(notebook, Fixture.Folder, new NotebookRunOptions { StopOnError = true });

        Assert.Equal([CellStatus.Succeeded, CellStatus.Failed, CellStatus.Skipped], result.Cells.Select(c => c.Result.Status));
        Assert.True(result.Stopped);
        Assert.Empty(notebook.Cells[3].Outputs);
        Assert.Equal([null, 1, 2, null], notebook.Cells.Select(c => c.ExecutionCount));
    }

    [Fact]
    public async Task WithoutStopOnErrorEveryCellRuns()
    {
        var result = await NotebookRunner.RunAsync(Cells("throw new Exception(\"one\");", "2"), Fixture.Folder);

        Assert.Equal([CellStatus.Failed, CellStatus.Succeeded], result.Cells.Select(c => c.Result.Status));
        Assert.Equal(1, result.ErrorCount);
    }

    [Fact]
    public async Task QuickModeSetsTheVariableOnlyDuringTheRun()
    {
        var before = Environment.GetEnvironmentVariable("ATTEND_QUICK");
        var notebook = Cells("Environment.GetEnvironmentVariable(\"ATTEND_QUICK\") == \"1\" ? \"2\" : \"30\"");

        await NotebookRunner.RunAsync(notebook, Fixture.Folder, new NotebookRunOptions { Quick = true });

        Assert.Equal("2", Outputs.Plain(Assert.Single(notebook.Cells[1].Outputs)));
        Assert.Equal(before, Environment.GetEnvironmentVariable("ATTEND_QUICK"));
    }

    [Fact]
    public async Task TheCommandLineWritesOutputsToAFolderAndExitsNonZeroWhenACellFailed()
    {
        var folder = Fixture.TempFolder();
        var source = Path.Combine(folder, "in");
        Directory.CreateDirectory(Path.Combine(source, "part2"));
        Directory.CreateDirectory(Path.Combine(source, "bin"));
        NotebookFile.Save(Cells("display(\"one\");"), Path.Combine(source, "a.ipynb"));
        File.WriteAllText(Path.Combine(source, "part2", "b.dib"), "#!csharp\n\nthrow new Exception(\"bad\");\n");
        File.WriteAllText(Path.Combine(source, "bin", "ignored.ipynb"), "not even json");
        var output = Path.Combine(folder, "out");
        var log = new StringWriter();

        var failing = await CommandLine.InvokeAsync(["run", source, "--output", output, "--timeout", "60"], log, log);
        var passing = await CommandLine.InvokeAsync(["run", Path.Combine(source, "a.ipynb"), "--quick"], log, log);
        var missing = await CommandLine.InvokeAsync(["run", Path.Combine(folder, "nope.ipynb")], log, log);

        Assert.Equal((2, 0, 1), (failing, passing, missing));
        var a = NotebookFile.Load(Path.Combine(output, "a.ipynb"));
        Assert.Equal("one", Outputs.Plain(Assert.Single(a.Cells[1].Outputs)));
        var b = NotebookFile.Load(Path.Combine(output, "part2", "b.ipynb"));
        Assert.StartsWith("System.Exception: bad", Outputs.Error(b.Cells[0].Outputs).Value);
        Assert.Contains("no such file or folder", log.ToString());
        Assert.Equal(1, NotebookFile.Load(Path.Combine(source, "a.ipynb")).Cells[1].ExecutionCount); // in place on the second run
    }

    [Fact]
    public void ASingleOutputFileNeedsASingleNotebook()
    {
        var plan = RunCommand.Plan([Fixture.Path_("polyglot.dib")], "/tmp/x/run.ipynb");

        Assert.Equal(("/tmp/x/run.ipynb"), Assert.Single(plan).Output);
        Assert.Throws<ArgumentException>(() => RunCommand.Plan([Fixture.Path_("polyglot.dib"), Fixture.Path_("vscode-unexecuted.ipynb")], "/tmp/x/run.ipynb"));
    }
}
