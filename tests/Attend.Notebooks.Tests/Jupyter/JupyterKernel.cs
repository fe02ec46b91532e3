using System.Diagnostics;

namespace Attend.Notebooks.Tests;

/// <summary>
/// Runs notebooks through Jupyter's own <c>nbclient</c> with the real .NET Interactive kernel (the repository's local
/// tool, <c>.config/dotnet-tools.json</c>), registered in a temporary Jupyter folder by <c>tools/install-jupyter-kernel.sh</c>.
/// Needs Debian's <c>python3-nbclient</c> and <c>dotnet tool restore</c>; <c>.ci/run</c> provides both.
/// </summary>
internal static class JupyterKernel
{
    public const string Python = "/usr/bin/python3";

    public static readonly string Root = RepositoryRoot.Find();

    public static string Folder => Path.Combine(Root, "tests", "Attend.Notebooks.Tests", "Jupyter");

    /// <summary>Why the Jupyter tests cannot run here, or null when they can.</summary>
    public static readonly string? Missing = FindMissing();

    /// <summary>CI must run them (CI=true): there a missing piece is a failure, not a skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Executes <paramref name="notebook"/> with its kernel started in <paramref name="workingDirectory"/>; returns the saved notebook's path.</summary>
    public static async Task<(string Output, string Log, string? Listeners)> ExecuteAsync(string notebook, string workingDirectory, bool listListeners = false)
    {
        Assert.True(Missing is null, Missing);
        var folder = Fixture.TempFolder();
        var jupyter = Path.Combine(folder, "jupyter");
        var (code, log) = await RunAsync("bash", [Path.Combine(Root, "tools", "install-jupyter-kernel.sh"), jupyter], Root, [], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, "tools/install-jupyter-kernel.sh failed:\n" + log);

        var output = Path.Combine(folder, Path.GetFileName(notebook));
        var listeners = Path.Combine(folder, "listeners.txt");
        List<string> arguments = [Path.Combine(Folder, "run_nbclient.py"), notebook, output, "--cwd", workingDirectory, "--timeout", "300", "--env", "ATTEND_QUICK=1"];
        if (listListeners)
        {
            arguments.AddRange(["--listeners", listeners]);
        }

        (code, log) = await RunAsync(Python, [.. arguments], Root,
            [("JUPYTER_PATH", jupyter), ("DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT", "1"), ("DOTNET_CLI_TELEMETRY_OPTOUT", "1")],
            TimeSpan.FromMinutes(6));
        Assert.True(code == 0, $"nbclient failed on {notebook}:\n{log}");
        return (output, log, listListeners ? File.ReadAllText(listeners) : null);
    }

    public static async Task<(int ExitCode, string Log)> RunAsync(string file, string[] arguments, string workingDirectory,
        (string Name, string Value)[] environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} did not finish within {timeout}:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing (apt-get install python3-nbclient)";
        }

        var (code, _) = RunAsync(Python, ["-c", "import nbclient, nbformat"], Root, [], TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        if (code != 0)
        {
            return "python3-nbclient is not installed (apt-get install python3-nbclient)";
        }

        (code, var log) = RunAsync("dotnet", ["tool", "run", "dotnet-interactive", "--", "--version"], Root, [], TimeSpan.FromSeconds(120)).GetAwaiter().GetResult();
        return code != 0 ? "the dotnet-interactive tool is not restored (dotnet tool restore): " + log.Trim() : null;
    }
}

/// <summary>A test that needs Jupyter and the .NET kernel: skipped without them, except on CI, where it runs and fails.</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (JupyterKernel.Missing is { } missing && !JupyterKernel.Required)
        {
            Skip = missing + "; on CI (CI=true) this test fails instead";
        }
    }
}

/// <summary>The repository's root: the folder above the test assembly that holds Notebooks.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Notebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
