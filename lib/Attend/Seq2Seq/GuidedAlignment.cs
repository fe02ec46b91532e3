namespace Attend.Seq2Seq;

/// <summary>
/// Guided alignment: when we know which source positions each target token comes from, we can teach the attention
/// directly, with a cross-entropy between the true alignment A* and the attention weights α, added to the
/// translation loss:
/// <code>
/// L_align = −(1/N) Σ_{b,t} Σ_s A*_{b,t,s} log α_{b,t,s}       N = the number of target positions with an alignment
/// L       = L_translation + λ · L_align
/// </code>
/// Each row of A* sums to 1 (or to 0), so a row's term is the cross-entropy of the attention distribution against
/// the true one: it is smallest when α puts all its weight where A* does. Rows of A* that sum to 0 say "this token
/// comes from nowhere in the source" (the hyphens of a date), and padded target positions have no token at all;
/// both are skipped, and are not counted in N.
/// </summary>
/// <remarks>
/// Lineage: Chen, Matusov, Khadivi &amp; Peter 2016, "Guided Alignment Training for Topic-Aware Neural Machine
/// Translation" (AMTA), bias the attention of an NMT model toward the word alignments of a statistical aligner
/// (GIZA++) with a weighted sum of the decoder's cost and an alignment cost, trying mean squared error and
/// cross-entropy; Liu, Utiyama, Finch &amp; Sumita 2016, "Neural Machine Translation with Supervised Attention"
/// (COLING), treat the alignments as supervision of the attention in a joint objective, comparing several such
/// costs (Mi, Wang &amp; Ittycheriah 2016, "Supervised Attentions for Neural Machine Translation", is the same idea).
/// Here the alignments are exact (the date task knows them), and <see cref="GuidedAlignmentSchedule"/> applies the
/// guide only during the first epochs: it is a warm start that shows the attention where to look, after which the
/// translation loss alone keeps it there. log α is taken as log(α + <see cref="Epsilon"/>) so that a weight that has
/// underflowed to 0 still gives a finite loss and a gradient. Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public static class GuidedAlignment
{
    /// <summary>Added to α before the log: log(0) would be −∞ (and 0 · −∞ is NaN).</summary>
    public const float Epsilon = 1e-6f;

    /// <summary>
    /// L_align for attention weights <paramref name="attention"/> [B, T, S] (rows summing to 1, e.g.
    /// <see cref="Seq2SeqOutput.Attention"/>) and the true alignment <paramref name="alignment"/> [B, T, S] (e.g.
    /// <see cref="Data.DateTask.AlignmentBatch"/>); <paramref name="targetMask"/> [B, T] (1 = real target token) skips
    /// padding even where the alignment is not zero. A scalar; 0 when no position has an alignment.
    /// </summary>
    public static Tensor Loss(Tensor attention, Tensor alignment, Tensor? targetMask = null)
    {
        Check(attention, alignment, targetMask, "GuidedAlignment.Loss");
        var aligned = AlignedPositions(alignment, targetMask);                     // [B, T], 1 = counted
        var truth = alignment.mul(aligned.unsqueeze(2));                           // A*, padded rows forced to 0
        var n = Math.Max(1f, aligned.sum().item());                                 // N (1 if none: the sum is 0 then)
        return truth.mul(attention.add(Epsilon).log()).sum().neg().div(n);          // −(1/N) Σ A* log α
    }

    /// <summary>
    /// [B, T]: 1 at the target positions that count, those whose alignment row has weight (sums to more than 0) and
    /// that <paramref name="targetMask"/> (when given) marks as real; 0 elsewhere.
    /// </summary>
    public static Tensor AlignedPositions(Tensor alignment, Tensor? targetMask = null)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        var aligned = alignment.sum(2).gt(0f);
        return targetMask is null ? aligned : aligned.mul(targetMask.ne(0f));
    }

    /// <summary>Checks the shapes: attention and alignment [B, T, S], mask [B, T].</summary>
    internal static void Check(Tensor attention, Tensor alignment, Tensor? targetMask, string op)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(alignment);
        if (attention.ndim != 3 || !attention.ShapeEquals(alignment))
        {
            throw new ArgumentException(
                $"{op}: expected attention weights and the true alignment of the same shape [B, T, S], got attention " +
                $"{Tensor.Format(attention.shape)} and alignment {Tensor.Format(alignment.shape)}.", nameof(alignment));
        }

        if (targetMask is not null && (targetMask.ndim != 2 || targetMask.size(0) != attention.size(0) || targetMask.size(1) != attention.size(1)))
        {
            throw new ArgumentException(
                $"{op}: expected a target mask [B, T] = [{attention.size(0)}, {attention.size(1)}] for attention " +
                $"{Tensor.Format(attention.shape)}, got {Tensor.Format(targetMask.shape)}.", nameof(targetMask));
        }
    }
}
