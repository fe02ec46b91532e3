using System.Text;

namespace Attend.Data;

/// <summary>
/// Splits a sentence into word tokens the way PyTorch's translation tutorial normalizes eng-fra.txt: lower-case,
/// put a space before each <c>. ! ?</c> so that it becomes a token of its own, and turn every other character that
/// is not a letter (digits, apostrophes, commas, quotes, hyphens, no-break spaces) into a space.
/// "I'm sure." → <c>i m sure .</c>
/// <list type="bullet">
/// <item><see cref="Tutorial"/> also strips accents (Unicode NFD, then drop the combining marks) and keeps only
/// the ASCII letters a–z: "Je suis prête !" → <c>je suis prete !</c>. It reproduces the tutorial exactly
/// (its "Trimmed to 10599 sentence pairs"), but French loses information: "a" and "à", "ou" and "où" merge,
/// and a letter with no decomposition such as "œ" becomes a space ("cœur" → <c>c ur</c>).</item>
/// <item><see cref="Accented"/> keeps every letter with its accents ("prête", "cœur", "où"); Chapter 3 uses it
/// for its models, and uses <see cref="Tutorial"/> only to check our numbers against the tutorial's.</item>
/// </list>
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed class Tokenizer
{
    /// <summary>PyTorch's tutorial normalization: ASCII letters a–z and <c>. ! ?</c>, accents stripped.</summary>
    public static Tokenizer Tutorial { get; } = new(keepAccents: false);

    /// <summary>The same rules, but letters keep their accents (any Unicode letter is kept).</summary>
    public static Tokenizer Accented { get; } = new(keepAccents: true);

    /// <summary>Creates a tokenizer that keeps or strips accents.</summary>
    public Tokenizer(bool keepAccents) => KeepAccents = keepAccents;

    /// <summary>Whether letters keep their accents (<see cref="Accented"/>) or lose them (<see cref="Tutorial"/>).</summary>
    public bool KeepAccents { get; }

    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c is '.' or '!' or '?')
            {
                Flush();
                tokens.Add(c.ToString()); // "sure." → "sure", "."
            }
            else if (c < 128)
            {
                if (c is >= 'a' and <= 'z')
                {
                    word.Append(c);
                }
                else
                {
                    Flush(); // space, digit, apostrophe, comma, hyphen: a word boundary
                }
            }
            else if (KeepAccents)
            {
                if (LatinAccents.IsMark(c) && word.Length > 0)
                {
                    if (LatinAccents.TryCompose(word[^1], c, out var composed))
                    {
                        word[^1] = composed; // "e" + U+0301 → "é", as NFC
                    }
                    else
                    {
                        word.Append(c); // no precomposed form: the mark stays with its letter
                    }
                }
                else if (char.IsLetter(c))
                {
                    word.Append(c);
                }
                else
                {
                    Flush();
                }
            }
            else
            {
                var letter = char.ToLowerInvariant(LatinAccents.Base(c)); // "é" → "e": NFD, then drop the accents
                if (letter is >= 'a' and <= 'z')
                {
                    word.Append(letter);
                }
                else if (!LatinAccents.IsMark(letter))
                {
                    Flush(); // "œ", Greek, no-break spaces, « »: not a–z
                }
            }
        }

        Flush();
        return [.. tokens];

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }
    }

    /// <summary>The tokens joined by single spaces: the normalized sentence.</summary>
    public string Normalize(string text) => string.Join(' ', Tokenize(text));

    /// <summary>Which variant this is.</summary>
    public override string ToString() => KeepAccents ? "Tokenizer.Accented" : "Tokenizer.Tutorial";
}
