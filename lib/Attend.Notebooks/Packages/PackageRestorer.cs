using System.Diagnostics;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;

namespace Attend.Notebooks.Packages;

/// <summary>
/// Restores <c>#r "nuget: ..."</c> packages as the real kernel does: every package asked for so far goes into a
/// generated project in a temporary folder, <c>dotnet restore</c> resolves them together against the configured
/// sources (the user's NuGet configuration plus <c>#i</c> sources and the runner's), and the runtime assemblies
/// of the resolved packages become script references. One version per package per notebook: asking for another
/// version of a package already added fails with the kernel's message.
/// </summary>
internal sealed class PackageRestorer : IDisposable
{
    private readonly List<string> sources;
    private readonly string dotnet;
    private readonly string? packagesFolder;
    private readonly List<PackageRequest> requested = [];
    private readonly Dictionary<string, string> resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> referenced = new(StringComparer.Ordinal);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "attend-notebooks", "restore-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Creates a restorer.</summary>
    /// <param name="sources">Package sources added to the user's configured ones.</param>
    /// <param name="dotnetPath">The <c>dotnet</c> executable, or null to find it.</param>
    /// <param name="packagesFolder">Where packages are extracted, or null for the global packages folder.</param>
    public PackageRestorer(IEnumerable<string> sources, string? dotnetPath, string? packagesFolder = null)
    {
        this.sources = [.. sources];
        this.packagesFolder = packagesFolder;
        dotnet = dotnetPath ?? FindDotnet();
    }

    /// <summary>Adds a package source (<c>#i "nuget: ..."</c>).</summary>
    /// <param name="source">A feed URL or an absolute folder.</param>
    public void AddSource(string source)
    {
        if (!sources.Contains(source))
        {
            sources.Add(source);
        }
    }

    /// <summary>Restores the packages of one cell together with those added before.</summary>
    /// <param name="requests">The cell's requests.</param>
    /// <param name="cancellationToken">Stops the restore (the process is killed).</param>
    /// <returns>What was installed and the new assembly paths to reference, or the error.</returns>
    public async Task<RestoreResult> RestoreAsync(IReadOnlyList<PackageRequest> requests, CancellationToken cancellationToken)
    {
        var added = new List<PackageRequest>();
        foreach (var request in requests.DistinctBy(r => r.Name.ToLowerInvariant()))
        {
            var earlier = requested.FirstOrDefault(r => string.Equals(r.Name, request.Name, StringComparison.OrdinalIgnoreCase));
            if (earlier is null)
            {
                added.Add(request);
                continue;
            }

            var loaded = resolved.GetValueOrDefault(request.Name) ?? earlier.Version ?? "*";
            if (request.Version is not null && request.Version != earlier.Version && request.Version != loaded)
            {
                return RestoreResult.Failed($"{request.Name} version {request.Version} cannot be added because version {loaded} was added previously.");
            }
        }

        if (added.Count > 0)
        {
            requested.AddRange(added);
            var error = await RunRestoreAsync(cancellationToken);
            if (error is not null)
            {
                // Forget the failed requests so that a later cell can ask again.
                requested.RemoveAll(added.Contains);
                var asked = string.Join(", ", added.Select(a => a.ToString()));
                return RestoreResult.Failed($"Unable to restore {asked}:\n{error}");
            }
        }

        var assets = ReadAssets();
        var installed = requests
            .Select(r => (r.Name, Version: resolved.GetValueOrDefault(r.Name) ?? r.Version ?? "?"))
            .ToList();
        var paths = assets.Where(referenced.Add).ToList();
        return new RestoreResult(installed, paths, null);
    }

