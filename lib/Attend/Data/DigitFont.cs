namespace Attend.Data;

/// <summary>
/// A tiny 5×7 bitmap font for the digits 0–9 ('#' = ink), the classic dot-matrix shapes, so the dataset needs no
/// font files: the generator enlarges each dot to a square of pixels.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
internal static class DigitFont
{
    /// <summary>Glyph columns.</summary>
    public const int Width = 5;

    /// <summary>Glyph rows.</summary>
    public const int Height = 7;

    private static readonly string[][] Glyphs =
    [
        [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "], // 0
        ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "], // 1
        [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"], // 2
        ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "], // 3
        ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "], // 4
        ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "], // 5
        ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "], // 6
        ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "], // 7
        [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "], // 8
        [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "], // 9
    ];

    /// <summary>Whether dot (<paramref name="row"/>, <paramref name="column"/>) of <paramref name="digit"/> is inked.</summary>
    public static bool Ink(int digit, int row, int column) => Glyphs[digit][row][column] == '#';
}
