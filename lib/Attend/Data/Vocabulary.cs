namespace Attend.Data;

/// <summary>
/// The mapping between tokens and the integer ids a model sees. Four special tokens come first, at fixed ids:
/// <c>&lt;pad&gt;</c> = 0 (fills short sequences in a batch; an <c>Embedding</c> with <c>padding_idx: 0</c> keeps it
/// zero), <c>&lt;bos&gt;</c> = 1 (begin of sentence: the decoder's first input), <c>&lt;eos&gt;</c> = 2 (end of
/// sentence: what the decoder must emit to stop) and <c>&lt;unk&gt;</c> = 3 (any token not in the vocabulary).
/// The other tokens follow by frequency, most frequent first, ties in ordinal string order, so the same corpus
/// always gives the same ids.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed class Vocabulary
{
    /// <summary>The padding token.</summary>
    public const string Pad = "<pad>";

    /// <summary>The begin-of-sentence token.</summary>
    public const string Bos = "<bos>";

    /// <summary>The end-of-sentence token.</summary>
    public const string Eos = "<eos>";

    /// <summary>The unknown-token token.</summary>
    public const string Unk = "<unk>";

    /// <summary>The id of <see cref="Pad"/>: 0.</summary>
    public const int PadId = 0;

    /// <summary>The id of <see cref="Bos"/>: 1.</summary>
    public const int BosId = 1;

    /// <summary>The id of <see cref="Eos"/>: 2.</summary>
    public const int EosId = 2;

    /// <summary>The id of <see cref="Unk"/>: 3.</summary>
    public const int UnkId = 3;

    /// <summary>The special tokens in id order.</summary>
    public static IReadOnlyList<string> Specials { get; } = [Pad, Bos, Eos, Unk];

    private readonly string[] tokens;
    private readonly Dictionary<string, int> ids;

    private Vocabulary(string[] tokens)
    {
        this.tokens = tokens;
        ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!ids.TryAdd(tokens[i], i))
            {
                throw new ArgumentException($"Vocabulary: token \"{tokens[i]}\" appears twice (ids {ids[tokens[i]]} and {i}).");
            }
        }
    }

    /// <summary>
    /// Builds a vocabulary from tokenized sentences. A token is kept when it occurs at least
    /// <paramref name="minCount"/> times; <paramref name="maxSize"/>, if given, caps <see cref="Count"/> (the four
    /// specials included, so it is the number of rows of the embedding table), keeping the most frequent tokens.
    /// Tokens spelled like a special token are not counted: they already have their id.
    /// </summary>
    public static Vocabulary Build(IEnumerable<IEnumerable<string>> sentences, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (minCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minCount), $"Vocabulary.Build: minCount ({minCount}) must be at least 1.");
        }

        if (maxSize is < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize),
                $"Vocabulary.Build: maxSize ({maxSize}) must be at least 4, the number of special tokens.");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var token in sentence)
            {
                CheckToken(token, "Vocabulary.Build");
                if (!Specials.Contains(token))
                {
                    counts[token] = counts.GetValueOrDefault(token) + 1;
                }
            }
        }

        var kept = counts.Where(kv => kv.Value >= minCount)
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key);
        if (maxSize is { } max)
        {
            kept = kept.Take(max - Specials.Count);
        }

        return new Vocabulary([.. Specials, .. kept]);
    }

    /// <summary>A vocabulary with exactly these tokens after the specials, in this order (ids 4, 5, …).</summary>
    public static Vocabulary FromTokens(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var list = tokens.ToList();
        foreach (var token in list)
        {
            CheckToken(token, "Vocabulary.FromTokens");
        }

        return new Vocabulary([.. Specials, .. list]);
    }

    /// <summary>The number of tokens, specials included: the size of an embedding table or of the output layer.</summary>
    public int Count => tokens.Length;

    /// <summary>All tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnkId"/> when it is not in the vocabulary.</summary>
    public int this[string token] => ids.TryGetValue(token, out var id) ? id : UnkId;

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string this[int id] => id >= 0 && id < tokens.Length
        ? tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), $"Vocabulary: id {id} is outside [0, {tokens.Length}).");

    /// <summary>Whether <paramref name="token"/> has its own id.</summary>
    public bool Contains(string token) => ids.ContainsKey(token);

    /// <summary>
    /// Tokens → ids, unknown tokens → <see cref="UnkId"/>, with <see cref="BosId"/> before and
    /// <see cref="EosId"/> after when asked.
    /// </summary>
    public int[] Encode(IEnumerable<string> sentence, bool addBos = false, bool addEos = false)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var result = new List<int>();
        if (addBos)
        {
            result.Add(BosId);
        }

        result.AddRange(sentence.Select(token => this[token]));
        if (addEos)
        {
            result.Add(EosId);
        }

        return [.. result];
    }

    /// <summary>
    /// Ids → tokens. A model's output is read up to its first <see cref="EosId"/> (<paramref name="stopAtEos"/>);
    /// <c>&lt;pad&gt;</c>, <c>&lt;bos&gt;</c> and <c>&lt;eos&gt;</c> are dropped unless <paramref name="keepSpecials"/>
    /// (<c>&lt;unk&gt;</c> always stays: it stands for a real word).
    /// Ids may be whole floats, as tensors store them: pass <c>x.ToArray()</c> through <see cref="Decode(IEnumerable{float}, bool, bool)"/>.
    /// </summary>
    public string[] Decode(IEnumerable<int> ids, bool stopAtEos = true, bool keepSpecials = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new List<string>();
        foreach (var id in ids)
        {
            if (id == EosId && stopAtEos)
            {
                if (keepSpecials)
                {
                    result.Add(Eos);
                }

                break;
            }

            if (keepSpecials || id is not (PadId or BosId or EosId))
            {
                result.Add(this[id]);
            }
        }

        return [.. result];
    }

    /// <summary>Ids stored as whole floats (a row of a tensor) → tokens, as <see cref="Decode(IEnumerable{int}, bool, bool)"/>.</summary>
    public string[] Decode(IEnumerable<float> ids, bool stopAtEos = true, bool keepSpecials = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Decode(ids.Select(ToId), stopAtEos, keepSpecials);

        static int ToId(float value) => value == MathF.Round(value)
            ? (int)value
            : throw new ArgumentException($"Vocabulary.Decode: id {value} is not a whole number.", nameof(ids));
    }

    /// <summary>Writes the tokens, one per line in id order (UTF-8), so <see cref="Load"/> gives the same ids back.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, string.Concat(tokens.Select(t => t + "\n")));
    }

    /// <summary>Reads a file written by <see cref="Save"/>; the first four lines must be the special tokens.</summary>
    public static Vocabulary Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path);
        if (text.Length > 0 && text[^1] == '\n')
        {
            text = text[..^1];
        }

        var lines = text.Split('\n');
        for (var i = 0; i < Specials.Count; i++)
        {
            if (i >= lines.Length || lines[i] != Specials[i])
            {
                var found = i < lines.Length ? $"\"{lines[i]}\"" : "the end of the file";
                throw new FormatException(
                    $"Vocabulary.Load: {path} line {i + 1} must be the special token {Specials[i]}, but it is {found}.");
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].Contains('\r'))
            {
                throw new FormatException($"Vocabulary.Load: {path} line {i + 1} is empty or has a carriage return.");
            }

            if (!seen.TryAdd(lines[i], i))
            {
                throw new FormatException(
                    $"Vocabulary.Load: {path} line {i + 1} repeats the token \"{lines[i]}\" of line {seen[lines[i]] + 1}.");
            }
        }

        return new Vocabulary(lines);
    }

    private static void CheckToken(string token, string op)
    {
        if (string.IsNullOrEmpty(token) || token.Contains('\n') || token.Contains('\r'))
        {
            throw new ArgumentException($"{op}: tokens must be non-empty and free of line breaks, but got \"{token}\".");
        }
    }

    /// <summary>A one-line summary: size and the first tokens.</summary>
    public override string ToString() =>
        $"Vocabulary({Count} tokens: {string.Join(" ", tokens.Take(12))}{(Count > 12 ? " …" : "")})";
}
