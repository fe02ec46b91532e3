using System.Buffers.Binary;
using System.IO.Compression;

namespace Attend.Notebooks.Tests;

/// <summary>
/// A minimal PNG decoder for screenshots: 8-bit RGB or RGBA, not interlaced (what Chromium writes). Chunks
/// IHDR and IDAT are read, the zlib stream inflated and each row's filter undone.
/// </summary>
internal sealed class ExportPng
{
    private ExportPng(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels row by row, four bytes each (alpha 255 for RGB images).</summary>
    public byte[] Rgba { get; }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var i = 4 * (y * Width + x);
        return (Rgba[i], Rgba[i + 1], Rgba[i + 2]);
    }

    /// <summary>How many pixels lie within <paramref name="tolerance"/> of a colour in every channel.</summary>
    public int Count((byte R, byte G, byte B) colour, int tolerance = 8)
    {
        var count = 0;
        for (var i = 0; i < Rgba.Length; i += 4)
        {
            if (Math.Abs(Rgba[i] - colour.R) <= tolerance && Math.Abs(Rgba[i + 1] - colour.G) <= tolerance
                && Math.Abs(Rgba[i + 2] - colour.B) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    public static ExportPng Decode(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!png.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new FormatException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var (bitDepth, colourType, interlace) = (data[8], data[9], data[12]);
                channels = colourType switch { 2 => 3, 6 => 4, _ => 0 };
                if (bitDepth != 8 || channels == 0 || interlace != 0)
                {
                    throw new FormatException($"unsupported PNG: bit depth {bitDepth}, colour type {colourType}, interlace {interlace}");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            at += 12 + length; // length, type, data, CRC
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new ExportPng(width, height, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        // Each row is a filter byte then width*channels bytes, predicted from the left (a), above (b) and upper-left (c) bytes.
        var stride = width * channels;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var row = raw.AsSpan(y * (stride + 1) + 1, stride);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? pixels[y * stride + i - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new FormatException($"unknown PNG filter {filter} in row {y}"),
                };
                pixels[y * stride + i] = (byte)(row[i] + predicted);
            }
        }

        if (channels == 4)
        {
            return pixels;
        }

        var rgba = new byte[width * height * 4];
        for (int p = 0, q = 0; p < pixels.Length; p += 3, q += 4)
        {
            (rgba[q], rgba[q + 1], rgba[q + 2], rgba[q + 3]) = (pixels[p], pixels[p + 1], pixels[p + 2], 255);
        }

        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
