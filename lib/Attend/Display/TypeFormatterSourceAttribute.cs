namespace Attend.Display;

/// <summary>
/// Names the class that creates this type's notebook formatters. The .NET Interactive kernel matches this attribute
/// by its name and shape (constructor taking the source type, <see cref="FormatterSourceType"/>,
/// <see cref="PreferredMimeTypes"/>), so the library renders richly in VS Code and Jupyter without referencing the
/// kernel's packages; the course's own runner honours the same convention.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Declares <paramref name="formatterSourceType"/> as the formatter source.</summary>
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    /// <summary>A class with a public parameterless constructor and <c>IEnumerable&lt;object&gt; CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>The MIME types to show, most preferred first (null: the kernel's default).</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
