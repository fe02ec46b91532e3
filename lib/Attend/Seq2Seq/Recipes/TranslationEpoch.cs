namespace Attend.Seq2Seq.Recipes;

/// <summary>One row of a <see cref="Translation.Train"/> run's history: the model after an epoch.</summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainLoss">The mean cross-entropy per target token over the epoch's batches (teacher forced).</param>
/// <param name="ValidationLoss">The cross-entropy per target token on the validation pairs (teacher forced).</param>
/// <param name="ValidationBleu">Corpus BLEU of the greedy translations of the validation sentences.</param>
/// <param name="Seconds">The wall time of the epoch, training and measuring (the only figure a seed does not fix).</param>
public sealed record TranslationEpoch(int Epoch, double TrainLoss, double ValidationLoss, double ValidationBleu, double Seconds)
{
    /// <summary>"epoch 3 · loss 2.345 · val loss 2.567 · val BLEU 23.45 · 20.1 s".</summary>
    public override string ToString() =>
        $"epoch {Epoch} · loss {TrainLoss:F3} · val loss {ValidationLoss:F3} · val BLEU {ValidationBleu:F2} · {Seconds:F1} s";
}
