namespace Attend.Data;

/// <summary>
/// The settings of a BLEU computation, named after sacrebleu's. <see cref="Corpus"/> is standard corpus BLEU-4:
/// 13a tokenization, case-sensitive, uniform weights over 1- to 4-grams, brevity penalty, no smoothing.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record BleuOptions
{
    /// <summary>Corpus BLEU: 13a, BLEU-4, no smoothing (sacrebleu's <c>corpus_bleu(..., smooth_method='none')</c>).</summary>
    public static BleuOptions Corpus { get; } = new();

    /// <summary>
    /// Sentence BLEU as sacrebleu's <c>sentence_bleu</c>: exp smoothing and effective order, since one sentence
    /// often has no 4-gram match at all.
    /// </summary>
    public static BleuOptions Sentence { get; } = new() { Smoothing = BleuSmoothing.Exp, EffectiveOrder = true };

    /// <summary>How text is split into words.</summary>
    public BleuTokenization Tokenization { get; init; } = BleuTokenization.Mteval13a;

    /// <summary>What a zero n-gram precision does.</summary>
    public BleuSmoothing Smoothing { get; init; } = BleuSmoothing.None;

    /// <summary>The value of <see cref="BleuSmoothing.Floor"/> (default 0.1) or <see cref="BleuSmoothing.AddK"/> (default 1).</summary>
    public double? SmoothValue { get; init; }

    /// <summary>Lower-case everything first (case-insensitive BLEU).</summary>
    public bool Lowercase { get; init; }

    /// <summary>
    /// Average only over the n-gram orders the hypotheses have at all (a 3-word sentence has no 4-gram), instead
    /// of scoring 0. For sentence-level BLEU.
    /// </summary>
    public bool EffectiveOrder { get; init; }

    /// <summary>The longest n-gram counted: 4 for BLEU-4.</summary>
    public int MaxOrder { get; init; } = 4;
}
