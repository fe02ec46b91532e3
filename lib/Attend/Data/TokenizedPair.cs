namespace Attend.Data;

/// <summary>A sentence pair split into tokens (see <see cref="Tokenizer"/>), with the line it came from.</summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Source">The source tokens.</param>
/// <param name="Target">The target tokens.</param>
/// <param name="Line">The 1-based line number in the file (0 when unknown).</param>
public sealed record TokenizedPair(string[] Source, string[] Target, int Line = 0)
{
    /// <summary>The longer side's number of tokens: what a length limit or a length split looks at.</summary>
    public int Length => Math.Max(Source.Length, Target.Length);

    /// <summary>The same pair translated the other way (target → source).</summary>
    public TokenizedPair Swap() => this with { Source = Target, Target = Source };

    /// <summary>Both sides as ids (unknown tokens → <see cref="Vocabulary.UnkId"/>), without special tokens.</summary>
    public EncodedPair Encode(Vocabulary source, Vocabulary target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return new EncodedPair(source.Encode(Source), target.Encode(Target));
    }

    /// <summary>"source tokens → target tokens".</summary>
    public override string ToString() => $"{string.Join(' ', Source)} → {string.Join(' ', Target)}";
}
