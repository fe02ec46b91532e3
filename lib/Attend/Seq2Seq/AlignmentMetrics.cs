namespace Attend.Seq2Seq;

/// <summary>
/// How well attention weights α [B, T, S] agree with a true alignment A* [B, T, S], over the target positions that
/// have one (as in <see cref="GuidedAlignment"/>: rows of A* summing to 0 and padding are skipped):
/// <list type="bullet">
/// <item><see cref="Accuracy"/>: the fraction of those positions whose attention peak argmax_s α_{b,t,s} falls on a
/// source position with A*_{b,t,s} &gt; 0 (on any of them when the truth is spread, like both digits of "79" for
/// the "19" of 1979);</item>
/// <item><see cref="SoftOverlap"/>: the mean of Σ_s α_{b,t,s} A*_{b,t,s}, a soft version that counts all the
/// weight, not just the peak, in the spirit of the alignment error rate (AER) of word aligners. It is 1 for a
/// one-hot truth matched exactly; when the truth is spread over k positions its best is 1/k.</item>
/// </list>
/// The counts add up (<c>a + b</c>), so a data set is measured batch by batch.
/// </summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Positions">The number of target positions measured (those with an alignment).</param>
/// <param name="Hits">How many of them peak on a truly aligned source position.</param>
/// <param name="Overlap">Σ over them of Σ_s α·A*.</param>
public sealed record AlignmentMetrics(int Positions, int Hits, double Overlap)
{
    /// <summary>Nothing measured yet: the start of a sum.</summary>
    public static AlignmentMetrics Empty { get; } = new(0, 0, 0);

    /// <summary>Hits / Positions (0 when nothing was measured).</summary>
    public double Accuracy => Positions == 0 ? 0 : (double)Hits / Positions;

    /// <summary>Overlap / Positions, the mean of Σ_s α·A* (0 when nothing was measured).</summary>
    public double SoftOverlap => Positions == 0 ? 0 : Overlap / Positions;

    /// <summary>
    /// Measures <paramref name="attention"/> [B, T, S] against <paramref name="alignment"/> [B, T, S], skipping rows
    /// of the alignment that sum to 0 and positions where <paramref name="targetMask"/> [B, T] (when given) is 0.
    /// Ties in the peak go to the first source position.
    /// </summary>
    public static AlignmentMetrics Measure(Tensor attention, Tensor alignment, Tensor? targetMask = null)
    {
        GuidedAlignment.Check(attention, alignment, targetMask, "AlignmentMetrics.Measure");
        using var _ = torch.no_grad();
        var aligned = GuidedAlignment.AlignedPositions(alignment, targetMask);      // [B, T]
        var peak = attention.argmax(2, keepdim: true);                              // [B, T, 1]
        var hits = alignment.gather(2, peak).squeeze(2).gt(0f).mul(aligned);        // A* > 0 at the peak
        var overlap = attention.mul(alignment).sum(2).mul(aligned);                 // Σ_s α·A*
        return new AlignmentMetrics((int)aligned.sum().item(), (int)hits.sum().item(), overlap.sum().item());
    }

    /// <summary>The measurements of two sets together.</summary>
    public static AlignmentMetrics operator +(AlignmentMetrics a, AlignmentMetrics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new AlignmentMetrics(a.Positions + b.Positions, a.Hits + b.Hits, a.Overlap + b.Overlap);
    }

    /// <summary>Same as <c>a + b</c>.</summary>
    public static AlignmentMetrics Add(AlignmentMetrics a, AlignmentMetrics b) => a + b;

    /// <summary>"alignment accuracy 0.950 (190/200), soft overlap 0.812".</summary>
    public override string ToString() => $"alignment accuracy {Accuracy:F3} ({Hits}/{Positions}), soft overlap {SoftOverlap:F3}";
}
