namespace Attend.Notebooks.Formatting;

/// <summary>An <see cref="ITypeFormatter"/> made from a delegate, as <c>Formatter.Register&lt;T&gt;(...)</c> creates.</summary>
/// <param name="type">The type formatted.</param>
/// <param name="mimeType">The mime type produced.</param>
/// <param name="format">Writes the value; returns false to decline.</param>
public sealed class TypeFormatter(Type type, string mimeType, Func<object, TextWriter, IFormatterRegistry, bool> format) : ITypeFormatter
{
    /// <inheritdoc />
    public Type Type { get; } = type;

    /// <inheritdoc />
    public string MimeType { get; } = mimeType;

    /// <inheritdoc />
    public bool Format(object value, TextWriter writer, IFormatterRegistry registry) => format(value, writer, registry);

    /// <summary>A formatter for <typeparamref name="T"/> that returns the formatted text.</summary>
    /// <typeparam name="T">The type formatted.</typeparam>
    /// <param name="format">Returns the text for a value.</param>
    /// <param name="mimeType">The mime type produced.</param>
    /// <returns>The formatter.</returns>
    public static TypeFormatter Create<T>(Func<T, string> format, string mimeType = MimeTypes.PlainText) =>
        new(typeof(T), mimeType, (value, writer, _) =>
        {
            writer.Write(format((T)value));
            return true;
        });
}
