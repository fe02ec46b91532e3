using System.Text;
using System.Text.RegularExpressions;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Export;

/// <summary>
/// Static HTML export: one page per notebook (Markdown rendered, math typeset by KaTeX, code with its outputs),
/// a contents page <c>index.html</c> linking the chapters in order, and an <c>assets/</c> folder with the
/// stylesheet and KaTeX. Pages link only to files of the export, so they work offline, straight from disk.
/// </summary>
public static partial class HtmlExporter
{
    /// <summary>The folder, beside the pages, that holds the stylesheet and KaTeX.</summary>
    public const string AssetsFolder = "assets";

    /// <summary>The contents page's file name.</summary>
    public const string IndexPage = "index.html";

    /// <summary>Exports notebooks into <paramref name="folder"/>: their pages, the contents page and the assets.</summary>
    /// <param name="notebooks">
    /// The notebooks in chapter order, each with its path relative to the export (<c>part1/01-tensors.ipynb</c>):
    /// its page is that path with <c>.html</c>, so that links between notebooks keep working.
    /// </param>
    /// <param name="folder">The export folder (created when missing).</param>
    /// <param name="indexTitle">The contents page's title.</param>
    /// <param name="introduction">Markdown shown on the contents page above the list of chapters, or null for none.</param>
    /// <returns>The pages written, in order.</returns>
    public static IReadOnlyList<ExportedPage> Export(IReadOnlyList<(Notebook Notebook, string RelativePath)> notebooks, string folder,
        string indexTitle = "Contents", string? introduction = null)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { IndexPage };
        var pages = notebooks
            .Select(n => new ExportedPage(TitleOf(n.Notebook, Path.GetFileNameWithoutExtension(n.RelativePath)), UniquePagePath(n.RelativePath, taken)))
            .ToList();

