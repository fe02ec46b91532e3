using System.Security.Cryptography;

namespace Attend.Serialization;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one, never a torn one:
/// the bytes go to a temporary file in the same folder, are flushed to disk, and the temporary file is then
/// renamed over the target (a rename within one folder is atomic). If anything fails the temporary file is
/// deleted and the previous file is untouched.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Creates or replaces <paramref name="path"/> with what <paramref name="write"/> writes.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var target = Path.GetFullPath(path);
        // Same folder as the target, so the final move is a rename and not a copy across file systems.
        var temp = $"{target}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
