using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Attend.Notebooks.Documents;
using Attend.Notebooks.Export;

namespace Attend.Notebooks.Tests;

public class ExportTests
{
    private static Notebook Chapter(params NotebookCell[] cells)
    {
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.AddRange(cells);
        return notebook;
    }

    private static NotebookCell CodeWith(string source, params CellOutput[] outputs)
    {
        var cell = NotebookCell.Code(source);
        cell.Outputs.AddRange(outputs);
        return cell;
    }

    private static string Page(params NotebookCell[] cells) => HtmlExporter.RenderPage(Chapter(cells), "Test");

    [Fact]
    public void MarkdownIsRenderedWithMathLeftForKatex()
    {
        var html = Page(NotebookCell.Markdown("# Scores $\\sqrt{d}$\n\nWeights $a < b$, **bold**, a table:\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n$$\n\\sum_i w_i = 1\n$$"));

        Assert.Contains("<h1 id=\"scores\">Scores <span class=\"math\">\\(\\sqrt{d}\\)</span></h1>", html);
        Assert.Contains("<span class=\"math\">\\(a &lt; b\\)</span>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<td>2</td>", html);
        Assert.Matches(new Regex(@"<div class=""math"">\s*\\\[\s*\\sum_i w_i = 1\s*\\\]</div>"), html);
    }

