using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Tests;

/// <summary>How what a cell does becomes outputs (one shared kernel: cells build on each other only where said).</summary>
public class KernelOutputTests(KernelFixture fixture) : IClassFixture<KernelFixture>
{
    [Fact]
    public async Task ATrailingExpressionIsDisplayedAndAStatementOrVoidCallIsNot()
    {
        Assert.Equal("42", Outputs.Plain(Assert.Single(await fixture.RunOkAsync("var answer = 6 * 7;\nanswer"))));
        Assert.Equal("<null>", Outputs.Plain(Assert.Single(await fixture.RunOkAsync("string nothing = null;\nnothing"))));
        Assert.Empty(await fixture.RunOkAsync("var unused = 1;"));
        Assert.Empty(await fixture.RunOkAsync("GC.KeepAlive(1)"));
    }

    [Fact]
    public async Task DisplayAddsOutputsInOrderAndATrailingDisplayedValueIsNotShownTwice()
    {
        var outputs = await fixture.RunOkAsync("display(\"first\");\nnew[] { 1, 2 }.Display();\ndisplay(HTML(\"<b>bold</b>\"))");

        Assert.Equal(3, outputs.Count);
        Assert.Equal("first", Outputs.Plain(outputs[0]));
        Assert.Equal("[ 1, 2 ]", Outputs.Plain(outputs[1]));
        var html = Assert.IsType<DisplayDataOutput>(outputs[2]);
        Assert.Equal(["text/html"], html.Data.Keys);
        Assert.Equal("<b>bold</b>", html.Text("text/html"));
    }

    [Fact]
    public async Task UpdateReplacesTheDisplayInPlaceEvenFromALaterCell()
    {
        var outputs = await fixture.RunOkAsync("Console.WriteLine(\"before\");\nvar progress = display(\"epoch 0\");\nConsole.WriteLine(\"after\");\nfor (var e = 1; e <= 3; e++) progress.Update($\"epoch {e}\");");

        Assert.Equal(3, outputs.Count);
        Assert.Equal("epoch 3", Outputs.Plain(outputs[1]));

        await fixture.RunOkAsync("progress.Update(\"done\");");
        Assert.Equal("done", Outputs.Plain(outputs[1]));
        Assert.IsType<StreamOutput>(outputs[0]);
    }

    [Fact]
    public async Task UpdateKeepsTheMimeTypesTheDisplayAskedForOrElseUsesTheNewValues()
    {
        var outputs = await fixture.RunOkAsync("var asked = display(1, \"text/html\");\nasked.Update(2);\nvar preferred = display(\"plain\");\npreferred.Update(HTML(\"<i>rich</i>\"));");

        Assert.Equal("<div class=\"dni-plaintext\"><pre>2</pre></div>", Assert.IsType<DisplayDataOutput>(outputs[0]).Text("text/html"));
        Assert.Equal(["text/html"], Assert.IsType<DisplayDataOutput>(outputs[1]).Data.Keys);
        Assert.Equal("<i>rich</i>", Assert.IsType<DisplayDataOutput>(outputs[1]).Text("text/html"));
    }

    [Fact]
    public async Task AdjacentConsoleWritesMergeIntoOneStreamOutputPerStream()
    {
        var outputs = await fixture.RunOkAsync("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Out.Write('c');\nConsole.Error.WriteLine(\"oops\");\nConsole.WriteLine(\"d\");\nawait Task.Run(() => Console.WriteLine(\"e\"));");

        Assert.Collection(outputs,
            o => Assert.Equal(("stdout", "ab\nc"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stderr", "oops\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stdout", "d\ne\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)));
    }

    [Fact]
    public async Task DisplayAsShowsContentAsIsAndFormatterRegistrationsApplyToLaterCells()
    {
        var raw = await fixture.RunOkAsync("\"<svg/>\".DisplayAs(\"image/svg+xml\");");
        Assert.Equal("<svg/>", Assert.IsType<DisplayDataOutput>(Assert.Single(raw)).Text("image/svg+xml"));

        await fixture.RunOkAsync("using Microsoft.DotNet.Interactive.Formatting;\nrecord Point(int X, int Y);\nFormatter.Register<Point>(p => $\"<{p.X},{p.Y}>\", \"text/plain\");");
        Assert.Equal("<1,2>", Outputs.Plain(Assert.Single(await fixture.RunOkAsync("new Point(1, 2)"))));
    }

    [Fact]
    public async Task ARuntimeExceptionIsAnErrorWithTheExceptionTextAndKeepsEarlierState()
    {
        var result = await fixture.RunAsync("var keptBeforeThrow = 5;\nthrow new InvalidOperationException(\"boom\");");

        Assert.Equal(CellStatus.Failed, result.Status);
        var error = Outputs.Error(result.Outputs);
        Assert.Equal("Error", error.Name);
        Assert.StartsWith("System.InvalidOperationException: boom\n   at Submission#", error.Value);
        Assert.Equal(TextLines.Split(error.Value), error.Traceback);
        Assert.Equal("5", Outputs.Plain(Assert.Single(await fixture.RunOkAsync("keptBeforeThrow"))));
    }

    [Fact]
    public async Task ACompileErrorGivesTheCellsOwnLineAndColumnEvenAfterDirectives()
    {
        var result = await fixture.RunAsync("#!time\n// comment\nvar ok = 1;\nvar bad = missing + 1;");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("(4,11): error CS0103: The name 'missing' does not exist in the current context", Outputs.Error(result.Outputs).Value);
    }

    [Fact]
    public async Task TimeAddsAWallTimeDisplay()
    {
        var outputs = await fixture.RunOkAsync("#!time\nvar slept = 1;");

        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", Outputs.Plain(Assert.Single(outputs)));
    }

    [Fact]
    public async Task KernelSelectorsRunCSharpAndSkipMarkdown()
    {
        var outputs = await fixture.RunOkAsync("#!csharp\ndisplay(\"cs\");\n#!markdown\n# Not code\n#!csharp\ndisplay(\"cs again\");");

        Assert.Equal(["cs", "cs again"], outputs.Select(Outputs.Plain));
    }

    [Fact]
    public async Task AnUnknownMagicIsAnErrorNamingItAndNothingRuns()
    {
        var result = await fixture.RunAsync("Console.WriteLine(\"never\");\n#!frobnicate now");

        Assert.Equal("Unrecognized magic command: #!frobnicate", Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs)).Value);
    }

    [Fact]
    public async Task TheNotebookFolderIsTheCurrentDirectory()
    {
        var outputs = await fixture.RunOkAsync("System.IO.File.ReadAllText(\"data.txt\").Trim()");

        Assert.Equal("attention is all you need", Outputs.Plain(Assert.Single(outputs)));
        Assert.NotEqual(fixture.Folder, Environment.CurrentDirectory.TrimEnd('/')); // restored after the cell
    }
}
