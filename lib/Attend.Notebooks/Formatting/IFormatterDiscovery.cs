namespace Attend.Notebooks.Formatting;

/// <summary>
/// Finds formatters a type brings with it, the first time a value of that type is formatted. This is the
/// extension point for the real kernel's convention of a <c>[TypeFormatterSource(typeof(...))]</c> attribute,
/// recognised by name so that a library needs no reference to the kernel: a discovery looks for the attribute on
/// the type and returns the formatters of the source it names.
/// </summary>
public interface IFormatterDiscovery
{
    /// <summary>The formatters <paramref name="type"/> declares; empty when it declares none.</summary>
    /// <param name="type">A type seen for the first time (the value's type or one of its base types).</param>
    /// <returns>The formatters to register for it.</returns>
    IEnumerable<ITypeFormatter> Discover(Type type);
}
