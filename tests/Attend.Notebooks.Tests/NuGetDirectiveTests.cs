using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;

namespace Attend.Notebooks.Tests;

/// <summary><c>#r "nuget: ..."</c> restores a package (from the ordinary NuGet feed or the local cache) and loads the kernel extension it carries.</summary>
public class NuGetDirectiveTests
{
    [Fact]
    public async Task APackagesKernelExtensionIsLoadedSoADataFrameShowsAsAnHtmlTable()
    {
        using var kernel = new NotebookKernel(Fixture.TempFolder());

        var restore = await kernel.ExecuteAsync("#r \"nuget: Microsoft.Data.Analysis, 0.24.0\"", [], 1, TimeSpan.FromMinutes(5));
        Assert.True(restore.Status == CellStatus.Succeeded, string.Join("\n", restore.Outputs.OfType<ErrorOutput>().Select(e => e.Value)));

        var shown = await kernel.ExecuteAsync("""
            using Microsoft.Data.Analysis;
            var frame = new DataFrame(new StringDataFrameColumn("model", ["Bahdanau", "Luong"]), new DoubleDataFrameColumn("BLEU", [31.5, 30.2]));
            display(frame);
            """, [], 2, TimeSpan.FromMinutes(2));

        Assert.True(shown.Status == CellStatus.Succeeded, string.Join("\n", shown.Outputs.OfType<ErrorOutput>().Select(e => e.Value)));
        var html = Assert.IsType<DisplayDataOutput>(Assert.Single(shown.Outputs)).Text("text/html")!;
        Assert.Contains("<table", html);
        Assert.Contains("Bahdanau", html);
        Assert.DoesNotContain("<details open=\"open\" class=\"dni-treeview\">", html); // the kernel's default property tree, shown without the extension
        Assert.DoesNotContain("<td>Columns</td>", html);
    }
}
