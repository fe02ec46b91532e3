using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Attend.Plots;

/// <summary>
/// A minimal PNG writer (8 bits per channel, no interlacing), enough to embed images and attention maps in SVG.
/// A PNG file is an 8-byte signature followed by chunks, each <c>length · type · data · CRC-32(type + data)</c>:
/// IHDR (size and pixel format), IDAT (the pixels, zlib-compressed) and IEND.
/// </summary>
public static class PngEncoder
{
    /// <summary>The 8 bytes every PNG file starts with (a non-ASCII byte, "PNG", and line endings that catch mangled transfers).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes row-major, interleaved 8-bit pixels as a PNG file.</summary>
    /// <param name="pixels">height · width · channels bytes, top row first.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="channels">1 = grey, 2 = grey + alpha, 3 = RGB, 4 = RGBA.</param>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"PngEncoder.Encode: width ({width}) and height ({height}) must be positive.");
        }

        // PNG's "colour type" for each channel count.
        byte colorType = channels switch
        {
            1 => 0,
            2 => 4,
            3 => 2,
            4 => 6,
            _ => throw new ArgumentOutOfRangeException(nameof(channels), $"PngEncoder.Encode: channels must be 1, 2, 3 or 4, got {channels}."),
        };
        var rowBytes = width * channels;
        if (pixels.Length != rowBytes * height)
        {
            throw new ArgumentException(
                $"PngEncoder.Encode: {width}×{height} pixels with {channels} channels need {rowBytes * height} bytes, got {pixels.Length}.",
                nameof(pixels));
        }

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;          // bits per channel
        header[9] = colorType;
        header[10] = 0;         // compression: deflate (the only one defined)
        header[11] = 0;         // filter method: adaptive (we always pick filter type 0, "none")
        header[12] = 0;         // no interlacing
        WriteChunk(file, "IHDR", header);

        WriteChunk(file, "IDAT", Compress(pixels, rowBytes, height));
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>The PNG as a <c>data:</c> URI, for an SVG <c>&lt;image href="…"&gt;</c> that needs no separate file.</summary>
    public static string ToDataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int rowBytes, int height)
    {
        // Each scanline starts with its filter type; 0 means the bytes follow unchanged.
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0);
                zlib.Write(pixels.Slice(row * rowBytes, rowBytes));
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);

        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        file.Write(typeAndData);

        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        file.Write(word);
    }
}
