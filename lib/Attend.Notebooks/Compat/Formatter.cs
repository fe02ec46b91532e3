using Attend.Notebooks.Execution;
using Attend.Notebooks.Formatting;

namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// The real kernel's <c>Formatter</c> API, reaching the running notebook's <see cref="IFormatterRegistry"/>
/// (outside a notebook, <see cref="FormatterRegistry.Shared"/>). Note the default mime type of
/// <c>Register</c>: <c>text/plain</c>, as in the real kernel.
/// </summary>
public static class Formatter
{
    /// <summary>The registry calls go to: the running notebook's, else the shared one.</summary>
    public static IFormatterRegistry Registry => CellContext.Current?.Formatters ?? FormatterRegistry.Shared;

    /// <summary>How many items of a sequence are written before <c>... (N more)</c>.</summary>
    public static int ListExpansionLimit
    {
        get => Registry.ListExpansionLimit;
        set => Registry.ListExpansionLimit = value;
    }

    /// <summary>Registers a formatter returning the text of a value.</summary>
    /// <typeparam name="T">The type formatted (and its subtypes).</typeparam>
    /// <param name="formatter">Returns the formatted text.</param>
    /// <param name="mimeType">The mime type produced.</param>
    public static void Register<T>(Func<T, string> formatter, string mimeType = MimeTypes.PlainText) =>
        Registry.Register(TypeFormatter.Create(formatter, mimeType));

    /// <summary>Registers a formatter writing a value to a writer.</summary>
    /// <typeparam name="T">The type formatted (and its subtypes).</typeparam>
    /// <param name="formatter">Writes the formatted text.</param>
    /// <param name="mimeType">The mime type produced.</param>
    public static void Register<T>(Action<T, TextWriter> formatter, string mimeType = MimeTypes.PlainText) =>
        Registry.Register(new TypeFormatter(typeof(T), mimeType, (value, writer, _) =>
        {
            formatter((T)value, writer);
            return true;
        }));

    /// <summary>Registers a formatter for a type known at run time (an open generic type is allowed).</summary>
    /// <param name="type">The type formatted.</param>
    /// <param name="formatter">Writes the formatted text.</param>
    /// <param name="mimeType">The mime type produced.</param>
    public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = MimeTypes.PlainText) =>
        Registry.Register(new TypeFormatter(type, mimeType, (value, writer, _) =>
        {
            formatter(value, writer);
            return true;
        }));

    /// <summary>Registers a formatter object.</summary>
    /// <param name="formatter">The formatter.</param>
    public static void Register(ITypeFormatter formatter) => Registry.Register(formatter);

    /// <summary>Sets the mime types values of <paramref name="type"/> are displayed as when <c>display</c> names none.</summary>
    /// <param name="type">The type.</param>
    /// <param name="preferredMimeTypes">The mime types, in order.</param>
    public static void SetPreferredMimeTypesFor(Type type, params string[] preferredMimeTypes) =>
        Registry.SetPreferredMimeTypes(type, preferredMimeTypes);

    /// <summary>Removes every registration and preference.</summary>
    public static void ResetToDefault() => Registry.ResetToDefault();

    /// <summary>Formats a value for a mime type, as a display would.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeType">The mime type.</param>
    /// <returns>The formatted text.</returns>
    public static string ToDisplayString(this object? value, string mimeType = MimeTypes.PlainText) =>
        Registry.Format(value, mimeType);
}
