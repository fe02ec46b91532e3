using System.Diagnostics;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

/// <summary>
/// Every chapter in <c>notebooks/</c> runs in quick mode, the way the README's main job runs it (the command-line
/// runner in its own process, current directory = the notebook's folder, the library loaded with <c>#r</c> from
/// its Release build), and any error output fails the test.
/// </summary>
public class CourseNotebookTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Chapters()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void RunsInQuickModeWithoutErrorOutputs(string chapter)
    {
        EnsureLibraryBuilt();
        var output = Path.Combine(Fixture.TempFolder(), chapter);
        var cli = Path.Combine(AppContext.BaseDirectory, "attend-notebooks.dll");
        var (exitCode, log) = Run("dotnet", [cli, "run", Path.Combine(Root, "notebooks", chapter), "--quick", "--output", output, "--timeout", "900"]);

        var executed = IpynbFormat.Read(File.ReadAllText(output));
        var errors = executed.Cells.SelectMany((cell, i) => cell.Outputs.OfType<ErrorOutput>().Select(e => $"cell {i}: {e.Value}")).ToList();
        Assert.True(errors.Count == 0, $"{chapter} has error outputs:\n{string.Join("\n", errors)}\n\nrunner log:\n{log}");
        Assert.True(exitCode == 0, $"{chapter}: the runner exited with {exitCode}:\n{log}");
        Assert.Contains(executed.Cells, c => c.Outputs.Count > 0);
    }

    /// <summary>The chapters reference lib/Attend/bin/Release; a Debug test run may not have built it yet.</summary>
    internal static void EnsureLibraryBuilt()
    {
        if (!File.Exists(Path.Combine(Root, "lib", "Attend", "bin", "Release", "net10.0", "Attend.dll")))
        {
            var (code, log) = Run("dotnet", ["build", Path.Combine(Root, "lib", "Attend", "Attend.csproj"), "-c", "Release"]);
            Assert.True(code == 0, "building lib/Attend in Release failed:\n" + log);
        }
    }

    private static (int ExitCode, string Log) Run(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string FindRoot()
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
