using System.IO.Compression;
using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Attend.Notebooks.Tests;

/// <summary>#r "nuget: ..." through a generated project and dotnet restore (Newtonsoft.Json 13.0.1 is in the local package cache).</summary>
public class NuGetDirectiveTests(KernelFixture fixture) : IClassFixture<KernelFixture>
{
    [Fact]
    public async Task APackageIsRestoredBeforeTheCellsCodeAndAnotherVersionIsRefused()
    {
        // The directive comes after code that uses the package: it is hoisted and restored first.
        var outputs = await fixture.RunOkAsync("var json = Newtonsoft.Json.JsonConvert.SerializeObject(new[] { 1, 2 });\n#r \"nuget: Newtonsoft.Json, 13.0.1\"\njson");

        var installed = Assert.IsType<DisplayDataOutput>(outputs[0]).Text("text/html");
        Assert.Equal("<div><div></div><div></div><div><strong>Installed Packages</strong><ul><li><span>Newtonsoft.Json, 13.0.1</span></li></ul></div></div>", installed);
        Assert.Equal("[1,2]", Outputs.Plain(outputs[1]));

        await fixture.RunOkAsync("#r \"nuget: Newtonsoft.Json, 13.0.1\""); // the same version again is fine
        var conflict = await fixture.RunAsync("#r \"nuget: Newtonsoft.Json, 13.0.3\"");
        Assert.Equal("Newtonsoft.Json version 13.0.3 cannot be added because version 13.0.1 was added previously.", Outputs.Error(conflict.Outputs).Value);
    }

    [Fact]
    public async Task APackageThatCannotBeHadIsAClearErrorAndNothingRuns()
    {
        var result = await fixture.RunAsync("Console.WriteLine(\"not reached\");\n#r \"nuget: Attend.NoSuchPackage.Anywhere, 1.0.0\"");

        Assert.Equal(CellStatus.Failed, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs)).Value;
        Assert.StartsWith("Unable to restore #r \"nuget: Attend.NoSuchPackage.Anywhere, 1.0.0\":\n", error);
        Assert.Contains("error NU1", error);
        Assert.Contains("Attend.NoSuchPackage.Anywhere", error.Split('\n')[1]);
    }

    [Fact]
    public async Task APackageSourceAddedWithIServesPackagesOfALocalFolderFeed()
    {
        // A hand-made package in a folder feed, extracted into a private packages folder so that the user's
        // package cache neither serves it (proving the source was used) nor keeps it.
        var root = Fixture.TempFolder();
        var feed = Path.Combine(root, "feed");
        BuildPackage(feed, "Attend.FeedProbe", "1.0.0", "namespace Probe; public static class Echo { public static string Say() => \"from the feed\"; }");
        using var kernel = new CSharpKernel(root, new KernelOptions { PackagesFolder = Path.Combine(root, "packages") });

        var result = await kernel.ExecuteAsync($"#i \"nuget: {feed}\"\n#r \"nuget: Attend.FeedProbe, 1.0.0\"\nProbe.Echo.Say()");

        Assert.True(result.Status == CellStatus.Succeeded, string.Join("\n", result.Outputs.OfType<ErrorOutput>().Select(e => e.Value)));
        Assert.Equal("from the feed", Outputs.Plain(result.Outputs[1]));
        Assert.True(Directory.Exists(Path.Combine(root, "packages", "attend.feedprobe", "1.0.0")));
    }

    private static void BuildPackage(string feed, string id, string version, string code)
    {
        Directory.CreateDirectory(feed);
        var compilation = CSharpCompilation.Create(id, [CSharpSyntaxTree.ParseText(code)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var zip = ZipFile.Open(Path.Combine(feed, $"{id.ToLowerInvariant()}.{version}.nupkg"), ZipArchiveMode.Create);
        using (var dll = zip.CreateEntry($"lib/net10.0/{id}.dll").Open())
        {
            Assert.True(compilation.Emit(dll).Success);
        }

        using var nuspec = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open());
        nuspec.Write($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version><authors>tests</authors><description>A test package.</description></metadata>
            </package>
            """);
    }
}
