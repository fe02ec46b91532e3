using System.Text;
using System.Text.RegularExpressions;

namespace Attend.Data;

/// <summary>
/// The tokenization BLEU scores are computed on by default: "13a", the rules of the WMT evaluation script
/// mteval-v13a.pl as sacrebleu implements them. It splits off punctuation and symbols so that "man." and "man"
/// share the word "man", but keeps apostrophes ("wasn't"), hyphens between letters ("well-known") and the period
/// and comma inside numbers ("3.14", "1,000"). Applying it to text that is already tokenized changes nothing
/// but whitespace, so hypotheses written as our tokens joined by spaces score the same as detokenized text would.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public static partial class Tokenizer13a
{
    // Symbols that always stand alone: { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /
    // (ASCII ranges {-~, [-`, space-&, (-+, :-@ and the slash; not ' , - . or digits and letters).
    [GeneratedRegex(@"([{-~\[-` -&(-+:-@/])")]
    private static partial Regex Symbol();

    // A period or comma after a non-digit ...
    [GeneratedRegex(@"([^0-9])([.,])")]
    private static partial Regex PunctuationAfterNonDigit();

    // ... or before a non-digit is split off; so "3.14" and "1,000" stay whole.
    [GeneratedRegex(@"([.,])([^0-9])")]
    private static partial Regex PunctuationBeforeNonDigit();

    // A dash after a digit is split off ("1990-2000" → "1990 - 2000").
    [GeneratedRegex(@"([0-9])(-)")]
    private static partial Regex DashAfterDigit();

    /// <summary>The tokens of <paramref name="line"/>, joined by single spaces.</summary>
    public static string Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        // The language-independent part: markup mteval would have seen, and line-wrapping hyphens.
        line = line.Replace("<skipped>", "").Replace("-\n", "").Replace("\n", " ")
            .Replace("&quot;", "\"").Replace("&amp;", "&").Replace("&lt;", "<").Replace("&gt;", ">");

        line = " " + line + " "; // so the rules below see a non-digit on both sides of every character
        line = Symbol().Replace(line, " $1 ");
        line = PunctuationAfterNonDigit().Replace(line, "$1 $2 ");
        line = PunctuationBeforeNonDigit().Replace(line, " $1 $2");
        line = DashAfterDigit().Replace(line, "$1 $2 ");
        return string.Join(' ', SplitOnWhitespace(line));
    }

    // Python's str.split(): runs of whitespace separate tokens; no empty tokens.
    internal static string[] SplitOnWhitespace(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in line)
        {
            if (IsSpace(c))
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return [.. tokens];

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }

    // Python's str.split() whitespace: .NET's white space plus the separators U+001C–U+001F.
    internal static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}
