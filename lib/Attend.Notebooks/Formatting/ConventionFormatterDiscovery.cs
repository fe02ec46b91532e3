using System.Collections;
using System.Reflection;

namespace Attend.Notebooks.Formatting;

/// <summary>
/// The real kernel's convention-based formatter sources (dotnet/interactive, <c>Formatter.cs</c>,
/// <c>TryRegisterFromConventionBasedFormatterSources</c>), for any library, by reflection and by name only:
/// <list type="number">
/// <item>the attributes of the value's runtime type, inherited ones included (<c>GetCustomAttributes(true)</c>:
/// the class and its base classes, never its interfaces), whose class is named <c>TypeFormatterSourceAttribute</c>
/// in any namespace;</item>
/// <item>each one's <c>FormatterSourceType</c> property names a class created with its public parameterless
/// constructor, whose public <c>CreateTypeFormatters()</c> returns a sequence of formatter objects;</item>
/// <item>a formatter object is used when its public <c>MimeType</c> property is a string; its public
/// <c>Type</c> property says what it formats (missing: the displayed type itself) and its one public
/// <c>bool Format(object, TextWriter)</c> writes the value (returning false declines it);</item>
/// <item>the attribute's <c>PreferredMimeTypes</c> (a <c>string[]</c>, when not null) become the type's preferred
/// mime types, as <c>Formatter.SetPreferredMimeTypesFor</c> would set them.</item>
/// </list>
/// A source that breaks the convention (no public constructor, no <c>CreateTypeFormatters</c>, another
/// <c>Format</c> signature) makes the display fail, as in the kernel, with a message saying what is missing.
/// </summary>
public sealed class ConventionFormatterDiscovery : IFormatterDiscovery
{
    /// <summary>The attribute class name the kernel matches.</summary>
    public const string AttributeName = "TypeFormatterSourceAttribute";

    /// <inheritdoc />
    public IEnumerable<ITypeFormatter> Discover(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var formatters = new List<ITypeFormatter>();
        foreach (var attribute in Attributes(type))
        {
            if (Property(attribute, "FormatterSourceType") is not Type sourceType)
            {
                continue;
            }

            foreach (var candidate in CreateFormatters(type, sourceType))
            {
                if (candidate is not null && Property(candidate, "MimeType") is string mimeType)
                {
                    var formatted = Property(candidate, "Type") as Type ?? type;
                    var format = FormatDelegate(type, candidate);
                    formatters.Add(new TypeFormatter(formatted, mimeType, (value, writer, _) => format(value, writer)));
                }
            }
        }

        return formatters;
    }

    /// <inheritdoc />
    public IReadOnlyList<string>? PreferredMimeTypes(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);

        // Each attribute sets the preference in turn, so the last one that gives any wins.
        string[]? preferred = null;
        foreach (var attribute in Attributes(type))
        {
            if (Property(attribute, "PreferredMimeTypes") is string[] mimeTypes && mimeTypes.Any(m => !string.IsNullOrWhiteSpace(m)))
            {
                preferred = mimeTypes;
            }
        }

        return preferred;
    }

    private static IEnumerable<object> Attributes(Type type) =>
        type.GetCustomAttributes(inherit: true).Where(a => a.GetType().Name == AttributeName);

    /// <summary>The value of a public instance property with a public getter, or null.</summary>
    private static object? Property(object target, string name) =>
        target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetGetMethod()?.Invoke(target, null);

    private static IEnumerable CreateFormatters(Type type, Type sourceType)
    {
        var where = $"The {AttributeName} on {type} names {sourceType}";
        object source;
        try
        {
            source = Activator.CreateInstance(sourceType)!;
        }
        catch (Exception e) when (e is MissingMethodException or MemberAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"{where}, which needs a public parameterless constructor: the kernel creates it with Activator.CreateInstance.", e);
        }
        catch (TargetInvocationException e)
        {
            throw new InvalidOperationException($"{where}, whose constructor threw: {e.InnerException?.Message}", e.InnerException ?? e);
        }

        MethodInfo? create;
        try
        {
            create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
        }
        catch (AmbiguousMatchException e)
        {
            throw new InvalidOperationException($"{where}, which has several public CreateTypeFormatters methods; the kernel needs exactly one.", e);
        }

        if (create is null || create.GetParameters().Length != 0)
        {
            throw new InvalidOperationException($"{where}, which needs a public CreateTypeFormatters() method without parameters returning the formatters.");
        }

        try
        {
            // Anything but a sequence is ignored, as in the kernel.
            return create.Invoke(create.IsStatic ? null : source, null) as IEnumerable ?? Array.Empty<object>();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>Binds the formatter's <c>bool Format(object, TextWriter)</c>, the exact shape the kernel calls.</summary>
    private static Func<object, TextWriter, bool> FormatDelegate(Type type, object formatter)
    {
        var where = $"The formatter {formatter.GetType()} for {type}";
        MethodInfo? method;
        try
        {
            method = formatter.GetType().GetMethod("Format", BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
        }
        catch (AmbiguousMatchException e)
        {
            throw new InvalidOperationException($"{where} has several public Format methods; the kernel needs exactly one: bool Format(object instance, TextWriter writer).", e);
        }

        var parameters = method?.GetParameters();
        if (method is null || method.IsStatic || method.ReturnType != typeof(bool) || parameters!.Length != 2
            || parameters[0].ParameterType != typeof(object) || !parameters[1].ParameterType.IsAssignableFrom(typeof(TextWriter)))
        {
            throw new InvalidOperationException($"{where} needs a public instance method bool Format(object instance, TextWriter writer).");
        }

        return method.CreateDelegate<Func<object, TextWriter, bool>>(formatter);
    }
}