    /// <summary>Deletes the generated project folder.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private async Task<string?> RunRestoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, "restore.csproj");
        await File.WriteAllTextAsync(project, ProjectText(), cancellationToken);

        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in (string[])["restore", project, "--nologo", "--verbosity", "quiet",
                     // The temporary folder may sit under a repository: its build files must not apply.
                     "-p:ImportDirectoryBuildProps=false", "-p:ImportDirectoryBuildTargets=false",
                     "-p:ImportDirectoryPackagesProps=false"])
        {
            start.ArgumentList.Add(argument);
        }

        // When the runner itself runs under dotnet test or msbuild, their variables would redirect the child's MSBuild.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + "\n" + await errors;
        return process.ExitCode == 0 ? null : RestoreErrors(text, process.ExitCode);
    }

    private string ProjectText()
    {
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var builder = new StringBuilder();
        builder.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        builder.AppendLine("  <PropertyGroup>");
        builder.AppendLine($"    <TargetFramework>{framework}</TargetFramework>");
        if (sources.Count > 0)
        {
            builder.AppendLine($"    <RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(";", sources))}</RestoreAdditionalProjectSources>");
        }

        if (packagesFolder is not null)
        {
            builder.AppendLine($"    <RestorePackagesPath>{SecurityElement.Escape(packagesFolder)}</RestorePackagesPath>");
        }

        builder.AppendLine("  </PropertyGroup>");
        builder.AppendLine("  <ItemGroup>");
        foreach (var request in requested)
        {
            var version = request.Version ?? "*"; // no version: the latest stable, as the kernel does
            builder.AppendLine($"    <PackageReference Include=\"{SecurityElement.Escape(request.Name)}\" Version=\"{SecurityElement.Escape(version)}\" />");
        }

        builder.AppendLine("  </ItemGroup>");
        builder.AppendLine("</Project>");
        return builder.ToString();
    }

    private List<string> ReadAssets()
    {
        // obj/project.assets.json: targets[framework]["Name/Version"].runtime lists each package's runtime assemblies.
        var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "obj", "project.assets.json")))!;
        var packageFolder = (assets["packageFolders"] as JsonObject)?.Select(p => p.Key).FirstOrDefault()
                            ?? throw new InvalidOperationException("project.assets.json names no package folder");
        var target = (assets["targets"] as JsonObject)?.Select(p => p.Value).OfType<JsonObject>().FirstOrDefault() ?? [];
        var paths = new List<string>();
        foreach (var (key, value) in target)
        {
            if (value?["type"]?.GetValue<string>() != "package")
            {
                continue;
            }

            var slash = key.IndexOf('/');
            resolved[key[..slash]] = key[(slash + 1)..];
            var libraryPath = assets["libraries"]?[key]?["path"]?.GetValue<string>() ?? key.ToLowerInvariant();
            foreach (var (asset, _) in value["runtime"] as JsonObject ?? [])
            {
                if (!asset.EndsWith("/_._", StringComparison.Ordinal))
                {
                    paths.Add(Path.GetFullPath(Path.Combine(packageFolder, libraryPath, asset)));
                }
            }
        }

        return paths;
    }

    private static string RestoreErrors(string output, int exitCode)
    {
        // "…/restore.csproj : error NU1101: Unable to find package X. …" → "error NU1101: Unable to find package X. …"
        var errors = output.Split('\n')
            .Select(l => l.Trim())
            .Select(l => l.IndexOf("error ", StringComparison.Ordinal) is var at and >= 0 ? l[at..] : null)
            .OfType<string>()
            .Distinct()
            .ToList();
        return errors.Count > 0 ? string.Join("\n", errors) : $"dotnet restore failed (exit code {exitCode}):\n{output.Trim()}";
    }

    private static string FindDotnet()
    {
        // dotnet sets DOTNET_HOST_PATH for the processes it starts (tests, tools); else the host running us, else PATH.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root
            && Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet") is var rooted && File.Exists(rooted))
        {
            return rooted;
        }

        return "dotnet";
    }
}

/// <summary>The outcome of restoring one cell's packages.</summary>
/// <param name="Installed">The cell's packages with their resolved versions.</param>
/// <param name="NewAssemblies">Runtime assemblies not referenced before.</param>
/// <param name="Error">Why the packages could not be had, or null.</param>
internal sealed record RestoreResult(IReadOnlyList<(string Name, string Version)> Installed, IReadOnlyList<string> NewAssemblies, string? Error)
{
    /// <summary>A failed restore.</summary>
    /// <param name="error">The message.</param>
    /// <returns>The result.</returns>
    public static RestoreResult Failed(string error) => new([], [], error);
}
