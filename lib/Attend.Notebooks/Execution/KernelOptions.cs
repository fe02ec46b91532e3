namespace Attend.Notebooks.Execution;

/// <summary>Settings of a <see cref="CSharpKernel"/>.</summary>
public sealed record KernelOptions
{
    /// <summary>Package sources (feed URLs or absolute folders) added to the user's NuGet configuration for <c>#r "nuget: ..."</c>.</summary>
    public IReadOnlyList<string> PackageSources { get; init; } = [];

    /// <summary>
    /// Where restored packages are extracted; null for the user's global packages folder, as the real kernel
    /// (where a package version, once restored, is served from then on).
    /// </summary>
    public string? PackagesFolder { get; init; }

    /// <summary>The <c>dotnet</c> executable used to restore packages; null finds the one running this process.</summary>
    public string? DotnetPath { get; init; }
}
