using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Tests;

/// <summary>
/// A notebook that loads the built Attend.dll with <c>#r</c>, as a chapter does, run once through the runner and
/// saved: tensors and the training progress render through the library's formatter source, found by convention.
/// </summary>
public sealed class LibraryNotebookFixture : IAsyncLifetime
{
    public const string ProgressCell = """
        var progress = Attend.Display.TrainingProgress.Start(20, "fit", totalEpochs: 2);
        for (var step = 1; step <= 20; step++)
        {
            await Task.Delay(25); // long enough for a throttled update or two in between
            progress.Report(step, 1f / step, epoch: ((step - 1) / 10) + 1);
        }

        progress.Finish();
        """;

    public Notebook Saved { get; private set; } = Notebook.CreateCSharp();

    public async Task InitializeAsync()
    {
        var attend = typeof(Tensor).Assembly.Location.Replace('\\', '/');
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Code($"#r \"{attend}\""));
        notebook.Cells.Add(NotebookCell.Code("var t = Attend.torch.tensor(new float[] { 1, 2, 3 });\nt"));
        notebook.Cells.Add(NotebookCell.Code("display(Attend.torch.zeros(2, 2));"));
        notebook.Cells.Add(NotebookCell.Code(ProgressCell));

        var result = await NotebookRunner.RunAsync(notebook, Fixture.Folder);

        Assert.False(result.HasErrors, string.Join("\n", notebook.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>().Select(e => e.Value)));
        Saved = IpynbFormat.Read(IpynbFormat.Write(notebook));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public class LibraryNotebookTests(LibraryNotebookFixture fixture) : IClassFixture<LibraryNotebookFixture>
{
    [Fact]
    public void ATrailingTensorAndADisplayedOneShowAsHtmlAndAsTheirPyTorchRepr()
    {
        var trailing = Assert.IsType<DisplayDataOutput>(Assert.Single(fixture.Saved.Cells[1].Outputs));
        Assert.Equal(["text/html", "text/plain"], trailing.Data.Keys);
        Assert.Equal("tensor([1., 2., 3.])", trailing.Text("text/plain"));
        Assert.Contains("<div class=\"attend-tensor\">", trailing.Text("text/html"));

        var displayed = Assert.IsType<DisplayDataOutput>(Assert.Single(fixture.Saved.Cells[2].Outputs));
        Assert.Equal(["text/html", "text/plain"], displayed.Data.Keys);
        Assert.Equal("tensor([[0., 0.],\n        [0., 0.]])", displayed.Text("text/plain"));
    }

    [Fact]
    public void TrainingProgressIsOneOutputUpdatedInPlaceToItsFinalState()
    {
        var output = Assert.IsType<DisplayDataOutput>(Assert.Single(fixture.Saved.Cells[3].Outputs));

        Assert.Equal(["text/html", "text/plain"], output.Data.Keys);
        Assert.StartsWith("fit [████████████████████] 20/20 (100%) · epoch 2/2 · loss 0.0500 · smoothed ", output.Text("text/plain"));
        Assert.Contains(" · done in 00:0", output.Text("text/plain"));
        Assert.Contains("<polyline", output.Text("text/html"));
        Assert.Contains("20/20 (100%)", output.Text("text/html"));
    }
}
