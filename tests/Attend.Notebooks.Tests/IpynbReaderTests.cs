using System.Text.Json.Nodes;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

public class IpynbReaderTests
{
    [Fact]
    public void VsCodeNotebookKeepsIdsOutputsAndMimeBundles()
    {
        var notebook = IpynbFormat.Read(Fixture.Text("vscode-executed.ipynb"));

        Assert.Equal(4, notebook.Cells.Count);
        Assert.Equal(CellKind.Markdown, notebook.Cells[0].Kind);
        var code = notebook.Cells[1];
        Assert.Equal(("5f1c9a2e", 1, "csharp"), (code.Id, code.ExecutionCount, code.KernelName));
        var stream = Assert.IsType<StreamOutput>(code.Outputs[0]);
        Assert.Equal(("stdout", "epoch 1\tloss 0.693\nepoch 2\tloss 0.512\n"), (stream.Name, stream.Text));
        var display = Assert.IsType<DisplayDataOutput>(code.Outputs[1]);
        Assert.False(display.IsExecuteResult);
        Assert.Equal("[ 0.1, 0.9 ]", display.Text("text/plain"));
        var error = Assert.IsType<ErrorOutput>(notebook.Cells[2].Outputs[0]);
        Assert.Equal("Error", error.Name);
        var json = Assert.IsAssignableFrom<JsonNode>(((DisplayDataOutput)notebook.Cells[3].Outputs[0]).Data["application/json"]);
        Assert.Equal(8, json["heads"]!.GetValue<int>());
    }

    [Fact]
    public void JupyterDotnetKernelFlavourReadsExecuteResultsAndTheKernelspecLanguage()
    {
        var notebook = IpynbFormat.Read(Fixture.Text("jupyter-dotnet.ipynb"));

        var result = Assert.IsType<DisplayDataOutput>(notebook.Cells[0].Outputs[0]);
        Assert.True(result.IsExecuteResult);
        Assert.Equal(1, result.ExecutionCount);
        Assert.Equal("42", result.Text("text/plain"));
        Assert.Null(notebook.Cells[0].Id);
        Assert.Equal("csharp", notebook.Cells[0].KernelName); // from kernelspec.language "C#"
        Assert.Equal("compilation error", Assert.IsType<ErrorOutput>(notebook.Cells[1].Outputs[1]).Value);
        Assert.Equal(4, notebook.FormatMinorVersion);
    }

    [Fact]
    public void LegacyVisualStudioFilesWithStringDataAndStringSourceAreAccepted()
    {
        var notebook = IpynbFormat.Read(Fixture.Text("legacy-visual-studio.ipynb"));

        Assert.Equal("Console.WriteLine(\"legacy\");\n\"done\"", notebook.Cells[0].Source);
        var output = Assert.IsType<DisplayDataOutput>(notebook.Cells[0].Outputs[0]);
        Assert.Equal("legacy\r\n", output.Text("text/plain"));
        Assert.Equal("<b>done</b>", output.Text("text/html"));
        Assert.Equal("Only a string, no array.", notebook.Cells[1].Source);
        Assert.Equal("  ", notebook.Indent);
    }

    [Fact]
    public void KernelResolutionFollowsTheKernelsOrder()
    {
        // 1 polyglot_notebook.kernelName, 2 dotnet_interactive.language, 3 a first line #!name,
        // 4 the notebook's defaultKernelName, 5 kernelspec.language.
        var json = """
            {"cells": [
              {"cell_type": "code", "metadata": {"polyglot_notebook": {"kernelName": "fsharp"}, "dotnet_interactive": {"language": "csharp"}}, "source": "#!csharp", "outputs": []},
              {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "pwsh"}}, "source": "#!csharp", "outputs": []},
              {"cell_type": "code", "metadata": {}, "source": ["#!md\n", "text"], "outputs": []},
              {"cell_type": "code", "metadata": {}, "source": ["#!C#\n", "1"], "outputs": []},
              {"cell_type": "code", "metadata": {}, "source": "1", "outputs": []}
            ],
             "metadata": {"kernelspec": {"language": "C#"}, "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "fsharp"}}},
             "nbformat": 4, "nbformat_minor": 5}
            """;

        var kernels = IpynbFormat.Read(json).Cells.Select(c => c.KernelName);

        Assert.Equal(["fsharp", "pwsh", "markdown", "csharp", "fsharp"], kernels);
    }

    [Fact]
    public void KernelspecLanguageIsTheLastResortAndOldVsCodeMetadataIsUnderstood()
    {
        var json = """
            {"cells": [
              {"cell_type": "code", "metadata": {}, "source": "1", "outputs": []},
              {"cell_type": "code", "metadata": {"vscode": {"languageId": "dotnet-interactive.fsharp"}}, "source": "1", "outputs": []}
            ],
             "metadata": {"kernelspec": {"language": "F#"}},
             "nbformat": 4, "nbformat_minor": 4}
            """;
        var old = """
            {"cells": [{"cell_type": "code", "metadata": {}, "source": "1", "outputs": []}],
             "metadata": {"dotnet_interactive": {"defaultKernelName": "pwsh", "items": [{"name": "pwsh", "aliases": ["powershell"]}]}},
             "nbformat": 4, "nbformat_minor": 4}
            """;

        Assert.Equal(["fsharp", "fsharp"], IpynbFormat.Read(json).Cells.Select(c => c.KernelName));
        Assert.Equal("pwsh", IpynbFormat.Read(old).Cells[0].KernelName);
    }

    [Fact]
    public void NotANotebookIsAFormatErrorNamingTheProblem()
    {
        Assert.Contains("cells", Assert.Throws<FormatException>(() => IpynbFormat.Read("""{"metadata": {}}""")).Message);
        Assert.Contains("JSON", Assert.Throws<FormatException>(() => IpynbFormat.Read("{ nope")).Message);
    }
}
