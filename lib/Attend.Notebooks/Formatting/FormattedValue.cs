namespace Attend.Notebooks.Formatting;

/// <summary>A value formatted for one mime type: one entry of a display's mime bundle.</summary>
/// <param name="MimeType">The mime type.</param>
/// <param name="Value">The formatted content.</param>
public sealed record FormattedValue(string MimeType, string Value);
