namespace Attend.Data;

/// <summary>
/// A rectangle of pixels: columns <see cref="X"/> … X + <see cref="Width"/> − 1 and rows <see cref="Y"/> …
/// Y + <see cref="Height"/> − 1, the tight box around an object's painted pixels.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
/// <param name="X">The leftmost column.</param>
/// <param name="Y">The top row.</param>
/// <param name="Width">The number of columns.</param>
/// <param name="Height">The number of rows.</param>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    /// <summary>
    /// Which cells of a <paramref name="gridHeight"/> × <paramref name="gridWidth"/> feature grid laid over an image of
    /// <paramref name="imageSize"/>² pixels this box overlaps, row-major (the order of attention weights α over L = h·w
    /// locations): each entry is the fraction of that cell's area inside the box, 0 … 1.
    /// </summary>
    public float[] CellCoverage(int gridHeight, int gridWidth, int imageSize)
    {
        if (gridHeight <= 0 || gridWidth <= 0 || imageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gridHeight),
                $"PixelBox.CellCoverage: the grid ({gridHeight}×{gridWidth}) and image size ({imageSize}) must be positive.");
        }

        var coverage = new float[gridHeight * gridWidth];
        var (cellH, cellW) = (imageSize / (double)gridHeight, imageSize / (double)gridWidth);
        for (var r = 0; r < gridHeight; r++)
        {
            for (var c = 0; c < gridWidth; c++)
            {
                var overlapH = Math.Max(0, Math.Min(Y + Height, (r + 1) * cellH) - Math.Max(Y, r * cellH));
                var overlapW = Math.Max(0, Math.Min(X + Width, (c + 1) * cellW) - Math.Max(X, c * cellW));
                coverage[(r * gridWidth) + c] = (float)(overlapH * overlapW / (cellH * cellW));
            }
        }

        return coverage;
    }
}
