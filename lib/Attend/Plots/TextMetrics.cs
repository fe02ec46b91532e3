namespace Attend.Plots;

/// <summary>
/// How wide a piece of text will be, estimated without a font engine (we have none, and the viewer picks the
/// font): narrow letters count about 0.3 of the font size, capitals and wide letters 0.75, the rest 0.55.
/// Good enough to leave room for axis labels and to decide when to rotate them.
/// </summary>
internal static class TextMetrics
{
    /// <summary>The estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string text, double fontSize = 11)
    {
        var ems = 0.0;
        foreach (var c in text)
        {
            ems += c switch
            {
                'i' or 'j' or 'l' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or ' ' => 0.3,
                'm' or 'w' or 'M' or 'W' or '@' => 0.85,
                >= 'A' and <= 'Z' => 0.7,
                _ when char.IsLowSurrogate(c) => 0,
                > '\u2E80' => 1.0, // CJK and friends are full width
                _ => 0.56,
            };
        }

        return ems * fontSize;
    }

    /// <summary>The widest of <paramref name="texts"/> (0 when there are none).</summary>
    public static double MaxWidth(IEnumerable<string> texts, double fontSize = 11) =>
        texts.Select(t => Width(t, fontSize)).DefaultIfEmpty(0).Max();

    /// <summary><paramref name="text"/> cut to fit <paramref name="maxWidth"/>, ending in "…" when cut.</summary>
    public static string Truncate(string text, double maxWidth, double fontSize = 11)
    {
        if (Width(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var length = text.Length;
        while (length > 0 && Width(text[..length] + "…", fontSize) > maxWidth)
        {
            length--;
        }

        // Do not split a surrogate pair (an emoji) in half.
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length] + "…";
    }
}
