using Attend.Serialization;

namespace Attend.Tests;

/// <summary>
/// An interrupted save never damages the checkpoint nor leaves its temporary file behind (issue 13, item 8): the
/// temporary file goes whatever stops the write, the next save removes those a killed process left, and a write in
/// progress is never mistaken for one of those.
/// </summary>
public sealed class SafeTensorsAtomicWriteTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("attend-atomic-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string PathOf(string name) => Path.Combine(dir, name);

    private string[] Files() => [.. Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void ACancelledWriteLeavesThePreviousFileAndNoTempFile()
    {
        var path = PathOf("model.safetensors");
        File.WriteAllText(path, "previous");
        string? temp = null;

        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            temp = ((FileStream)stream).Name;
            throw new OperationCanceledException();
        }));

        Assert.NotNull(temp);
        Assert.False(File.Exists(temp));
        Assert.Equal(["model.safetensors"], Files());
        Assert.Equal("previous", File.ReadAllText(path));
    }

    [Fact]
    public void StaleTempFilesOfTheSameTargetAreRemovedByTheNextSave()
    {
        var path = PathOf("model.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.ones(2) }, path);

        // What kill -9 during two earlier saves leaves: the name pattern AtomicFile uses, no process holding them.
        File.WriteAllBytes(PathOf("model.safetensors.tmp-0123456789ab"), new byte[4096]);
        File.WriteAllBytes(PathOf("model.safetensors.tmp-ffffffffffff"), []);

        // Not ours: another target's temp file, other suffixes, a user's file.
        string[] others = ["other.safetensors.tmp-0123456789ab", "model.safetensors.tmp-notours", "model.safetensors.tmp-0123456789abc", "model.safetensors.bak"];
        foreach (var other in others)
        {
            File.WriteAllText(PathOf(other), "keep");
        }

        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.zeros(2) }, path);

        Assert.Equal([.. others.Append("model.safetensors").Order(StringComparer.Ordinal)], Files());
        Assert.Equal([0f, 0], SafeTensors.Load(path)["a"].ToArray());
    }

    [Fact]
    public void ATempFileThatALiveWriterHoldsIsLeftAlone()
    {
        var path = PathOf("model.safetensors");
        var live = PathOf("model.safetensors.tmp-00000000000a");

        // A concurrent save holds its temp file exclusively, as AtomicFile.Write does.
        using (var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.ones(1) }, path);
            Assert.True(File.Exists(live));
        }

        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.ones(1) }, path);
        Assert.False(File.Exists(live));
    }

    [Fact]
    public void TheFolderIsFlushedAfterTheRenameWhereThePlatformAllows()
    {
        // Linux: open(2) + fsync(2) on the folder must really work, or the rename is not durable.
        if (OperatingSystem.IsLinux())
        {
            Assert.True(AtomicFile.FlushFolder(dir));
        }

        Assert.False(AtomicFile.FlushFolder(Path.Combine(dir, "missing")));
    }
}
