using Attend.Notebooks.Cli;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

public class ExportCommandTests
{
    [Fact]
    public async Task ExportWritesExecutedNotebooksAsTheyAreWithoutRunningThem()
    {
        var folder = Fixture.TempFolder();
        try
        {
            var html = Path.Combine(folder, "site");
            var log = new StringWriter();

            var exit = await CommandLine.InvokeAsync(["export", Path.Combine(Fixture.Folder, "export"), "--html", html], log, log);

            Assert.Equal(CommandLine.Success, exit);
            Assert.Contains("2 pages", log.ToString());
            var index = File.ReadAllText(Path.Combine(html, "index.html"));
            Assert.True(index.IndexOf("01-attention.html", StringComparison.Ordinal) < index.IndexOf("02-second.html", StringComparison.Ordinal));
            var page = File.ReadAllText(Path.Combine(html, "01-attention.html"));
            Assert.Contains("<rect x=\"20\" y=\"20\" width=\"360\" height=\"260\" fill=\"#e4572e\"/>", page); // the saved output
            Assert.True(File.Exists(Path.Combine(html, "assets", "katex", "katex.min.js")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ExportNeedsAnHtmlFolderAndExistingNotebooks()
    {
        var log = new StringWriter();

        var noFolder = await CommandLine.InvokeAsync(["export", Path.Combine(Fixture.Folder, "export")], log, log);
        var missing = await CommandLine.InvokeAsync(["export", "/no/such/notebook.ipynb", "--html", "/no/such/site"], log, log);

        Assert.NotEqual(CommandLine.Success, noFolder);
        Assert.Equal(CommandLine.UsageOrFileError, missing);
        Assert.Contains("no such file or folder: /no/such/notebook.ipynb", log.ToString());
    }

    [Fact]
    public async Task RunWithHtmlExportsTheNotebooksItJustRan()
    {
        var folder = Fixture.TempFolder();
        try
        {
            // A .dib keeps no outputs on disk: the export must take them from the run itself.
            var dib = Path.Combine(folder, "answer.dib");
            File.WriteAllText(dib, "#!markdown\n\n# The answer\n\n#!csharp\n\nConsole.Write(\"<six times seven>\");\n(6 * 7).ToString()\n");
            var html = Path.Combine(folder, "site");
            var log = new StringWriter();

            var exit = await CommandLine.InvokeAsync(["run", dib, "--html", html], log, log);

            Assert.Equal(CommandLine.Success, exit);
            var page = File.ReadAllText(Path.Combine(html, "answer.html"));
            Assert.Contains("<pre class=\"output stream stdout\">&lt;six times seven&gt;</pre>", page);
            Assert.Contains("<pre class=\"output text\">42</pre>", page);
            Assert.Contains("<a href=\"answer.html\">The answer</a>", File.ReadAllText(Path.Combine(html, "index.html")));
            Assert.False(File.Exists(Path.ChangeExtension(dib, ".ipynb")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
