namespace Attend.Notebooks.Formatting;

/// <summary>The mime types C# notebooks display.</summary>
public static class MimeTypes
{
    /// <summary><c>text/plain</c>: the default here, and what strings are shown as.</summary>
    public const string PlainText = "text/plain";

    /// <summary><c>text/html</c>: shown when a type provides an HTML formatter, and for <c>HTML(...)</c> content.</summary>
    public const string Html = "text/html";

    /// <summary><c>text/markdown</c>.</summary>
    public const string Markdown = "text/markdown";

    /// <summary><c>text/csv</c>.</summary>
    public const string Csv = "text/csv";

    /// <summary><c>application/json</c>: saved as a JSON object rather than a line array.</summary>
    public const string Json = "application/json";

    /// <summary><c>image/svg+xml</c>: a static plot that renders everywhere, GitHub included.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary><c>image/png</c>, saved base64-encoded.</summary>
    public const string Png = "image/png";
}
