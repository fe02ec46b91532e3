namespace Attend.Display;

/// <summary>
/// Creates the notebook formatters for the library's types, in the shape the .NET Interactive kernel discovers by
/// convention (no package reference): a public parameterless constructor and a public
/// <see cref="CreateTypeFormatters"/> whose objects have <c>string MimeType</c>, <c>Type Type</c> and exactly one
/// public <c>bool Format(object instance, TextWriter writer)</c>.
/// </summary>
public sealed class AttendFormatterSource
{
    /// <summary>The HTML MIME type.</summary>
    public const string Html = "text/html";

    /// <summary>The plain-text MIME type.</summary>
    public const string PlainText = "text/plain";

    /// <summary>The formatters: text/plain and text/html for tensors and for every <see cref="IRichDisplay"/>.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new ConventionFormatter(typeof(Tensor), PlainText, (value, writer) => writer.Write(value.ToString()));
        yield return new ConventionFormatter(typeof(Tensor), Html, (value, writer) => writer.Write(TensorHtml.Render((Tensor)value)));
        yield return new ConventionFormatter(typeof(IRichDisplay), PlainText, (value, writer) => writer.Write(value.ToString()));
        yield return new ConventionFormatter(typeof(IRichDisplay), Html, (value, writer) => writer.Write(((IRichDisplay)value).ToHtml()));
    }
}

/// <summary>One convention-based formatter: what it formats, as which MIME type, and how.</summary>
public sealed class ConventionFormatter
{
    private readonly Action<object, TextWriter> write;

    /// <summary>A formatter of <paramref name="type"/> values as <paramref name="mimeType"/>.</summary>
    public ConventionFormatter(Type type, string mimeType, Action<object, TextWriter> write)
    {
        Type = type;
        MimeType = mimeType;
        this.write = write;
    }

    /// <summary>The type (or interface) this formatter handles, it and its subtypes.</summary>
    public Type Type { get; }

    /// <summary>The MIME type it produces, e.g. "text/html".</summary>
    public string MimeType { get; }

    /// <summary>Writes <paramref name="instance"/>; false (declined) when it is not of <see cref="Type"/>.</summary>
    /// <remarks>The kernel binds this exact signature (an expression call with an <c>object</c> and a
    /// <c>TextWriter</c> argument, returning <c>bool</c>), so it must not be overloaded or changed.</remarks>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is null || !Type.IsInstanceOfType(instance))
        {
            return false;
        }

        write(instance, writer);
        return true;
    }
}
