namespace Attend.Seq2Seq.Recipes;

/// <summary>One row of a <see cref="DateNormalization"/> run's history: the state of the model after an epoch.</summary>
/// <remarks>Taught in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="GuideWeight">λ, the weight the guided-alignment loss had in this epoch (0: off).</param>
/// <param name="Loss">The mean translation loss (cross-entropy per target token) over the epoch's batches.</param>
/// <param name="AlignmentLoss">The mean guided-alignment loss L_align over the epoch's batches (measured even when λ = 0).</param>
/// <param name="ExactMatch">The fraction of validation dates the greedy decoder normalizes exactly.</param>
/// <param name="Alignment">The attention measured against the true alignment on the validation dates (teacher forced).</param>
/// <param name="Seconds">The wall time of the epoch, training and measuring (the only figure a seed does not fix).</param>
public sealed record DateNormalizationEpoch(int Epoch, double GuideWeight, double Loss, double AlignmentLoss, double ExactMatch,
                                            AlignmentMetrics Alignment, double Seconds)
{
    /// <summary>The alignment accuracy: the fraction of aligned positions where the attention peaks on a true source position.</summary>
    public double AlignmentAccuracy => Alignment.Accuracy;

    /// <summary>"epoch 2 · λ 1 · loss 0.0123 · align loss 0.456 · exact 0.982 · align acc 0.975 · 12.3 s".</summary>
    public override string ToString() =>
        $"epoch {Epoch} · λ {GuideWeight:G3} · loss {Loss:F4} · align loss {AlignmentLoss:F3} · exact {ExactMatch:F3} · " +
        $"align acc {AlignmentAccuracy:F3} · {Seconds:F1} s";
}
