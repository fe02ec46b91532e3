using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Attend.Tests;

/// <summary>
/// A small, independent PNG reader for the tests: checks the signature and every chunk's CRC (computed bit by bit,
/// not with the library's table), reads IHDR, inflates IDAT and undoes the (filter type 0) scanlines.
/// </summary>
public sealed class PlotPngReader
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int ColorType { get; init; }
    public required int Channels { get; init; }
    public required byte[] Pixels { get; init; }
    public required List<string> ChunkTypes { get; init; }

    public static PlotPngReader Read(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(signature, png[..8]);
        var chunks = new List<(string Type, byte[] Data)>();
        var at = 8;
        while (at < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png[(at + 8)..(at + 8 + length)];
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(BitwiseCrc32(png.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add((type, data));
            at += 12 + length;
        }

        Assert.Equal(png.Length, at);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        var header = chunks[0].Data;
        Assert.Equal(13, header.Length);
        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        Assert.Equal(8, header[8]);
        int colorType = header[9];
        var channels = colorType switch { 0 => 1, 4 => 2, 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {colorType}") };
        Assert.Equal(0, header[12]);

        var idat = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var rowBytes = width * channels;
        Assert.Equal(height * (1 + rowBytes), raw.Length);
        var pixels = new byte[height * rowBytes];
        for (var row = 0; row < height; row++)
        {
            Assert.Equal(0, raw[row * (1 + rowBytes)]); // filter type "none"
            Array.Copy(raw, (row * (1 + rowBytes)) + 1, pixels, row * rowBytes, rowBytes);
        }

        return new PlotPngReader
        {
            Width = width,
            Height = height,
            ColorType = colorType,
            Channels = channels,
            Pixels = pixels,
            ChunkTypes = [.. chunks.Select(c => c.Type)],
        };
    }

    /// <summary>Reads the PNG inside a data: URI.</summary>
    public static PlotPngReader FromDataUri(string uri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, uri);
        return Read(Convert.FromBase64String(uri[prefix.Length..]));
    }

    public byte[] Pixel(int row, int column) => Pixels.AsSpan(((row * Width) + column) * Channels, Channels).ToArray();

    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
