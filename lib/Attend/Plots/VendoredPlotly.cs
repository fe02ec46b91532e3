using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Attend.Plots;

/// <summary>
/// The copy of plotly.js that ships inside Attend.dll (Plots/Vendor/README.md): the npm registry's
/// <c>plotly.js-dist-min</c> tarball, checked against the integrity hash the registry publishes, then
/// <c>package/plotly.min.js</c> read out of it once per process.
/// </summary>
internal static class VendoredPlotly
{
    /// <summary>The plotly.js version the figures are written for and the vendored copy is.</summary>
    public const string Version = "2.35.2";

    /// <summary>The registry's integrity string for the tarball (Subresource Integrity form: sha512, base64).</summary>
    public const string Integrity = "sha512-oWDTf2kYOmTtEw3epeeSBdfH/H3OSktF0suST9oI6fIgKfbyd4MT7TPh8+CVzdHYllYon24Q0HI1hZjOnLqk6g==";

    private const string ResourceName = "Attend.Plots.plotly.js-dist-min.tgz";
    private const string Entry = "package/plotly.min.js";

    private static readonly Lazy<string> Library = new(Read);

    /// <summary>The text of plotly.min.js.</summary>
    public static string Script => Library.Value;

    /// <summary>The embedded tarball's bytes.</summary>
    internal static byte[] Tarball()
    {
        using var stream = typeof(VendoredPlotly).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Attend.dll carries no {ResourceName}: the library was built without Plots/Vendor.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The tarball's hash in the registry's form ("sha512-" + base64).</summary>
    internal static string IntegrityOf(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    private static string Read()
    {
        var bytes = Tarball();
        var actual = IntegrityOf(bytes);
        if (actual != Integrity)
        {
            throw new InvalidDataException(
                $"The vendored plotly.js-dist-min {Version} tarball in Attend.dll is damaged: its hash is {actual}, the registry's is {Integrity}.");
        }

        using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == Entry && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                return reader.ReadToEnd();
            }
        }

        throw new InvalidDataException($"The vendored plotly.js-dist-min {Version} tarball has no {Entry}.");
    }
}
