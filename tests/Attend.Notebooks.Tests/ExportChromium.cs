using System.Diagnostics;

namespace Attend.Notebooks.Tests;

/// <summary>Debian's headless Chromium, for the tests that open an exported page in a real browser.</summary>
internal static class ExportChromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool Available => File.Exists(Path);

    /// <summary>On CI (<c>CI=true</c>) a missing browser is a failure: .ci/run installs it.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs Chromium headless, offline and without a profile, on <paramref name="url"/>; returns its stdout and stderr.</summary>
    public static async Task<(string Out, string Err)> RunAsync(string url, string profile, params string[] extra)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
                 [
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={profile}", .. extra, url,
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish {url} within 60 s:\n{await stderr}");
        }

        return (await stdout, await stderr);
    }
}

/// <summary>A test that needs Chromium: skipped without it, except on CI, where it runs and fails.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!ExportChromium.Available && !ExportChromium.Required)
        {
            Skip = $"{ExportChromium.Path} is not installed (apt-get install chromium); on CI (CI=true) this test fails instead";
        }
    }
}
