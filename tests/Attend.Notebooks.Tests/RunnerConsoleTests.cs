using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Tests;

/// <summary>
/// A headless run shows a training cell's progress on its console while the cell runs (issue 13, item 7: chapter
/// 3's training cell printed nothing for a quarter of an hour), and the notebook still gets one output updated in
/// place, with nothing written to the cell's own streams.
/// </summary>
public class RunnerConsoleTests
{
    [Fact]
    public async Task TrainingProgressEchoesToTheRunnersConsoleEveryTenPercentAndAtTheEnd()
    {
        var attend = typeof(Tensor).Assembly.Location.Replace('\\', '/');
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Code($"#r \"{attend}\""));
        notebook.Cells.Add(NotebookCell.Code(LibraryNotebookFixture.ProgressCell));
        var console = new StringWriter { NewLine = "\n" };

        var result = await NotebookRunner.RunAsync(notebook, Fixture.Folder, new NotebookRunOptions { Progress = console });

        Assert.False(result.HasErrors, string.Join("\n", notebook.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>().Select(e => e.Value)));
        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var echoed = lines.Where(l => l.StartsWith("        fit [", StringComparison.Ordinal)).ToList();

        // 20 steps: a line at 2, 4, ..., 18 (each 10 %), then the final one; all before the cell's own line.
        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => $" {2 * i}/20 ({10 * i}%) "), " 20/20 (100%) "], echoed.Select(l => l[l.IndexOf(' ', 13)..(l.IndexOf(')') + 2)]));
        Assert.Contains("done in", echoed[^1]);
        var cellLine = Array.FindIndex(lines, l => l.Contains("[2/2] cell 2", StringComparison.Ordinal));
        Assert.True(cellLine > Array.IndexOf(lines, echoed[^1]), console.ToString());

        var output = Assert.IsType<DisplayDataOutput>(Assert.Single(notebook.Cells[1].Outputs));
        Assert.Contains("20/20 (100%)", output.Text("text/plain"));
        Assert.Null(RunnerConsole.Current); // the run's console ended with the run
    }
}
