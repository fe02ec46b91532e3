namespace Attend.Notebooks.Tests;

/// <summary>Paths of the hand-made notebooks copied beside the test assembly.</summary>
internal static class Fixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Path_(string name) => Path.Combine(Folder, name);

    public static string Text(string name) => File.ReadAllText(Path_(name));

    /// <summary>A new empty folder under the temp directory, deleted by the caller or left for the OS.</summary>
    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "attend-notebooks-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