        Directory.CreateDirectory(folder);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i].Path;
            var links = new HtmlPageLinks(
                Assets: RelativeUrl(page, AssetsFolder) + "/",
                Index: RelativeUrl(page, IndexPage),
                Previous: i > 0 ? (pages[i - 1].Title, RelativeUrl(page, pages[i - 1].Path)) : null,
                Next: i + 1 < pages.Count ? (pages[i + 1].Title, RelativeUrl(page, pages[i + 1].Path)) : null);
            var target = Path.Combine(folder, Path.Combine(page.Split('/')));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, RenderPage(notebooks[i].Notebook, pages[i].Title, links));
        }

        File.WriteAllText(Path.Combine(folder, IndexPage), RenderIndex(pages, indexTitle, introduction));
        ExportAssets.WriteTo(folder);
        return pages;
    }

    /// <summary>A notebook's title: the text of its first Markdown heading, else <paramref name="fallback"/>.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="fallback">The title when no Markdown cell has a heading (the file name, say).</param>
    /// <returns>The title, plain text.</returns>
    public static string TitleOf(Notebook notebook, string fallback) =>
        notebook.Cells.Where(IsMarkdown).Select(c => MarkdownRenderer.FirstHeading(c.Source)).FirstOrDefault(t => t is not null)
        ?? fallback;

    /// <summary>One notebook as a whole HTML page.</summary>
    /// <param name="notebook">The notebook, with the outputs to show.</param>
    /// <param name="title">The page title.</param>
    /// <param name="links">Where the assets, contents and neighbouring chapters are; default: assets beside the page, no navigation.</param>
    /// <returns>The HTML document.</returns>
    public static string RenderPage(Notebook notebook, string title, HtmlPageLinks? links = null)
    {
        links ??= new HtmlPageLinks();
        var navigation = Navigation(links);
        var body = new StringBuilder();
        body.Append(navigation);
        body.Append("<main>\n");
        foreach (var cell in notebook.Cells)
        {
            body.Append(RenderCell(cell));
        }

        body.Append("</main>\n");
        body.Append(navigation);
        return HtmlPage.Document(title, links.Assets, body.ToString());
    }

    /// <summary>
    /// The contents page: an optional introduction, then the chapters in order, each title linking to its page.
    /// When every title carries its own number ("1. Tensors", "Chapter 2: ..."), the list adds none, so a chapter
    /// is never numbered twice ("1. 1. Tensors") nor renumbered when the course skips one.
    /// </summary>
    /// <param name="pages">The chapter pages, paths relative to the contents page.</param>
    /// <param name="title">The page's title and heading.</param>
    /// <param name="introduction">Markdown shown above the list, or null for none.</param>
    /// <returns>The HTML document.</returns>
    public static string RenderIndex(IReadOnlyList<ExportedPage> pages, string title = "Contents", string? introduction = null)
    {
        var body = new StringBuilder();
        body.Append($"<main>\n<h1>{HtmlText.Escape(title)}</h1>\n");
        if (!string.IsNullOrWhiteSpace(introduction))
        {
            body.Append("<div class=\"introduction\">\n").Append(MarkdownRenderer.ToHtml(introduction, null)).Append("</div>\n");
        }

        var list = pages.Count > 0 && pages.All(p => NumberedTitle().IsMatch(p.Title)) ? "ul" : "ol";
        body.Append($"<{list} class=\"chapters\">\n");
        foreach (var page in pages)
        {
            body.Append($"<li><a href=\"{HtmlText.Escape(HtmlText.Url(page.Path))}\">{TitleHtml(page.Title)}</a></li>\n");
        }

        body.Append($"</{list}>\n</main>\n");
        return HtmlPage.Document(title, AssetsFolder + "/", body.ToString());
    }

    // "1. Tensors", "12) x", "3: y", "2.1 Scores", "Chapter 4 - ...": a title that numbers itself.
    [GeneratedRegex(@"^\s*(chapter\s+)?\d+(\.\d+)*([.:)]|\s)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedTitle();

    private static string RenderCell(NotebookCell cell)
    {
        if (IsMarkdown(cell))
        {
            return $"<section class=\"cell markdown\">\n{MarkdownRenderer.ToHtml(cell.Source, cell.Attachments)}</section>\n";
        }

        if (cell.Kind == CellKind.Raw)
        {
            return $"<section class=\"cell raw\"><pre>{HtmlText.Escape(cell.Source)}</pre></section>\n";
        }

        List<CellOutput> outputs;
        lock (cell.Outputs)
        {
            // A timed-out cell may still update its displays from a background thread.
            outputs = [.. cell.Outputs];
        }

        if (string.IsNullOrWhiteSpace(cell.Source) && outputs.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<section class=\"cell code\">\n");
        html.Append($"<pre class=\"source\"><code class=\"language-{HtmlText.Escape(cell.KernelName)}\">{HtmlText.Escape(cell.Source)}</code></pre>\n");
        if (outputs.Count > 0)
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var output in outputs)
            {
                html.Append(OutputRenderer.Render(output)).Append('\n');
            }

            html.Append("</div>\n");
        }

        return html.Append("</section>\n").ToString();
    }

    private static bool IsMarkdown(NotebookCell cell) =>
        cell.Kind == CellKind.Markdown || (cell.Kind == CellKind.Code && cell.KernelName == KernelNames.Markdown);

    private static string Navigation(HtmlPageLinks links)
    {
        if (links.Index is null && links.Previous is null && links.Next is null)
        {
            return "";
        }

        static string Link((string Title, string Url)? target, string format) => target is { } t
            ? $"<a href=\"{HtmlText.Escape(t.Url)}\">{string.Format(format, TitleHtml(t.Title))}</a>"
            : "<span></span>";

        return "<nav class=\"chapters\">"
               + Link(links.Previous, "&larr; {0}")
               + Link(links.Index is { } index ? ("Contents", index) : null, "{0}")
               + Link(links.Next, "{0} &rarr;")
               + "</nav>\n";
    }

    private static string TitleHtml(string title) =>
        // A title keeps a heading's math as $...$; in links it is typeset like the heading itself.
        DollarMath().Replace(HtmlText.Escape(title), m => $"<span class=\"math\">\\({m.Groups[1].Value}\\)</span>");

    [GeneratedRegex(@"\$([^$]+)\$")]
    private static partial Regex DollarMath();

    private static string UniquePagePath(string relativePath, HashSet<string> taken)
    {
        // The pages mirror the notebooks' folders; a notebook named index, or a .dib beside a same-named .ipynb, gets a suffix.
        var path = Path.ChangeExtension(relativePath.Replace('\\', '/'), null);
        path = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
        var candidate = path + ".html";
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{path}-{n}.html";
        }

        return candidate;
    }

    private static string RelativeUrl(string fromPage, string toPath)
    {
        // Both paths are relative to the export folder; resolve them under any root to get the link between them.
        var root = Path.GetFullPath("/export");
        var fromFolder = Path.GetDirectoryName(Path.Combine(root, fromPage))!;
        var relative = Path.GetRelativePath(fromFolder, Path.Combine(root, toPath)).Replace('\\', '/');
        return HtmlText.Url(relative);
    }
}
