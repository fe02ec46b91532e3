namespace Attend.Data;

/// <summary>
/// Which eng-fra pairs to keep. PyTorch's tutorial trains on short, simple sentences: fewer than
/// <c>MAX_LENGTH = 10</c> tokens on each side (so at most 9, or 10 with the &lt;eos&gt; it appends) whose English
/// starts with "i am", "he is", "you are", … — <see cref="Tutorial"/>. With <see cref="Tokenizer.Tutorial"/> on the
/// 135,842 pairs of eng-fra.txt this keeps 10,599, the tutorial's "Trimmed to 10599 sentence pairs".
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="MaxTokens">The most tokens either side may have (no limit when null).</param>
/// <param name="EnglishPrefixes">The English side, its tokens joined by spaces, must start with one of these
/// (any English when null).</param>
public sealed record EngFraFilter(int? MaxTokens, IReadOnlyList<string>? EnglishPrefixes)
{
    /// <summary>
    /// The tutorial's English prefixes, written after its normalization ("I'm" became "i m"). Some end with a space
    /// and some do not, exactly as in the tutorial, so "he isn t" passes ("he is") but "i amuse" does not ("i am ").
    /// </summary>
    public static IReadOnlyList<string> TutorialPrefixes { get; } =
    [
        "i am ", "i m ",
        "he is", "he s ",
        "she is", "she s ",
        "you are", "you re ",
        "we are", "we re ",
        "they are", "they re ",
    ];

    /// <summary>The tutorial's filter: at most 9 tokens a side and an English prefix from <see cref="TutorialPrefixes"/>.</summary>
    public static EngFraFilter Tutorial { get; } = new(9, TutorialPrefixes);

    /// <summary>Only the tutorial's English prefixes, any length: the pool for a split by length (<see cref="HeldOutSplit"/>).</summary>
    public static EngFraFilter TutorialPrefixesOnly { get; } = new(null, TutorialPrefixes);

    /// <summary>Whether <paramref name="pair"/> (English source, French target) passes.</summary>
    public bool Keeps(TokenizedPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (MaxTokens is { } max && pair.Length > max)
        {
            return false;
        }

        if (EnglishPrefixes is null)
        {
            return true;
        }

        var english = string.Join(' ', pair.Source);
        return EnglishPrefixes.Any(prefix => english.StartsWith(prefix, StringComparison.Ordinal));
    }
}
