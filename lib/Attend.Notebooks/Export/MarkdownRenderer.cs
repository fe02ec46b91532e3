using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.MediaLinks;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Attend.Notebooks.Export;

/// <summary>
/// Markdown cells to HTML with Markdig's advanced extensions (tables, footnotes, task lists, ...) and its math
/// extension, which writes <c>$x$</c> as <c>&lt;span class="math"&gt;\(x\)&lt;/span&gt;</c> and <c>$$x$$</c> as
/// <c>&lt;div class="math"&gt;\[x\]&lt;/div&gt;</c>: the page's KaTeX script typesets those.
/// </summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions();

        // Media links turn ![](youtube-url) into an <iframe> that loads a remote page: an exported page stays offline.
        builder.Extensions.TryRemove<MediaLinkExtension>();

        // Generic attributes read "{...}" in a heading as attributes, which breaks "# Scores $\sqrt{d}$"; VS Code's
        // Markdown has no such syntax either.
        builder.Extensions.TryRemove<GenericAttributesExtension>();
        return builder.Build();
    }

    /// <summary>Renders a Markdown cell.</summary>
    /// <param name="markdown">The cell text.</param>
    /// <param name="attachments">The cell's <c>attachments</c> (name → mime bundle), for <c>attachment:name</c> images.</param>
    /// <returns>The HTML.</returns>
    public static string ToHtml(string markdown, JsonNode? attachments = null)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = RewriteUrl(link.Url, attachments);
        }

        return Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>The plain text of the first heading, or null when the Markdown has none.</summary>
    /// <param name="markdown">Markdown text.</param>
    /// <returns>The heading text (math kept as <c>$…$</c>), or null.</returns>
    public static string? FirstHeading(string markdown)
    {
        var heading = Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().FirstOrDefault();
        if (heading?.Inline is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var inline in heading.Inline.Descendants<Inline>())
        {
            text.Append(inline switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                MathInline math => "$" + math.Content + "$",
                LineBreakInline => " ",
                _ => "",
            });
        }

        var title = text.ToString().Trim();
        return title.Length > 0 ? title : null;
    }

    private static string? RewriteUrl(string? url, JsonNode? attachments)
    {
        if (url is null)
        {
            return null;
        }

        // ![](attachment:plot.png): an image pasted into the cell, stored base64 in the notebook.
        if (url.StartsWith("attachment:", StringComparison.Ordinal))
        {
            var bundle = attachments?[url["attachment:".Length..]] as JsonObject;
            var (mimeType, data) = bundle?.FirstOrDefault() ?? default;
            return data?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? $"data:{mimeType};base64,{data.GetValue<string>()}"
                : url;
        }

        // A link to another chapter points to its page: the pages mirror the notebooks' folders.
        if (IsRelative(url))
        {
            var fragmentAt = url.IndexOfAny(['#', '?']);
            var path = fragmentAt < 0 ? url : url[..fragmentAt];
            var rest = fragmentAt < 0 ? "" : url[fragmentAt..];
            if (Documents.NotebookFile.IsNotebook(path))
            {
                return Path.ChangeExtension(path, ".html") + rest;
            }
        }

        return url;
    }

    private static bool IsRelative(string url) =>
        !url.StartsWith('/') && !url.StartsWith('#') && !url.Contains("://", StringComparison.Ordinal)
        && !url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
}
