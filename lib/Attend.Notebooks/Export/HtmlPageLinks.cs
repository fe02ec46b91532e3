namespace Attend.Notebooks.Export;

/// <summary>Where a page's links point, each relative to the page.</summary>
/// <param name="Assets">The assets folder, ending with '/' (<c>assets/</c>, or <c>../assets/</c> one folder down).</param>
/// <param name="Index">The contents page, or null for a page without one.</param>
/// <param name="Previous">The previous chapter (title, relative URL), or null.</param>
/// <param name="Next">The next chapter (title, relative URL), or null.</param>
public sealed record HtmlPageLinks(
    string Assets = "assets/",
    string? Index = null,
    (string Title, string Url)? Previous = null,
    (string Title, string Url)? Next = null);
