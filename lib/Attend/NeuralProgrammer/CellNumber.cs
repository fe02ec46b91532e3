using System.Globalization;
using System.Text.RegularExpressions;

namespace Attend.NeuralProgrammer;

/// <summary>
/// Reading a number out of a table cell or an answer (Chapter 9, §9.8): "7,169" → 7169, "$1,200" → 1200, "45%" → 45,
/// "12.5 km" → 12.5, "4th" → 4, "−3" → −3. A number may be preceded by a currency sign and followed by a short unit
/// (up to four letters, or %); anything else ("4th, Western", "2001–02", "1:23.4", "3 million") is not a number, and
/// the cell counts as empty for the numeric operations.
/// </summary>
public static partial class CellNumber
{
    [GeneratedRegex(@"^[$€£¥]?\s*(?<n>[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)\s*(%|[a-zA-Z]{1,4}\.?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>The number the text stands for, or null.</summary>
    public static float? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = NumberPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var digits = match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal).Replace('−', '-');
        return float.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
