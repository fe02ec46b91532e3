using System.Numerics;
using System.Text;

namespace Attend;

/// <summary>
/// Printing, following PyTorch's <c>torch/_tensor_str.py</c> with its default print options, so a tensor printed
/// here reads exactly like the same tensor printed by PyTorch.
/// </summary>
public partial class Tensor
{
    // PyTorch's defaults: torch.set_printoptions(precision=4, threshold=1000, edgeitems=3, linewidth=80).
    private const int PrintPrecision = 4;
    private const int PrintThreshold = 1000;
    private const int PrintEdgeItems = 3;
    private const int PrintLineWidth = 80;

    /// <summary>
    /// The tensor as PyTorch prints it: <c>tensor([[ 1.0000, -2.5000],\n        [ 3.0000,  4.0000]])</c>. All values
    /// share one format: whole numbers as <c>1.</c>, otherwise 4 decimals, or scientific notation when the values
    /// span more than a factor 1000, exceed 1e8 or go below 1e-4. Above 1000 elements only the first and last 3
    /// entries of each dimension are shown. A <c>grad_fn</c> or <c>requires_grad</c> suffix follows, as in PyTorch.
    /// </summary>
    public override string ToString()
    {
        const string prefix = "tensor(";
        var indent = prefix.Length;
        var suffixes = new List<string>();
        if (device != Device.CPU)
        {
            suffixes.Add($"device='{device}'");
        }

        string body;
        if (numel() == 0)
        {
            // PyTorch spells out the shape of an empty tensor unless it is simply [0].
            body = "[]";
            if (dims.Length != 1)
            {
                suffixes.Add("size=" + PythonTuple(dims));
            }
        }
        else
        {
            var values = ToArray();
            var summarize = values.Length > PrintThreshold;
            // The format is chosen from the values that will be shown, as PyTorch's get_summarized_data does.
            var shown = new List<float>();
            CollectShown(values, 0, 0, summarize, shown);
            body = Layout(values, 0, 0, indent, summarize, new ValueFormatter(shown));
        }

        if (grad_fn is not null)
        {
            suffixes.Add($"grad_fn={grad_fn}");
        }
        else if (requires_grad)
        {
            suffixes.Add("requires_grad=True");
        }

        var text = AddSuffixes(prefix + body, suffixes, indent);
        return this is Parameter ? "Parameter containing:\n" + text : text;
    }

    /// <summary>The indices shown along a dimension of <paramref name="size"/>; −1 stands for the "..." row.</summary>
    private static IEnumerable<int> ShownIndices(int size, bool summarize)
    {
        if (!summarize || size <= 2 * PrintEdgeItems)
        {
            return Enumerable.Range(0, size);
        }

        return Enumerable.Range(0, PrintEdgeItems).Append(-1).Concat(Enumerable.Range(size - PrintEdgeItems, PrintEdgeItems));
    }

    private void CollectShown(float[] values, int offset, int level, bool summarize, List<float> shown)
    {
        if (level == dims.Length)
        {
            shown.Add(values[offset]);
            return;
        }

        var stride = Product(dims.AsSpan(level + 1));
        foreach (var i in ShownIndices(dims[level], summarize).Where(i => i >= 0))
        {
            CollectShown(values, offset + (i * stride), level + 1, summarize, shown);
        }
    }

    /// <summary>The sub-tensor starting at <paramref name="offset"/> with dimensions level…, nested brackets and all.</summary>
    private string Layout(float[] values, int offset, int level, int indent, bool summarize, ValueFormatter formatter)
    {
        var rank = dims.Length - level;
        if (rank == 0)
        {
            return formatter.Format(values[offset]);
        }

        var stride = Product(dims.AsSpan(level + 1));
        if (rank == 1)
        {
            // A row: as many elements per line as fit in the line width, continuation lines under the first.
            var items = ShownIndices(dims[level], summarize)
                .Select(i => i < 0 ? " ..." : formatter.Format(values[offset + i]))
                .ToList();
            var perLine = Math.Max(1, (PrintLineWidth - indent) / (formatter.Width + 2));
            var lines = items.Chunk(perLine).Select(line => string.Join(", ", line));
            return "[" + string.Join(",\n" + new string(' ', indent + 1), lines) + "]";
        }

        // Slices of a matrix go on separate lines; slices of higher tensors are separated by rank − 1 newlines.
        var slices = ShownIndices(dims[level], summarize)
            .Select(i => i < 0 ? "..." : Layout(values, offset + (i * stride), level + 1, indent + 1, summarize, formatter));
        return "[" + string.Join("," + new string('\n', rank - 1) + new string(' ', indent + 1), slices) + "]";
    }

    /// <summary>Appends ", suffix" for each suffix, wrapping to a new line where PyTorch's _add_suffixes does.</summary>
    private static string AddSuffixes(string text, List<string> suffixes, int indent)
    {
        var result = new StringBuilder(text);
        // PyTorch's measure (it counts two more than the characters after the last newline, room for ", ").
        var lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > PrintLineWidth)
            {
                result.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                result.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }

