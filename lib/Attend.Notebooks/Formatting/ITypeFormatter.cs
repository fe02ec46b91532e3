namespace Attend.Notebooks.Formatting;

/// <summary>Formats values of one type (and its subtypes) for one mime type.</summary>
public interface ITypeFormatter
{
    /// <summary>The type formatted: a class, an interface, or an open generic type such as <c>typeof(List&lt;&gt;)</c>.</summary>
    Type Type { get; }

    /// <summary>The mime type produced.</summary>
    string MimeType { get; }

    /// <summary>Writes <paramref name="value"/> formatted.</summary>
    /// <param name="value">An instance of <see cref="Type"/>.</param>
    /// <param name="writer">Where the formatted text goes.</param>
    /// <param name="registry">The registry, to format nested values with their own formatters.</param>
    /// <returns>False to decline, letting a less specific formatter handle the value.</returns>
    bool Format(object value, TextWriter writer, IFormatterRegistry registry);
}
