using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

public class DibFormatTests
{
    [Fact]
    public void CellsAreSplitAtKernelSelectorsAndMagicsStayInTheCell()
    {
        var notebook = DibFormat.Read(Fixture.Text("polyglot.dib"));

        Assert.Equal(["markdown", "csharp", "csharp", "fsharp"], notebook.Cells.Select(c => c.KernelName));
        Assert.Equal("# Memory networks\n\nRead, then *write*.", notebook.Cells[0].Source);
        Assert.Equal(CellKind.Markdown, notebook.Cells[0].Kind);
        Assert.Equal("#!time\nvar memory = new float[4];\nmemory.Length", notebook.Cells[1].Source);
        Assert.Equal("Console.WriteLine(\"an alias selects C# too\");", notebook.Cells[2].Source);
        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal("fsharp", notebook.KernelInfo!["items"]![1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void ContentBeforeAnySelectorBelongsToTheDefaultKernelAndBlankLinesAreTrimmed()
    {
        var notebook = DibFormat.Read("\n\nvar x = 1;\n\n\n#!markdown\n\n\ntext\n\n");

        Assert.Equal([("csharp", "var x = 1;"), ("markdown", "text")], notebook.Cells.Select(c => (c.KernelName, c.Source)));
    }

    [Fact]
    public void WriteThenReadGivesTheSameCellsAndWriteIsStable()
    {
        var notebook = DibFormat.Read(Fixture.Text("polyglot.dib"));

        var written = DibFormat.Write(notebook);

        Assert.StartsWith("#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",", written);
        Assert.Contains("\n\n#!csharp\n\n#!time\nvar memory", written);
        Assert.Equal(written, DibFormat.Write(DibFormat.Read(written)));
        Assert.Equal(notebook.Cells.Select(c => (c.KernelName, c.Source)), DibFormat.Read(written).Cells.Select(c => (c.KernelName, c.Source)));
    }

    [Fact]
    public void ADibBecomesAVsCodeStyleIpynbWithStableIds()
    {
        var first = IpynbFormat.Write(DibFormat.Read(Fixture.Text("polyglot.dib")));
        var second = IpynbFormat.Write(DibFormat.Read(Fixture.Text("polyglot.dib")));

        Assert.Equal(first, second);
        Assert.Contains("\"polyglot_notebook\": {\n     \"kernelName\": \"csharp\"\n    }", first);
        Assert.Contains("\"kernelspec\": {\n   \"display_name\": \".NET (C#)\"", first);
    }
}