    [Fact]
    public void ThePageLoadsKatexAndTheMathScriptFromTheAssetsFolder()
    {
        var html = Page(NotebookCell.Markdown("$x$"));

        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">", html);
        Assert.Contains("<script defer src=\"assets/katex/katex.min.js\"></script>", html);
        Assert.Contains("<script defer src=\"assets/katex/contrib/auto-render.min.js\"></script>", html);
        Assert.Contains("<script defer src=\"assets/render-math.js\"></script>", html);
        Assert.Contains("<title>Test</title>", html);
    }

    [Fact]
    public void HtmlAndSvgOutputsAreEmbeddedAsTheyAre()
    {
        var svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"red\"/></svg>";
        var html = Page(CodeWith("plot",
            new DisplayDataOutput([new("text/html", "<table class=\"t\"><tr><td><b>1</b></td></tr></table>"), new("text/plain", "plain <fallback>")]),
            new DisplayDataOutput([new("image/svg+xml", svg), new("text/plain", "Plot")])));

        Assert.Contains("<div class=\"output html\"><table class=\"t\"><tr><td><b>1</b></td></tr></table></div>", html);
        Assert.Contains("<div class=\"output svg\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect", html);
        Assert.DoesNotContain("<?xml", html); // not allowed inside an HTML page
        Assert.DoesNotContain("fallback", html); // the richest mime type only
        Assert.DoesNotContain(">Plot<", html);
    }

    [Fact]
    public void TextOutputsSourcesAndErrorsAreEscaped()
    {
        var html = Page(CodeWith("var s = \"<b>\" + (1 < 2);",
            new StreamOutput(StreamOutput.StdOut, "a < b && \"c\"\n"),
            new StreamOutput(StreamOutput.StdErr, "warn <x>"),
            new DisplayDataOutput("text/plain", "List<int> { 1 }"),
            ErrorOutput.FromText("System.Exception: <boom>\n   at Submission#1")));

        Assert.Contains("<code class=\"language-csharp\">var s = &quot;&lt;b&gt;&quot; + (1 &lt; 2);</code>", html);
        Assert.Contains("<pre class=\"output stream stdout\">a &lt; b &amp;&amp; &quot;c&quot;\n</pre>", html);
        Assert.Contains("<pre class=\"output stream stderr\">warn &lt;x&gt;</pre>", html);
        Assert.Contains("<pre class=\"output text\">List&lt;int&gt; { 1 }</pre>", html);
        Assert.Contains("<pre class=\"output error\">System.Exception: &lt;boom&gt;\n   at Submission#1</pre>", html);
        Assert.DoesNotContain("<boom>", html);
    }

    [Fact]
    public void JupyterErrorColoursAreDropped()
    {
        var html = Page(CodeWith("x", new ErrorOutput("ValueError", "bad", ["\u001b[0;31mValueError\u001b[0m: bad"])));

        Assert.Contains("<pre class=\"output error\">ValueError: bad</pre>", html);
    }

    [Fact]
    public void BitmapsBecomeDataUris()
    {
        var html = Page(CodeWith("img", new DisplayDataOutput([new("image/png", "iVBORw0K\nGgoAAAA\n"), new("text/plain", "Image")])));

        Assert.Contains("<img src=\"data:image/png;base64,iVBORw0KGgoAAAA\" alt=\"\">", html);
    }

    [Fact]
    public void MarkdownAndLatexOutputsAreTypeset()
    {
        var html = Page(CodeWith("md",
            new DisplayDataOutput("text/markdown", "**loss** is $L$"),
            new DisplayDataOutput("text/latex", "$$x^2 < 1$$")));

        Assert.Contains("<div class=\"output markdown\"><p><strong>loss</strong> is <span class=\"math\">\\(L\\)</span></p>", html);
        Assert.Contains("<div class=\"output latex math\">\\[x^2 &lt; 1\\]</div>", html);
    }

    [Fact]
    public void LinksToNotebooksPointToTheirPagesAndAttachmentsAreInlined()
    {
        var cell = NotebookCell.Markdown("[next](02-next.ipynb#top), [dib](part/x.dib), [web](https://example.org/a.ipynb), ![plot](attachment:p.png)");
        cell.Attachments = new JsonObject { ["p.png"] = new JsonObject { ["image/png"] = "QUJD" } };

        var html = Page(cell);

        Assert.Contains("<a href=\"02-next.html#top\">next</a>", html);
        Assert.Contains("<a href=\"part/x.html\">dib</a>", html);
        Assert.Contains("<a href=\"https://example.org/a.ipynb\">web</a>", html);
        Assert.Contains("<img src=\"data:image/png;base64,QUJD\" alt=\"plot\" />", html);
    }

    [Fact]
    public void EmptyCellsAreLeftOutAndMarkdownKernelCellsAreRendered()
    {
        var markdownCode = new NotebookCell(CellKind.Code, "*stressed*", KernelNames.Markdown);
        var html = Page(NotebookCell.Code("  \n"), markdownCode);

        Assert.DoesNotContain("class=\"cell code\"", html);
        Assert.Contains("<em>stressed</em>", html);
    }

    [Fact]
    public void TheTitleIsTheFirstHeadingElseTheFallback()
    {
        var titled = Chapter(NotebookCell.Code("1"), NotebookCell.Markdown("Intro text.\n\n## Self-*attention* with `Q` and $\\sqrt{d}$\n\n# Later"));
        var untitled = Chapter(NotebookCell.Markdown("no heading"));

        Assert.Equal("Self-attention with Q and $\\sqrt{d}$", HtmlExporter.TitleOf(titled, "file"));
        Assert.Equal("file", HtmlExporter.TitleOf(untitled, "file"));
    }

    [Fact]
    public void TheIndexListsTheChaptersInOrderAndTypesetsTheirMath()
    {
        var html = HtmlExporter.RenderIndex([new("Tensors & shapes", "01-tensors.html"), new("Scores $QK^T$", "part 2/02 scores.html")], "Course");

        Assert.Contains("<title>Course</title>", html);
        var first = html.IndexOf("<li><a href=\"01-tensors.html\">Tensors &amp; shapes</a></li>", StringComparison.Ordinal);
        var second = html.IndexOf("<li><a href=\"part%202/02%20scores.html\">Scores <span class=\"math\">\\(QK^T\\)</span></a></li>", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first, html);
    }

    [Fact]
    public void TheIndexNeverNumbersAChapterTwiceAndShowsTheIntroduction()
    {
        // The chapters' titles number themselves, and chapter 7 is missing: the list must add no numbers of its own.
        ExportedPage[] numbered = [new("1. Tensors and autograd", "01.html"), new("2. Attention", "02.html"), new("8. Adaptive computation time", "08.html")];
        var html = HtmlExporter.RenderIndex(numbered, "Contents", "A course on *attention*, with $QK^T$.");

        Assert.Contains("<ul class=\"chapters\">", html);
        Assert.DoesNotContain("<ol", html);
        Assert.Contains("<li><a href=\"08.html\">8. Adaptive computation time</a></li>", html);
        var introduction = html.IndexOf("<div class=\"introduction\">\n<p>A course on <em>attention</em>, with <span class=\"math\">\\(QK^T\\)</span>.</p>", StringComparison.Ordinal);
        Assert.True(introduction > 0 && introduction < html.IndexOf("<ul", StringComparison.Ordinal), html);

        // Titles without numbers keep the numbered list; no introduction, no introduction block.
        var plain = HtmlExporter.RenderIndex([new("Tensors", "01.html"), new("2. Attention", "02.html")]);
        Assert.Contains("<ol class=\"chapters\">", plain);
        Assert.DoesNotContain("introduction", plain);
    }

    [Fact]
    public void AnExportWritesPagesInFoldersTheIndexAndTheAssets()
    {
        var folder = Fixture.TempFolder();
        try
        {
            var pages = HtmlExporter.Export(
            [
                (Chapter(NotebookCell.Markdown("# One")), "01-one.ipynb"),
                (Chapter(NotebookCell.Markdown("# Two")), Path.Combine("part2", "02-two.dib")),
                (Chapter(NotebookCell.Markdown("no heading")), "index.ipynb"),
            ], folder);

            Assert.Equal([new("One", "01-one.html"), new("Two", "part2/02-two.html"), new("index", "index-2.html")], pages);
            var index = File.ReadAllText(Path.Combine(folder, "index.html"));
            Assert.Contains("<a href=\"part2/02-two.html\">Two</a>", index);

            // A page one folder down reaches the assets, the index and its neighbours through "..".
            var two = File.ReadAllText(Path.Combine(folder, "part2", "02-two.html"));
            Assert.Contains("href=\"../assets/notebook.css\"", two);
            Assert.Contains("<nav class=\"chapters\"><a href=\"../01-one.html\">&larr; One</a><a href=\"../index.html\">Contents</a><a href=\"../index-2.html\">index &rarr;</a></nav>", two);

            foreach (var asset in new[] { "notebook.css", "render-math.js", "katex/katex.min.js", "katex/katex.min.css", "katex/contrib/auto-render.min.js", "katex/LICENSE", "katex/fonts/KaTeX_Main-Regular.woff2" })
            {
                Assert.True(File.Exists(Path.Combine(folder, "assets", asset)), asset);
            }

            // Every font the stylesheet names first (woff2) is there: math typesets offline.
            var css = File.ReadAllText(Path.Combine(folder, "assets", "katex", "katex.min.css"));
            var fonts = Regex.Matches(css, @"url\((fonts/[^)]+\.woff2)\)").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, f => Assert.True(File.Exists(Path.Combine(folder, "assets", "katex", f)), f));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ExportedPagesLinkOnlyToFilesOfTheExport()
    {
        var folder = Fixture.TempFolder();
        try
        {
            var notebooks = Directory.GetFiles(Path.Combine(Fixture.Folder, "export"), "*.ipynb").Order(StringComparer.Ordinal)
                .Select(f => (NotebookFile.Load(f), Path.GetFileName(f))).ToList();
            HtmlExporter.Export(notebooks, folder);

            foreach (var page in Directory.GetFiles(folder, "*.html"))
            {
                var html = File.ReadAllText(page);
                var targets = Regex.Matches(html, @"(?:href|src)=""([^""#]+)").Select(m => m.Groups[1].Value).ToList();
                Assert.NotEmpty(targets);
                Assert.All(targets, t => Assert.True(
                    !t.Contains(':') && File.Exists(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(t))),
                    $"{Path.GetFileName(page)} links to {t}, which is not a file of the export"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
