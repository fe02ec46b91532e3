using System.Globalization;

namespace Attend.Data;

/// <summary>
/// A BLEU score, 0–100, with the numbers it is made of:
/// BLEU = BP · exp(¼ Σₙ log pₙ), pₙ = <see cref="Counts"/>[n] / <see cref="Totals"/>[n] (clipped n-gram matches
/// over hypothesis n-grams), BP = exp(1 − r/c) when the hypotheses are shorter (c = <see cref="SysLen"/>) than the
/// references (r = <see cref="RefLen"/>), else 1.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Score">BLEU, 0–100.</param>
/// <param name="Counts">Matched n-grams for n = 1 … MaxOrder, each clipped to its count in a reference.</param>
/// <param name="Totals">Hypothesis n-grams for n = 1 … MaxOrder.</param>
/// <param name="Precisions">The n-gram precisions in percent (after smoothing).</param>
/// <param name="BrevityPenalty">exp(1 − r/c) when c &lt; r, else 1 (0 for an empty output).</param>
/// <param name="SysLen">The hypotheses' total length in tokens (c).</param>
/// <param name="RefLen">The references' total length (r): for each hypothesis the reference length closest to
/// its own, the shorter on a tie.</param>
public sealed record BleuScore(
    double Score,
    IReadOnlyList<int> Counts,
    IReadOnlyList<int> Totals,
    IReadOnlyList<double> Precisions,
    double BrevityPenalty,
    int SysLen,
    int RefLen)
{
    /// <summary>Hypothesis length over reference length.</summary>
    public double Ratio => RefLen > 0 ? (double)SysLen / RefLen : 0;

    /// <summary>sacrebleu's line: <c>BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)</c>.</summary>
    public override string ToString()
    {
        var invariant = CultureInfo.InvariantCulture;
        var precisions = string.Join("/", Precisions.Select(p => p.ToString("F1", invariant)));
        return string.Create(invariant,
            $"BLEU = {Score:F2} {precisions} (BP = {BrevityPenalty:F3} ratio = {Ratio:F3} hyp_len = {SysLen} ref_len = {RefLen})");
    }
}
