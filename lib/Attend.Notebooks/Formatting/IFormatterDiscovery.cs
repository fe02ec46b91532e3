namespace Attend.Notebooks.Formatting;

/// <summary>
/// Finds formatters a type brings with it, the first time a value of that type is formatted (and again after
/// <see cref="IFormatterRegistry.ResetToDefault"/>). <see cref="ConventionFormatterDiscovery"/>, on by default,
/// implements the real kernel's convention: a <c>[TypeFormatterSource(typeof(...))]</c> attribute recognised by
/// name, so that a library needs no reference to the kernel.
/// </summary>
public interface IFormatterDiscovery
{
    /// <summary>The formatters <paramref name="type"/> declares; empty when it declares none.</summary>
    /// <param name="type">The runtime type of a value formatted for the first time.</param>
    /// <returns>The formatters to add for it; they rank below registered formatters.</returns>
    IEnumerable<ITypeFormatter> Discover(Type type);

    /// <summary>The mime types <paramref name="type"/> asks to be displayed as, or null to leave the choice to the registry.</summary>
    /// <param name="type">The runtime type of a value formatted for the first time.</param>
    /// <returns>The mime types in order, or null.</returns>
    IReadOnlyList<string>? PreferredMimeTypes(Type type) => null;
}
