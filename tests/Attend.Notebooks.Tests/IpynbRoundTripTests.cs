using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

/// <summary>A read-then-write of a notebook nobody ran changes no byte (VS Code and Jupyter flavours).</summary>
public class IpynbRoundTripTests
{
    [Theory]
    [InlineData("vscode-executed.ipynb")]
    [InlineData("vscode-unexecuted.ipynb")]
    [InlineData("jupyter-dotnet.ipynb")]
    public void ReadThenWriteGivesTheSameBytes(string fixture)
    {
        var original = File.ReadAllBytes(Fixture.Path_(fixture));
        var folder = Fixture.TempFolder();
        var copy = Path.Combine(folder, fixture);

        NotebookFile.Save(NotebookFile.Load(Fixture.Path_(fixture)), copy);

        Assert.Equal(original, File.ReadAllBytes(copy));
    }

    [Fact]
    public void IndentationAndMissingFinalNewLineAreKept()
    {
        var twoSpaces = "{\n  \"cells\": [],\n  \"metadata\": {},\n  \"nbformat\": 4,\n  \"nbformat_minor\": 5\n}";

        Assert.Equal(twoSpaces, IpynbFormat.Write(IpynbFormat.Read(twoSpaces)));
    }

    [Fact]
    public void LegacyStringDataIsWrittenBackAsLineArraysInVsCodeStyle()
    {
        var notebook = IpynbFormat.Read(Fixture.Text("legacy-visual-studio.ipynb"));

        var written = IpynbFormat.Write(notebook);

        // The file's two-space indentation is kept, as VS Code keeps a file's indentation; keys get sorted.
        Assert.Contains("      \"source\": [\n        \"Console.WriteLine(\\\"legacy\\\");\\n\",\n        \"\\\"done\\\"\"\n      ]", written);
        Assert.Contains("\"text/plain\": [\n              \"legacy\\r\\n\"\n            ]", written);
        Assert.StartsWith("{\n  \"cells\": [\n    {\n      \"cell_type\": \"code\",\n      \"execution_count\": 1,", written);
    }
}
