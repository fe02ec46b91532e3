using System.IO.Compression;
using System.Security.Cryptography;

namespace Attend.Data;

/// <summary>
/// Fetches one file out of a zip archive published by a dataset's official source and installs it in the cache
/// atomically: the file is written under a temporary name beside its destination, its SHA-256 checked, and only
/// then renamed into place. A download that fails halfway (network, full disk, a killed notebook) leaves no
/// truncated file that a later run would take for the real one.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
internal static class DatasetDownload
{
    /// <summary>Downloads <paramref name="url"/> (a zip) and installs its <paramref name="member"/> at <paramref name="destination"/>.</summary>
    public static void ZipMember(string url, string member, string destination, string? expectedSha256)
    {
        using var zip = new MemoryStream();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var body = response.Content.ReadAsStream();
            body.CopyTo(zip);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new IOException($"Could not download {url}: {e.Message}", e);
        }

        zip.Position = 0;
        InstallZipMember(zip, member, destination, expectedSha256);
    }

    /// <summary>Copies <paramref name="member"/> of the zip in <paramref name="zip"/> to <paramref name="destination"/>, atomically.</summary>
    public static void InstallZipMember(Stream zip, string member, string destination, string? expectedSha256)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true))
            {
                var entry = archive.GetEntry(member) ?? throw new InvalidDataException(
                    $"The archive has no member {member}; it holds: " +
                    string.Join(", ", archive.Entries.Take(20).Select(e => e.FullName)));
                using var input = entry.Open();
                using var output = File.Create(temporary);
                input.CopyTo(output);
            }

            if (expectedSha256 is not null)
            {
                var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(temporary)));
                if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException(
                        $"{member} from the archive has SHA-256 {actual}, but the course expects {expectedSha256}: " +
                        "the published file changed, and the course's numbers would not be reproducible with it.");
                }
            }

            File.Move(temporary, destination, overwrite: true); // a rename within one folder: atomic
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
