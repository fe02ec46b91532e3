namespace Attend.Seq2Seq;

/// <summary>
/// The length normalization of Google's NMT system (Wu et al. 2016): lp(Y) = ((5 + |Y|) / 6)^α, and hypotheses are
/// ranked by log P(Y) / lp(Y). Every token adds a negative log-probability, so unnormalized beam search prefers short
/// outputs; α = 0 turns the penalty off, α ≈ 0.6–1 favours longer ones (α = 1 is close to the average per token).
/// </summary>
/// <remarks>|Y| counts the generated tokens, EOS included. Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).</remarks>
public static class LengthPenalty
{
    /// <summary>lp = ((5 + <paramref name="length"/>) / 6)^<paramref name="alpha"/>.</summary>
    public static double Gnmt(int length, double alpha) => Math.Pow((5.0 + length) / 6.0, alpha);

    /// <summary>The score a hypothesis is ranked by: <paramref name="logProbability"/> / lp(length).</summary>
    public static double Score(double logProbability, int length, double alpha) => logProbability / Gnmt(length, alpha);
}
