using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Attend.Babi;

/// <summary>
/// Fetches the official bAbI archive and installs its English files (<c>en/</c>, <c>en-10k/</c>) in the cache: the
/// archive's SHA-256 is checked first, and every file is written under a temporary name and renamed into place, so
/// a download that fails halfway leaves no truncated file behind.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1.</remarks>
internal static class BabiDownload
{
    /// <summary>Downloads <paramref name="url"/> (a .tar.gz) and installs its en/ and en-10k/ files under <paramref name="folder"/>.</summary>
    public static void Install(string url, string sha256, string folder)
    {
        byte[] archive;
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            archive = client.GetByteArrayAsync(url).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new IOException($"Could not download {url}: {e.Message}", e);
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(archive));
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{url} has SHA-256 {actual}, but the course expects {sha256}.");
        }

        InstallFrom(new MemoryStream(archive), folder);
    }

    /// <summary>Installs the en/ and en-10k/ text files of the .tar.gz in <paramref name="archive"/> under <paramref name="folder"/>.</summary>
    public static void InstallFrom(Stream archive, string folder)
    {
        using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            // Members look like tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact_train.txt.
            var parts = entry.Name.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (entry.DataStream is null || parts.Length < 2 || parts[^2] is not ("en" or "en-10k") || !parts[^1].EndsWith(".txt", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(folder, parts[^2], parts[^1]);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            var temporary = destination + $".{Guid.NewGuid():N}.partial";
            try
            {
                using (var output = File.Create(temporary))
                {
                    entry.DataStream.CopyTo(output);
                }

                File.Move(temporary, destination, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }
}
