using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Tests;

/// <summary>One test per directive: #r dll, #load, #!import (.cs, .dib, errors), #i.</summary>
public class KernelDirectiveTests(KernelFixture fixture) : IClassFixture<KernelFixture>
{
    [Fact]
    public async Task ReferenceToADllResolvesAgainstTheNotebookFolder()
    {
        var outputs = await fixture.RunOkAsync("#r \"lib/Greeter.dll\"\nGreeting.Greeter.Hello(\"notebook\")");

        Assert.Equal("Hello, notebook!", Outputs.Plain(Assert.Single(outputs)));
    }

    [Fact]
    public async Task AMissingDllIsACompileErrorOnItsLine()
    {
        var result = await fixture.RunAsync("\n#r \"lib/Missing.dll\"");

        Assert.Equal("(2,1): error CS0006: Metadata file 'lib/Missing.dll' could not be found", Outputs.Error(result.Outputs).Value);
    }

    [Fact]
    public async Task LoadRunsAScriptFileWhoseMembersLaterCellsSee()
    {
        await fixture.RunOkAsync("#load \"helper.csx\"");

        Assert.Equal("21 csx", Outputs.Plain(Assert.Single(await fixture.RunOkAsync("$\"{Twice(10) + 1} {loadedFromCsx}\""))));
    }

    [Fact]
    public async Task ImportOfACsFileRunsItAsScriptCode()
    {
        var outputs = await fixture.RunOkAsync("#!import helper.cs\nScale(2, 1.5)");

        Assert.Equal("helper.cs imported\n", Assert.IsType<StreamOutput>(outputs[0]).Text);
        Assert.Equal("3", Outputs.Plain(outputs[1]));
    }

    [Fact]
    public async Task ImportOfANotebookRunsItsCSharpCellsInThisState()
    {
        var outputs = await fixture.RunOkAsync("#!import \"imported.dib\"\nimportedAnswer");

        Assert.Equal("imported notebook ran\n", Assert.IsType<StreamOutput>(outputs[0]).Text);
        Assert.Equal("42", Outputs.Plain(outputs[1]));
    }

    [Fact]
    public async Task ImportErrorsNameTheFile()
    {
        var broken = Outputs.Error((await fixture.RunAsync("#!import broken.cs")).Outputs).Value;
        var missing = Outputs.Error((await fixture.RunAsync("#!import nowhere.ipynb")).Outputs).Value;

        Assert.Contains("broken.cs(2,", broken);
        Assert.Contains("error CS", broken);
        Assert.StartsWith("#!import: file not found: 'nowhere.ipynb'", missing);
    }

    [Fact]
    public async Task AnImportCycleIsAnErrorInsteadOfAStackOverflow()
    {
        var result = await fixture.RunAsync("#!import cycle-a.dib");

        Assert.Equal("#!import cycle-a.dib: the file imports itself (directly or through other imports).", Outputs.Error(result.Outputs).Value);
    }

    [Fact]
    public async Task ARelativePackageSourceIsRejectedWithTheAbsolutePathToUse()
    {
        var result = await fixture.RunAsync("#i \"nuget: ./packages\"");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Contains($"\"nuget: {Path.Combine(fixture.Folder, "packages")}\"", Outputs.Error(result.Outputs).Value);
    }

    [Fact]
    public async Task OtherKernelsAreReportedAsUnavailable()
    {
        var result = await fixture.RunAsync("var x = 1;\n#!fsharp\nprintfn \"hi\"");

        Assert.StartsWith("#!fsharp (line 2): the headless runner runs C# only; kernel 'fsharp' is not available", Outputs.Error(result.Outputs).Value);
    }
}
