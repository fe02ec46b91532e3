using System.Net;
using System.Text.Json;

namespace Attend.Notebooks.Formatting;

/// <summary>The default <see cref="IFormatterRegistry"/>: thread-safe, one per notebook run.</summary>
public sealed class FormatterRegistry : IFormatterRegistry
{
    /// <summary>The default number of sequence items written out (as the real kernel's <c>Formatter.ListExpansionLimit</c>).</summary>
    public const int DefaultListExpansionLimit = 20;

    private readonly object gate = new();
    private readonly List<ITypeFormatter> registered = [];
    private readonly List<ITypeFormatter> discovered = [];
    private readonly List<(Type Type, string[] MimeTypes)> preferences = [];
    private readonly List<IFormatterDiscovery> discoveries = [];
    private readonly HashSet<Type> discoveredTypes = [];
    private readonly Dictionary<(Type, string), ITypeFormatter?> cache = [];
    private int listExpansionLimit = DefaultListExpansionLimit;

    /// <summary>A registry that finds formatter sources by the kernel's convention, as the real kernel always does.</summary>
    public FormatterRegistry()
        : this(discoverByConvention: true)
    {
    }

    /// <summary>A registry, with or without <see cref="ConventionFormatterDiscovery"/>.</summary>
    /// <param name="discoverByConvention">False for a registry that knows only what is registered or added.</param>
    public FormatterRegistry(bool discoverByConvention)
    {
        if (discoverByConvention)
        {
            discoveries.Add(new ConventionFormatterDiscovery());
        }
    }

    /// <summary>The registry used when no notebook is running (code outside the runner calling <c>Formatter</c> or <c>display</c>).</summary>
    public static FormatterRegistry Shared { get; } = new();

    /// <inheritdoc />
    public int ListExpansionLimit
    {
        get => listExpansionLimit;
        set => listExpansionLimit = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "ListExpansionLimit must be at least 0");
    }

    /// <inheritdoc />
    public void Register(ITypeFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (gate)
        {
            registered.Add(formatter);
            cache.Clear();
        }
    }

    /// <inheritdoc />
    public void SetPreferredMimeTypes(Type type, params string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (mimeTypes.Length == 0 || mimeTypes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("give at least one mime type, none empty", nameof(mimeTypes));
        }

        lock (gate)
        {
            preferences.Add((type, mimeTypes));
        }
    }

    /// <inheritdoc />
    public void AddDiscovery(IFormatterDiscovery discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        lock (gate)
        {
            discoveries.Add(discovery);
            discoveredTypes.Clear(); // types seen before the discovery was added are looked at again
            cache.Clear();
        }
    }

    /// <inheritdoc />
    public ITypeFormatter? FindFormatter(Type type, string mimeType)
    {
        lock (gate)
        {
            if (cache.TryGetValue((type, mimeType), out var cached))
            {
                return cached;
            }

            Discover(type);

            // Registered formatters win over discovered ones; within each list the most specific type wins and,
            // among equally specific ones, the latest.
            var best = MostSpecific(registered, type, mimeType) ?? MostSpecific(discovered, type, mimeType);
            cache[(type, mimeType)] = best;
            return best;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> PreferredMimeTypes(object? value)
    {
        if (value is null or string)
        {
            return [MimeTypes.PlainText];
        }

        if (value is HtmlString)
        {
            return [MimeTypes.Html];
        }

        var type = value.GetType();
        lock (gate)
        {
            Discover(type); // a formatter source may state the type's preferred mime types
            var best = -1;
            string[]? chosen = null;
            for (var i = 0; i < preferences.Count; i++)
            {
                var distance = TypeDistance.Of(preferences[i].Type, type);
                if (distance >= 0 && (chosen is null || distance <= best))
                {
                    best = distance;
                    chosen = preferences[i].MimeTypes;
                }
            }

            if (chosen is not null)
            {
                return chosen;
            }
        }

        // No default HTML tree here: HTML only where the type provides a formatter for it, with plain text beside.
        // A discovered HTML formatter is shown alone: the kernel's default mime type for any object is text/html,
        // so a formatter source that states no preference gets exactly that.
        var html = FindFormatter(type, MimeTypes.Html);
        if (html is null)
        {
            return [MimeTypes.PlainText];
        }

        lock (gate)
        {
            return discovered.Contains(html) ? [MimeTypes.Html] : [MimeTypes.Html, MimeTypes.PlainText];
        }
    }

    /// <inheritdoc />
    public string Format(object? value, string mimeType)
    {
        if (value is not null && FindFormatter(value.GetType(), mimeType) is { } formatter)
        {
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            if (formatter.Format(value, writer, this))
            {
                return writer.ToString();
            }
        }

        return FormatByDefault(value, mimeType);
    }

    /// <inheritdoc />
    public void ResetToDefault()
    {
        lock (gate)
        {
            registered.Clear();
            discovered.Clear();
            preferences.Clear();
            discoveredTypes.Clear();
            cache.Clear();
            listExpansionLimit = DefaultListExpansionLimit;
        }
    }

    private string FormatByDefault(object? value, string mimeType)
    {
        switch (mimeType)
        {
            case MimeTypes.PlainText:
                return PlainTextFormatter.Format(value, this);
            case MimeTypes.Html:
                // The real kernel's HTML for a scalar: the plain text, encoded, in a <pre>.
                return value is HtmlString html
                    ? html.Html
                    : $"<div class=\"dni-plaintext\"><pre>{WebUtility.HtmlEncode(PlainTextFormatter.Format(value, this))}</pre></div>";
            case var json when Documents.DisplayDataOutput.IsJsonMimeType(json):
                try
                {
                    return JsonSerializer.Serialize(value);
                }
                catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
                {
                    return JsonSerializer.Serialize(PlainTextFormatter.Format(value, this));
                }

            default:
                return value is string text ? text : PlainTextFormatter.Format(value, this);
        }
    }

    /// <summary>
    /// Asks every discovery about the value's runtime type once (as the kernel does: a source declared on a base
    /// class reaches the type through attribute inheritance, so base types are not asked on their own).
    /// </summary>
    private void Discover(Type type)
    {
        if (discoveries.Count == 0 || discoveredTypes.Contains(type))
        {
            return;
        }

        // Nothing is kept unless every discovery succeeds: a broken formatter source fails every display, as in the kernel.
        var formatters = new List<ITypeFormatter>();
        var preferred = new List<string[]>();
        foreach (var discovery in discoveries)
        {
            formatters.AddRange(discovery.Discover(type));
            if (discovery.PreferredMimeTypes(type) is { Count: > 0 } mimeTypes)
            {
                preferred.Add([.. mimeTypes]);
            }
        }

        discoveredTypes.Add(type);
        discovered.AddRange(formatters);
        preferences.AddRange(preferred.Select(mimeTypes => (type, mimeTypes)));
        cache.Clear();
    }

    private static ITypeFormatter? MostSpecific(List<ITypeFormatter> formatters, Type type, string mimeType)
    {
        ITypeFormatter? best = null;
        var bestDistance = int.MaxValue;
        foreach (var formatter in formatters)
        {
            if (formatter.MimeType != mimeType)
            {
                continue;
            }

            var distance = TypeDistance.Of(formatter.Type, type);
            if (distance >= 0 && distance <= bestDistance)
            {
                best = formatter;
                bestDistance = distance;
            }
        }

        return best;
    }
}
