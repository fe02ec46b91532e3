namespace Attend.Data;

/// <summary>
/// Paints scene objects into an RGB image [3, size, size] held as a flat array (values in [0, 1]) and reports the
/// box of the pixels it painted. Each shape is a test on the pixel's centre, so the geometry reads as the maths.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
internal sealed class ScenePainter(int size)
{
    /// <summary>The side of one layout cell in pixels.</summary>
    public const int Cell = 16;

    private static readonly Dictionary<string, (float R, float G, float B)> Palette = new()
    {
        ["red"] = (0.95f, 0.15f, 0.15f),
        ["green"] = (0.15f, 0.85f, 0.2f),
        ["blue"] = (0.2f, 0.35f, 1f),
        ["yellow"] = (0.95f, 0.9f, 0.1f),
    };

    /// <summary>The image, channel-major: red plane, green plane, blue plane.</summary>
    public float[] Pixels { get; } = new float[3 * size * size];

    /// <summary>Fills the background with faint noise (so that "empty" is not exactly zero).</summary>
    public void Background(Generator g, float level = 0.08f) => g.FillUniform(Pixels, 0, level);

    /// <summary>
    /// Paints <paramref name="noun"/> in <paramref name="color"/> into the cell (<paramref name="row"/>,
    /// <paramref name="column"/>), shifted by (<paramref name="dx"/>, <paramref name="dy"/>) pixels from the
    /// cell's centre, with its brightness scaled by <paramref name="shade"/>; returns the painted box.
    /// </summary>
    public PixelBox Paint(string noun, string color, int row, int column, int dx, int dy, float shade)
    {
        // The centre of the cell, in pixel coordinates (a pixel (x, y) covers [x, x+1) × [y, y+1)).
        var cx = (column * Cell) + (Cell / 2f) + dx;
        var cy = (row * Cell) + (Cell / 2f) + dy;
        Func<float, float, bool> inside = noun switch
        {
            "circle" => (x, y) => ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= 6f * 6f,
            "square" => (x, y) => Math.Abs(x - cx) <= 5f && Math.Abs(y - cy) <= 5f,
            // Apex at the top, base 12 px wide at the bottom: the half-width grows linearly with the depth.
            "triangle" => (x, y) => y >= cy - 6f && y <= cy + 6f && Math.Abs(x - cx) <= 6f * (y - (cy - 6f)) / 12f,
            _ => Digit(noun[0] - '0', cx, cy),
        };

        var (r, g, b) = Palette[color];
        var (minX, minY, maxX, maxY) = (int.MaxValue, int.MaxValue, -1, -1);
        var plane = size * size;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!inside(x + 0.5f, y + 0.5f))
                {
                    continue;
                }

                var at = (y * size) + x;
                (Pixels[at], Pixels[plane + at], Pixels[(2 * plane) + at]) = (r * shade, g * shade, b * shade);
                (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
            }
        }

        return new PixelBox(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /// <summary>A digit of the 5×7 font with every dot enlarged to 2×2 pixels (10×14), centred on (cx, cy).</summary>
    private static Func<float, float, bool> Digit(int digit, float cx, float cy) => (x, y) =>
    {
        var column = (int)MathF.Floor((x - (cx - DigitFont.Width)) / 2);
        var row = (int)MathF.Floor((y - (cy - DigitFont.Height)) / 2);
        return column >= 0 && column < DigitFont.Width && row >= 0 && row < DigitFont.Height && DigitFont.Ink(digit, row, column);
    };
}
