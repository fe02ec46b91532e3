using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Attend.Data;

namespace Attend.Tests;

/// <summary>Discovery order and the atomic download, on a throw-away folder tree (no network).</summary>
public sealed class DataLocatorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"attend-data-{Guid.NewGuid():N}");

    public DataLocatorTests()
    {
        // root/repo is a clone (marked by Notebooks.sln); root/shared/data sits beside it, as /work/shared does.
        Directory.CreateDirectory(Path.Combine(root, "repo", "tests", "bin"));
        File.WriteAllText(Path.Combine(root, "repo", "Notebooks.sln"), "");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Repo => Path.Combine(root, "repo");

    private string[] Start => [Path.Combine(Repo, "tests", "bin")];

    private string Put(params string[] parts)
    {
        var path = Path.Combine([root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "Go.\tVa !\n");
        return path;
    }

    [Fact]
    public void FindsSharedDataBesideTheRepository()
    {
        var shared = Put("shared", "data", "eng-fra", "eng-fra.txt");
        Assert.Equal(shared, DataLocator.Find(EngFra.RelativePath, null, null, Start, out _));
    }

    [Fact]
    public void FirstMatchWins()
    {
        var shared = Put("shared", "data", "eng-fra", "eng-fra.txt");
        var cache = Put("repo", "data", "cache", "eng-fra", "eng-fra.txt");
        var env = Put("elsewhere", "eng-fra", "eng-fra.txt");
        var explicitFile = Put("mine.txt");

        Assert.Equal(explicitFile, DataLocator.Find(EngFra.RelativePath, explicitFile, Path.Combine(root, "elsewhere"), Start, out _));
        Assert.Equal(env, DataLocator.Find(EngFra.RelativePath, null, Path.Combine(root, "elsewhere"), Start, out _));
        Assert.Equal(shared, DataLocator.Find(EngFra.RelativePath, null, null, Start, out _));
        File.Delete(shared);
        Assert.Equal(cache, DataLocator.Find(EngFra.RelativePath, null, Path.Combine(root, "nowhere"), Start, out _));
    }

    [Fact]
    public void AnExplicitFolderWorksAndAMissingExplicitPathIsAnError()
    {
        var file = Put("mine", "eng-fra.txt");
        Assert.Equal(file, DataLocator.Find(EngFra.RelativePath, Path.Combine(root, "mine"), null, Start, out _));
        Put("shared", "data", "eng-fra", "eng-fra.txt");
        var error = Assert.Throws<FileNotFoundException>(() =>
            DataLocator.Find(EngFra.RelativePath, Path.Combine(root, "typo.txt"), null, Start, out _));
        Assert.Contains("typo.txt", error.Message); // never silently replaced by the shared copy
    }

    [Fact]
    public void NotFoundListsOnlyThePlacesThatMakeSense()
    {
        // A kernel tool's folder outside the repository, and the current directory inside it, as when a notebook runs.
        var tool = Path.Combine(root, "home", ".dotnet", "tools", ".store", "kernel", "tools", "net10.0", "any");
        Directory.CreateDirectory(tool);
        var env = Path.Combine(root, "elsewhere");
        string[] starts = [Path.Combine(Repo, "tests", "bin"), tool];

        var found = DataLocator.Find(EngFra.RelativePath, null, env, starts, out var tried);

        Assert.Null(found);
        Assert.Equal(
            [
                Path.Combine(env, "eng-fra", "eng-fra.txt"),
                Path.Combine(root, "shared", "data", "eng-fra", "eng-fra.txt"),
                Path.Combine(Repo, "data", "cache", "eng-fra", "eng-fra.txt"),
            ],
            tried);
        var error = Assert.Throws<FileNotFoundException>(() => EngFra.Locate(null, download: false, env, starts));
        Assert.Contains("  3. " + Path.Combine(Repo, "data", "cache", "eng-fra", "eng-fra.txt"), error.Message);
        Assert.DoesNotContain("  4. ", error.Message);
        Assert.DoesNotContain(tool, error.Message);
        Assert.Contains("download: true", error.Message);
        Assert.Contains(EngFra.SourceUrl, error.Message);
        Assert.Contains($"ATTEND_DATA was \"{env}\"", error.Message);
    }

    [Fact]
    public void ALinkedWorktreeAlsoLooksBesideItsMainCheckout()
    {
        // root/main is the main checkout, root/wt/feature a linked worktree of it; the data sits beside main.
        Directory.CreateDirectory(Path.Combine(root, "main", ".git", "worktrees", "feature"));
        File.WriteAllText(Path.Combine(root, "main", "Notebooks.sln"), "");
        var worktree = Path.Combine(root, "wt", "feature");
        Directory.CreateDirectory(Path.Combine(worktree, "notebooks"));
        File.WriteAllText(Path.Combine(worktree, "Notebooks.sln"), "");
        File.WriteAllText(Path.Combine(worktree, ".git"), $"gitdir: {Path.Combine(root, "main", ".git", "worktrees", "feature")}\n");
        var shared = Put("shared", "data", "eng-fra", "eng-fra.txt");

        Assert.Equal(shared, DataLocator.Find(EngFra.RelativePath, null, null, [Path.Combine(worktree, "notebooks")], out var tried));
        Assert.Equal(Path.Combine(root, "wt", "shared", "data", "eng-fra", "eng-fra.txt"), tried[0]);
    }

    [Fact]
    public void TheDefaultStartsAreTheCurrentDirectoryAndTheLibrarysFolder() =>
        Assert.Equal(
            [Environment.CurrentDirectory, Path.GetDirectoryName(typeof(DataLocator).Assembly.Location)!],
            DataLocator.DefaultStartDirectories());

    [Fact]
    public void CacheIsInTheRepositoryDataFolder() =>
        Assert.Equal(Path.Combine(Repo, "data", "cache", "eng-fra", "eng-fra.txt"),
            DataLocator.CachePath(EngFra.RelativePath, Start));

    private static MemoryStream Zip(string member, string content)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry(member).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }

        stream.Position = 0;
        return stream;
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void InstallsAZipMemberAtomically()
    {
        var destination = DataLocator.CachePath(EngFra.RelativePath, Start);
        var content = "Go.\tVa !\nHi.\tSalut !\n";
        DatasetDownload.InstallZipMember(Zip(EngFra.ZipMember, content), EngFra.ZipMember, destination, Sha(content));
        Assert.Equal(content, File.ReadAllText(destination));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(destination)!)); // no temporary file left
        Assert.Equal(destination, EngFra.Locate(null, false, null, Start));
    }

    [Fact]
    public void ABadDownloadLeavesNothingBehind()
    {
        var destination = DataLocator.CachePath(EngFra.RelativePath, Start);
        var folder = Path.GetDirectoryName(destination)!;

        var wrong = Assert.Throws<InvalidDataException>(() =>
            DatasetDownload.InstallZipMember(Zip(EngFra.ZipMember, "changed"), EngFra.ZipMember, destination, EngFra.Sha256));
        Assert.Contains(EngFra.Sha256, wrong.Message);
        Assert.Empty(Directory.GetFiles(folder));

        var missing = Assert.Throws<InvalidDataException>(() =>
            DatasetDownload.InstallZipMember(Zip("data/other.txt", "x"), EngFra.ZipMember, destination, null));
        Assert.Contains("data/other.txt", missing.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }
}
