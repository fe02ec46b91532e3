using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Attend.Serialization;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one, never a torn one:
/// the bytes go to a temporary file <c>&lt;target&gt;.tmp-&lt;12 hex digits&gt;</c> in the same folder, are flushed to
/// disk (fsync), and the temporary file is then renamed over the target (a rename within one folder is atomic);
/// the folder is flushed after the rename too, so that the rename itself survives a power loss where the platform
/// allows it (Linux and other Unix systems). Whatever stops the write (an exception, a cancellation) deletes the
/// temporary file and leaves the previous file untouched; temporary files that an earlier, killed process left for
/// the same target are deleted by the next write.
/// </summary>
internal static partial class AtomicFile
{
    private const string TempMarker = ".tmp-";

    /// <summary>Creates or replaces <paramref name="path"/> with what <paramref name="write"/> writes.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target);
        RemoveStaleTempFiles(target);

        // Same folder as the target, so the final move is a rename and not a copy across file systems.
        var temp = $"{target}{TempMarker}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var renamed = false;
        try
        {
            // FileShare.None takes an exclusive lock (flock on Unix) while this process lives: another writer's
            // stale-file cleanup sees the file is in use and leaves it alone.
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
            renamed = true;
        }
        finally
        {
            // finally, not catch: whatever ends the write early must not leave a temporary file of up to full size behind.
            if (!renamed)
            {
                TryDelete(temp);
            }
        }

        if (folder is not null)
        {
            _ = FlushFolder(folder);
        }
    }

    /// <summary>
    /// fsync of a folder, which makes a rename in it durable. .NET cannot open a folder as a file, so this calls
    /// the C library on Unix systems; elsewhere (Windows, whose file systems journal the rename) it does nothing.
    /// </summary>
    /// <returns>Whether the folder was flushed.</returns>
    internal static bool FlushFolder(string folder) => FolderSync.Flush(folder);

    /// <summary>Deletes the temporary files of earlier writes of <paramref name="target"/> that no living writer holds.</summary>
    private static void RemoveStaleTempFiles(string target)
    {
        var folder = Path.GetDirectoryName(target);
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        var prefix = Path.GetFileName(target) + TempMarker;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // cleanup is best effort; the write itself reports real problems
        }

        foreach (var candidate in candidates)
        {
            var suffix = Path.GetFileName(candidate)[prefix.Length..];
            if (!TempSuffix().IsMatch(suffix))
            {
                continue; // not a name this class makes
            }

            try
            {
                // A write in progress holds its file exclusively: opening it fails, and it is skipped.
                // A killed process's lock died with it.
                using (new FileStream(candidate, FileMode.Open, FileAccess.Read, FileShare.None))
                {
                }

                File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use by a live writer, or not ours to delete: leave it.
            }
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

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex TempSuffix();

    private static partial class FolderSync
    {
        private const int ReadOnly = 0; // O_RDONLY, the same on every Unix

        private static bool unavailable = !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD());

        public static bool Flush(string folder)
        {
            if (unavailable)
            {
                return false;
            }

            try
            {
                var fd = Open(folder, ReadOnly);
                if (fd < 0)
                {
                    return false; // no permission to open the folder: nothing more can be done
                }

                try
                {
                    return Fsync(fd) == 0; // some file systems refuse to sync a folder (EINVAL); the data is already safe
                }
                finally
                {
                    _ = Close(fd);
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException)
            {
                unavailable = true; // a C library without these: skip quietly from now on
                return false;
            }
        }

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync")]
        private static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close")]
        private static partial int Close(int fd);
    }
}
