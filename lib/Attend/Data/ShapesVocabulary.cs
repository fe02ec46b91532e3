namespace Attend.Data;

/// <summary>
/// The fixed vocabulary of <see cref="ShapesCaptions"/>: three special tokens, the article, four colours, thirteen
/// nouns (three shapes and ten digits) and the relation words. Every caption the grammar can produce is spelled
/// with these words only, so there is no unknown token.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public static class ShapesVocabulary
{
    /// <summary>Padding after the end of a caption (id 0).</summary>
    public const string Pad = "<pad>";

    /// <summary>Beginning of a caption: the decoder's first input (id 1).</summary>
    public const string Bos = "<bos>";

    /// <summary>End of a caption: the decoder's last target (id 2).</summary>
    public const string Eos = "<eos>";

    /// <summary>The id of <see cref="Pad"/>.</summary>
    public const int PadId = 0;

    /// <summary>The id of <see cref="Bos"/>.</summary>
    public const int BosId = 1;

    /// <summary>The id of <see cref="Eos"/>.</summary>
    public const int EosId = 2;

    /// <summary>The colours objects are painted in.</summary>
    public static IReadOnlyList<string> Colors { get; } = ["red", "green", "blue", "yellow"];

    /// <summary>The filled shapes.</summary>
    public static IReadOnlyList<string> Shapes { get; } = ["circle", "square", "triangle"];

    /// <summary>Every noun: the shapes, then the digits "0" … "9" (13 in all, so guessing one is right 1 time in 13).</summary>
    public static IReadOnlyList<string> Nouns { get; } = [.. Shapes, .. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Every word by id: specials, "a", colours, nouns, then "above", "left", "of".</summary>
    public static IReadOnlyList<string> Words { get; } = [Pad, Bos, Eos, "a", .. Colors, .. Nouns, "above", "left", "of"];

    private static readonly Dictionary<string, int> Ids = Words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);

    /// <summary>The number of words (the decoder's output size).</summary>
    public static int Count => Words.Count;

    /// <summary>The id of <paramref name="word"/>; an error names the words that exist.</summary>
    public static int Id(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Ids.TryGetValue(word, out var id)
            ? id
            : throw new ArgumentException($"ShapesVocabulary: '{word}' is not a word of the captions ({string.Join(", ", Words)}).", nameof(word));
    }

    /// <summary>The word with id <paramref name="id"/>.</summary>
    public static string Word(int id) =>
        id >= 0 && id < Words.Count
            ? Words[id]
            : throw new ArgumentOutOfRangeException(nameof(id), $"ShapesVocabulary: id {id} is out of range (0 to {Words.Count - 1}).");

    /// <summary>Whether <paramref name="id"/> is a noun (a shape or a digit).</summary>
    public static bool IsNoun(int id) => id >= 0 && id < Words.Count && Nouns.Contains(Words[id]);

    /// <summary>A caption as ids: &lt;bos&gt;, its words, &lt;eos&gt;.</summary>
    public static int[] Encode(string caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        return [BosId, .. caption.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Id), EosId];
    }

    /// <summary>The words of <paramref name="ids"/>, skipping &lt;bos&gt; and &lt;pad&gt; and stopping at &lt;eos&gt;.</summary>
    public static string[] Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.TakeWhile(id => id != EosId).Where(id => id is not (BosId or PadId)).Select(Word).ToArray();
    }
}
