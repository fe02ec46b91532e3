namespace Attend.Notebooks.Formatting;

/// <summary>
/// How a notebook's values become display outputs: formatters per (type, mime type), the most specific
/// registered type winning and the latest registration breaking ties, preferred mime types per type, and the
/// defaults (<c>text/plain</c> from <c>ToString</c> with collections as <c>[ 1, 2, 3 ]</c> and null as
/// <c>&lt;null&gt;</c>; <c>text/html</c> only where a type provides it), and the formatters types bring with them
/// through the kernel's <c>TypeFormatterSourceAttribute</c> convention. Each notebook run has its own registry;
/// the real kernel's <c>Formatter</c> API in notebook code reaches it.
/// </summary>
public interface IFormatterRegistry
{
    /// <summary>How many items of a sequence are written before <c>... (N more)</c> (20 by default, as in the real kernel).</summary>
    int ListExpansionLimit { get; set; }

    /// <summary>Adds a formatter; it wins over earlier ones for the same type and mime type.</summary>
    /// <param name="formatter">The formatter.</param>
    void Register(ITypeFormatter formatter);

    /// <summary>Sets the mime types a value of <paramref name="type"/> (or a subtype) is displayed as by default.</summary>
    /// <param name="type">The type.</param>
    /// <param name="mimeTypes">The mime types, in order.</param>
    void SetPreferredMimeTypes(Type type, params string[] mimeTypes);

    /// <summary>Adds a discovery consulted once for every type formatted from now on.</summary>
    /// <param name="discovery">The discovery.</param>
    void AddDiscovery(IFormatterDiscovery discovery);

    /// <summary>The registered or discovered formatter for values of <paramref name="type"/> in <paramref name="mimeType"/>, or null if only the default applies.</summary>
    /// <param name="type">The runtime type of a value.</param>
    /// <param name="mimeType">The mime type.</param>
    /// <returns>The formatter, or null.</returns>
    ITypeFormatter? FindFormatter(Type type, string mimeType);

    /// <summary>The mime types <paramref name="value"/> is displayed as when <c>display</c> names none.</summary>
    /// <param name="value">The value (null allowed).</param>
    /// <returns>One or more mime types.</returns>
    IReadOnlyList<string> PreferredMimeTypes(object? value);

    /// <summary>Formats <paramref name="value"/> for one mime type.</summary>
    /// <param name="value">The value (null allowed).</param>
    /// <param name="mimeType">The mime type.</param>
    /// <returns>The formatted text.</returns>
    string Format(object? value, string mimeType);

    /// <summary>Removes every registration, preference and discovery result, and restores the default limits; the discoveries stay and are asked again.</summary>
    void ResetToDefault();
}
