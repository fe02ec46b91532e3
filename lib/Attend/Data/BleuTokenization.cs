namespace Attend.Data;

/// <summary>How BLEU splits hypotheses and references into words before counting n-grams.</summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public enum BleuTokenization
{
    /// <summary>The standard: <see cref="Tokenizer13a"/> (sacrebleu's "13a").</summary>
    Mteval13a,

    /// <summary>Split on whitespace only (sacrebleu's "none"): for text that is already tokenized exactly as wanted.</summary>
    None,
}
