namespace Attend.Display;

/// <summary>
/// Names the class that creates this type's notebook formatters. The .NET Interactive kernel matches this attribute
/// by its name alone (<c>TypeFormatterSourceAttribute</c>, any namespace) on the displayed value's class or, through
/// attribute inheritance, one of its base classes — never on an interface — and reads
/// <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/> by reflection. So the library renders
/// richly in VS Code and Jupyter without referencing the kernel's packages, and the course's runner honours the same
/// convention (see README.md beside this file).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Declares <paramref name="formatterSourceType"/> as the formatter source.</summary>
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    /// <summary>
    /// A class with a public parameterless constructor and a public <c>CreateTypeFormatters()</c> returning a
    /// sequence of formatter objects (each with <c>string MimeType</c>, optional <c>Type Type</c> and
    /// <c>bool Format(object instance, TextWriter writer)</c>).
    /// </summary>
    public Type FormatterSourceType { get; }

    /// <summary>
    /// The MIME types a value is displayed as when <c>display</c> names none, in order. Null keeps the kernel's
    /// default, which is <c>text/html</c> alone; list <c>text/plain</c> too for a text form beside the HTML.
    /// </summary>
    public string[]? PreferredMimeTypes { get; set; }
}
