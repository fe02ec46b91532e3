namespace Attend.Data;

/// <summary>Corpus BLEU over the sentences whose source length lies in [<see cref="MinLength"/>, <see cref="MaxLength"/>].</summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="MinLength">The shortest source length in the bucket.</param>
/// <param name="MaxLength">The longest source length in the bucket.</param>
/// <param name="Count">How many sentences fell in it.</param>
/// <param name="Bleu">Their corpus BLEU.</param>
public sealed record LengthBleu(int MinLength, int MaxLength, int Count, BleuScore Bleu)
{
    /// <summary>The bucket's label for a plot: "6–10" (or "7" for a one-length bucket).</summary>
    public string Label => MinLength == MaxLength ? $"{MinLength}" : $"{MinLength}–{MaxLength}";
}
