namespace Attend.Notebooks.Export;

/// <summary>One chapter page of an export.</summary>
/// <param name="Title">The chapter title: the notebook's first heading, else its file name.</param>
/// <param name="Path">The page's path inside the export folder, '/'-separated (<c>part1/01-tensors.html</c>).</param>
public sealed record ExportedPage(string Title, string Path);
