using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Attend.Notebooks.Formatting;

/// <summary>
/// The default <c>text/plain</c> rendering, following the real kernel's single-line style: null is
/// <c>&lt;null&gt;</c>, strings are themselves, sequences are <c>[ 1, 2, 3 ]</c> with at most
/// <see cref="IFormatterRegistry.ListExpansionLimit"/> items then <c> ... (N more)</c>, key/value pairs
/// <c>key: value</c>, tuples <c>( 1, a )</c>, and everything else its invariant-culture <c>ToString()</c>.
/// Items of sequences go through the registry, so a type's registered formatter applies inside collections too.
/// </summary>
public static class PlainTextFormatter
{
    /// <summary>The text of a null value.</summary>
    public const string NullString = "<null>";

    /// <summary>How deep nested sequences are expanded before falling back to <c>ToString()</c>.</summary>
    public const int RecursionLimit = 6;

    // Counts the nesting of sequences on this thread, to stop at self-containing collections.
    [ThreadStatic]
    private static int depth;

    /// <summary>Formats <paramref name="value"/> as plain text.</summary>
    /// <param name="value">The value (null allowed).</param>
    /// <param name="registry">The registry that formats nested items.</param>
    /// <returns>The text.</returns>
    public static string Format(object? value, IFormatterRegistry registry)
    {
        switch (value)
        {
            case null:
                return NullString;
            case string text:
                return text;
            case HtmlString html:
                return html.Html;
            case DateTime time:
                return time.ToString("u", CultureInfo.InvariantCulture);
            case DateTimeOffset time:
                return time.ToString("u", CultureInfo.InvariantCulture);
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case ITuple tuple when IsTuple(value.GetType()):
                return Join("( ", Enumerable.Range(0, tuple.Length).Select(i => tuple[i]), " )", registry, int.MaxValue);
            case IEnumerable sequence when depth < RecursionLimit:
                return Join("[ ", sequence.Cast<object?>(), " ]", registry, registry.ListExpansionLimit);
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            var key = type.GetProperty("Key")!.GetValue(value);
            var item = type.GetProperty("Value")!.GetValue(value);
            return Item(key, registry) + ": " + Item(item, registry);
        }

        return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
    }

    private static string Join(string open, IEnumerable<object?> items, string close, IFormatterRegistry registry, int limit)
    {
        var builder = new StringBuilder(open);
        var written = 0;
        using var enumerator = items.GetEnumerator();
        while (enumerator.MoveNext())
        {
            if (written == limit)
            {
                // Count what is left without formatting it; stop counting at a bound in case the sequence never ends.
                var more = 1;
                while (more < 10_000 && enumerator.MoveNext())
                {
                    more++;
                }

                builder.Append(" ... (").Append(more).Append(more == 10_000 ? "+" : "").Append(" more)");
                break;
            }

            if (written > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Item(enumerator.Current, registry));
            written++;
        }

        return builder.Append(close).ToString();
    }

    private static string Item(object? item, IFormatterRegistry registry)
    {
        depth++;
        try
        {
            return registry.Format(item, MimeTypes.PlainText);
        }
        finally
        {
            depth--;
        }
    }

    private static bool IsTuple(Type type) =>
        type.IsGenericType && (type.FullName?.StartsWith("System.Tuple`", StringComparison.Ordinal) == true
                               || type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true);
}
