using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Tests;

/// <summary>
/// How the real kernel's events become a cell's outputs (one shared <see cref="NotebookKernel"/>: cells build on each
/// other only where said).
/// </summary>
public class KernelOutputTests(KernelFixture fixture) : IClassFixture<KernelFixture>
{
    [Fact]
    public async Task ATrailingExpressionIsAnExecuteResultAndAStatementIsNot()
    {
        var output = Assert.IsType<DisplayDataOutput>(Assert.Single(await fixture.RunOkAsync("var answer = 6 * 7;\nanswer")));
        Assert.True(output.IsExecuteResult);
        Assert.NotNull(output.ExecutionCount);
        Assert.Contains("42", output.Text("text/plain") ?? output.Text("text/html"));
        Assert.Empty(await fixture.RunOkAsync("var unused = 1;"));
    }

    [Fact]
    public async Task DisplayAddsOutputsInOrder()
    {
        var outputs = await fixture.RunOkAsync("display(\"first\");\n\"second\".Display();\ndisplay(HTML(\"<b>bold</b>\"));");

        Assert.Equal(3, outputs.Count);
        Assert.Equal("first", Outputs.Plain(outputs[0]));
        Assert.Equal("second", Outputs.Plain(outputs[1]));
        Assert.Equal("<b>bold</b>", Assert.IsType<DisplayDataOutput>(outputs[2]).Text("text/html"));
        Assert.All(outputs, o => Assert.False(((DisplayDataOutput)o).IsExecuteResult));
    }

    [Fact]
    public async Task AnUpdateThroughTheInvocationContextReplacesTheDisplayInPlaceEvenFromALaterCell()
    {
        // What TrainingProgress does: the DisplayedValue the context returns is the one it published, so its updates
        // carry the display's own id.
        var outputs = await fixture.RunOkAsync("""
            Console.WriteLine("before");
            var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(
                Microsoft.DotNet.Interactive.KernelInvocationContext.Current, "epoch 0");
            Console.WriteLine("after");
            for (var e = 1; e <= 3; e++) shown.Update($"epoch {e}");
            """);

        Assert.Equal(3, outputs.Count);
        Assert.Equal("epoch 3", Outputs.Plain(outputs[1]));
        Assert.IsType<StreamOutput>(outputs[0]);

        await fixture.RunOkAsync("shown.Update(\"done\");");
        Assert.Equal("done", Outputs.Plain(outputs[1]));
    }

    [Fact]
    public async Task AnUpdateOfWhatDisplayReturnedNamesNoShownDisplayInThisKernelBuild()
    {
        // The kernel's final build publishes one DisplayedValue and returns another with a fresh id: its update
        // matches nothing, so the first frame stays (as in Jupyter). TrainingProgress avoids this path.
        var outputs = await fixture.RunOkAsync("var handle = display(\"frame 0\");\nhandle.Update(\"frame 1\");");

        Assert.Equal("frame 0", Outputs.Plain(Assert.Single(outputs)));
    }

    [Fact]
    public async Task ConsoleWritesBecomeStreamOutputsMergedPerStream()
    {
        var outputs = await fixture.RunOkAsync("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"oops\");\nConsole.WriteLine(\"d\");");

        Assert.Collection(outputs,
            o => Assert.Equal(("stdout", "ab\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stderr", "oops\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stdout", "d\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)));
    }

    [Fact]
    public async Task DisplayAsShowsContentAsIs()
    {
        var raw = await fixture.RunOkAsync("\"<svg/>\".DisplayAs(\"image/svg+xml\");");

        Assert.Equal("<svg/>", Assert.IsType<DisplayDataOutput>(Assert.Single(raw)).Text("image/svg+xml"));
    }

    [Fact]
    public async Task ARuntimeExceptionIsAnErrorWithTheExceptionTextAndKeepsEarlierState()
    {
        var result = await fixture.RunAsync("var keptBeforeThrow = 5;\nthrow new InvalidOperationException(\"boom\");");

        Assert.Equal(CellStatus.Failed, result.Status);
        var error = Outputs.Error(result.Outputs);
        Assert.Equal("Error", error.Name);
        Assert.StartsWith("System.InvalidOperationException: boom", error.Value);
        Assert.Equal(TextLines.Split(error.Value), error.Traceback);
        Assert.Contains("5", Outputs.Text(Assert.Single(await fixture.RunOkAsync("keptBeforeThrow"))));
    }

    [Fact]
    public async Task ACompileErrorIsAnErrorWithTheCellsLineAndColumn()
    {
        var result = await fixture.RunAsync("// comment\nvar ok = 1;\nvar bad = missing + 1;");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("(3,11): error CS0103: The name 'missing' does not exist in the current context", Outputs.Error(result.Outputs).Value);
    }

    [Fact]
    public async Task ReferenceToADllResolvesAgainstTheNotebookFolder()
    {
        var outputs = await fixture.RunOkAsync("#r \"lib/Greeter.dll\"\nGreeting.Greeter.Hello(\"notebook\")");

        Assert.Equal("Hello, notebook!", Outputs.Plain(Assert.Single(outputs)));
    }

    [Fact]
    public async Task AMissingDllIsAnErrorNamingIt()
    {
        var result = await fixture.RunAsync("#r \"lib/Missing.dll\"");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Contains("lib/Missing.dll", Outputs.Error(result.Outputs).Value);
    }

    [Fact]
    public async Task TheNotebookFolderIsTheCurrentDirectory()
    {
        var outputs = await fixture.RunOkAsync("System.IO.File.ReadAllText(\"data.txt\").Trim()");

        Assert.Equal("attention is all you need", Outputs.Plain(Assert.Single(outputs)));
        Assert.NotEqual(fixture.Folder, Environment.CurrentDirectory.TrimEnd('/')); // restored after the cell
    }
}