        return result.Append(')').ToString();
    }

    /// <summary>A shape as Python prints a tuple: (2, 0), or (5,) for one element.</summary>
    private static string PythonTuple(int[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    /// <summary>
    /// PyTorch's _Formatter: one format for every element, chosen from the shown values that are finite and
    /// non-zero, and the width of the widest, so that columns line up.
    /// </summary>
    internal sealed class ValueFormatter
    {
        private readonly bool intMode = true;
        private readonly bool sciMode;

        public ValueFormatter(IEnumerable<float> shown)
        {
            var values = shown.Where(v => float.IsFinite(v) && v != 0).Select(v => (double)v).ToList();
            if (values.Count == 0)
            {
                return;
            }

            var min = values.Min(Math.Abs);
            var max = values.Max(Math.Abs);
            intMode = values.All(v => v == Math.Ceiling(v));
            var wideRange = max / min > 1000.0 || max > 1.0e8;
            if (intMode)
            {
                // Whole numbers print as "12."; the 1 counts that trailing point.
                sciMode = wideRange;
                Width = sciMode ? values.Max(v => Scientific(v).Length) : values.Max(v => Fixed(v, 0).Length + 1);
            }
            else
            {
                sciMode = wideRange || min < 1.0e-4;
                Width = sciMode ? values.Max(v => Scientific(v).Length) : values.Max(v => Fixed(v, PrintPrecision).Length);
            }
        }

        /// <summary>The width every element is padded to.</summary>
        public int Width { get; } = 1;

        public string Format(float value)
        {
            string text;
            if (sciMode)
            {
                text = Scientific(value);
            }
            else if (intMode)
            {
                text = Fixed(value, 0) + (float.IsFinite(value) ? "." : "");
            }
            else
            {
                text = Fixed(value, PrintPrecision);
            }

            return text.PadLeft(Width);
        }

        /// <summary>Python's <c>f"{v:.{decimals}f}"</c>: exactly rounded, ties to even, "-" kept on −0.</summary>
        private static string Fixed(double v, int decimals)
        {
            if (!double.IsFinite(v))
            {
                return NonFinite(v);
            }

            var digits = ScaledRound(Math.Abs(v), decimals).ToString().PadLeft(decimals + 1, '0');
            var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
            return (double.IsNegative(v) ? "-" : "") + text;
        }

        /// <summary>Python's <c>f"{v:.4e}"</c>: d.dddde±XX, exactly rounded, ties to even.</summary>
        private static string Scientific(double v)
        {
            if (!double.IsFinite(v))
            {
                return NonFinite(v);
            }

            var magnitude = Math.Abs(v);
            var exponent = 0;
            var mantissa = BigInteger.Zero;
            if (magnitude != 0)
            {
                // Find the exponent that leaves exactly PrintPrecision + 1 digits after rounding (log10 is only
                // a first guess: it can be off by one, and rounding 9.99999 up adds a digit).
                var low = BigInteger.Pow(10, PrintPrecision);
                exponent = (int)Math.Floor(Math.Log10(magnitude));
                mantissa = ScaledRound(magnitude, PrintPrecision - exponent);
                while (mantissa >= low * 10 || mantissa < low)
                {
                    exponent += mantissa >= low * 10 ? 1 : -1;
                    mantissa = ScaledRound(magnitude, PrintPrecision - exponent);
                }
            }

            var digits = mantissa.ToString().PadLeft(PrintPrecision + 1, '0');
            return (double.IsNegative(v) ? "-" : "") + digits[0] + "." + digits[1..] +
                   "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string NonFinite(double v) => double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";

        /// <summary>
        /// round(magnitude · 10^power) with ties to even, computed exactly on the binary value (as Python does;
        /// .NET's own formatting rounds ties away from zero, so 0.03125 would print 0.0313 instead of 0.0312).
        /// </summary>
        private static BigInteger ScaledRound(double magnitude, int power)
        {
            // magnitude = m · 2^e exactly, with m the 53-bit significand.
            var bits = BitConverter.DoubleToInt64Bits(magnitude);
            var biased = (int)((bits >> 52) & 0x7FF);
            var m = bits & 0xF_FFFF_FFFF_FFFFL;
            if (biased == 0)
            {
                biased = 1; // subnormal: no hidden bit
            }
            else
            {
                m |= 1L << 52;
            }

            var e = biased - 1075;
            BigInteger numerator = m, denominator = BigInteger.One;
            if (e > 0)
            {
                numerator <<= e;
            }
            else
            {
                denominator <<= -e;
            }

            if (power > 0)
            {
                numerator *= BigInteger.Pow(10, power);
            }
            else
            {
                denominator *= BigInteger.Pow(10, -power);
            }

            var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !quotient.IsEven))
            {
                quotient += 1;
            }

            return quotient;
        }
    }
}
