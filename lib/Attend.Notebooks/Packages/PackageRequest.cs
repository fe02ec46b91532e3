using System.Diagnostics.CodeAnalysis;

namespace Attend.Notebooks.Packages;

/// <summary>
/// A <c>#r "nuget: Name, Version"</c> request. The version may be omitted (latest stable), exact
/// (<c>13.0.1</c>), a range (<c>[1.0,2.0)</c>) or floating (<c>1.*</c>, <c>*-*</c>), as a
/// <c>PackageReference</c> accepts.
/// </summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The version as written, or null when omitted.</param>
public sealed record PackageRequest(string Name, string? Version)
{
    /// <summary>Parses the text inside the quotes: <c>nuget: Name</c> or <c>nuget: Name, Version</c>.</summary>
    /// <param name="text">The directive's quoted text.</param>
    /// <param name="request">The request when parsed.</param>
    /// <param name="error">Why it could not be parsed.</param>
    /// <returns>True when parsed.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out PackageRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        var colon = text.IndexOf(':');
        var body = colon < 0 ? "" : text[(colon + 1)..];
        var comma = body.IndexOf(',');
        var name = (comma < 0 ? body : body[..comma]).Trim();
        var version = comma < 0 ? null : body[(comma + 1)..].Trim();
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\'))
        {
            error = $"#r \"{text}\": expected \"nuget: <package id>\" or \"nuget: <package id>, <version>\"";
            return false;
        }

        request = new PackageRequest(name, string.IsNullOrEmpty(version) ? null : version);
        error = null;
        return true;
    }

    /// <summary>The directive as written in a cell.</summary>
    /// <returns>The directive text.</returns>
    public override string ToString() => Version is null ? $"#r \"nuget: {Name}\"" : $"#r \"nuget: {Name}, {Version}\"";
}
