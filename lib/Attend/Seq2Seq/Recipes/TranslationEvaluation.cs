using Attend.Data;

namespace Attend.Seq2Seq.Recipes;

/// <summary>
/// A model's greedy translations of a held-out set, scored by corpus BLEU against all references of each source
/// sentence (<see cref="ReferenceSet"/>), with the sentence-length curve <see cref="ByLength"/>.
/// </summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Sentences">Each distinct source sentence with its references.</param>
/// <param name="Hypotheses">The model's translation of each, tokens joined by spaces.</param>
/// <param name="Bleu">Corpus BLEU of <paramref name="Hypotheses"/> (in points, 0–100).</param>
public sealed record TranslationEvaluation(IReadOnlyList<ReferenceSet> Sentences, IReadOnlyList<string> Hypotheses, BleuScore Bleu)
{
    /// <summary>Corpus BLEU per bucket of <paramref name="bucketWidth"/> source lengths (see <see cref="Data.Bleu.ByLength"/>).</summary>
    public IReadOnlyList<LengthBleu> ByLength(int bucketWidth = 2) =>
        Data.Bleu.ByLength([.. Sentences.Select(s => s.Source.Length)], Hypotheses,
                           [.. Sentences.Select(s => s.ReferenceTexts)], bucketWidth);

    /// <summary>The score and the number of sentences.</summary>
    public override string ToString() => $"BLEU {Bleu.Score:F2} on {Sentences.Count} sentences ({Bleu})";
}
