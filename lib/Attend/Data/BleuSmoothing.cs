namespace Attend.Data;

/// <summary>
/// What BLEU does with an n-gram order that has no match at all (its precision would be 0, and so would the
/// geometric mean). The methods are sacrebleu's (Chen and Cherry, 2014).
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public enum BleuSmoothing
{
    /// <summary>Nothing: a zero precision makes BLEU 0. The course's corpus BLEU.</summary>
    None,

    /// <summary>A zero count becomes <c>SmoothValue</c> (default 0.1) matches.</summary>
    Floor,

    /// <summary>Adds <c>SmoothValue</c> (default 1: add-one) to the matches and totals of orders 2 and up.</summary>
    AddK,

    /// <summary>
    /// mteval-v13a's method: the k-th order with no match gets precision 1 / (2^k · total). sacrebleu's default, for
    /// corpus and sentence BLEU alike; it differs from <see cref="None"/> only when some order has no match at all.
    /// </summary>
    Exp,
}
