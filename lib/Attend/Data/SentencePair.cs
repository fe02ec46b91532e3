namespace Attend.Data;

/// <summary>
/// One line of a parallel corpus: a sentence and its translation, as raw text, with the 1-based line it came from
/// (to find it again in the file). For eng-fra.txt the source is English and the target French, the file's order;
/// <see cref="Swap"/> turns it around.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Source">The sentence to translate.</param>
/// <param name="Target">Its translation.</param>
/// <param name="Line">The 1-based line number in the file (0 when the pair did not come from a file).</param>
public sealed record SentencePair(string Source, string Target, int Line = 0)
{
    /// <summary>The same pair translated the other way (target → source).</summary>
    public SentencePair Swap() => this with { Source = Target, Target = Source };

    /// <summary>Both sides through <paramref name="tokenizer"/>.</summary>
    public TokenizedPair Tokenize(Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new TokenizedPair(tokenizer.Tokenize(Source), tokenizer.Tokenize(Target), Line);
    }

    /// <summary>"source → target".</summary>
    public override string ToString() => $"{Source} → {Target}";
}
