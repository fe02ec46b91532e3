using Attend.Data;

namespace Attend.Seq2Seq.Recipes;

/// <summary>What <see cref="DateNormalization.Train"/> returns: the trained model, its data, and the per-epoch history.</summary>
/// <remarks>Taught in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Options">The settings of the run.</param>
/// <param name="Model">The trained Bahdanau model (source: <see cref="DateTask.InputVocabulary"/>, target: <see cref="DateTask.OutputVocabulary"/>).</param>
/// <param name="Data">The examples it was trained on (<see cref="DateSplits.Train"/>) and measured on.</param>
/// <param name="History">One row per epoch.</param>
/// <param name="Test">The final model on the test examples.</param>
public sealed record DateNormalizationRun(DateNormalizationOptions Options, EncoderDecoder Model, DateSplits Data,
                                          IReadOnlyList<DateNormalizationEpoch> History, DateEvaluation Test)
{
    /// <summary>The first epoch after which the validation alignment accuracy is at least <paramref name="accuracy"/>; null if none.</summary>
    public int? EpochsToAlignment(double accuracy) => History.FirstOrDefault(e => e.AlignmentAccuracy >= accuracy)?.Epoch;

    /// <summary>The first epoch after which the validation exact match is at least <paramref name="exactMatch"/>; null if none.</summary>
    public int? EpochsToExactMatch(double exactMatch) => History.FirstOrDefault(e => e.ExactMatch >= exactMatch)?.Epoch;

    /// <summary>The total wall time of the epochs, in seconds.</summary>
    public double Seconds => History.Sum(e => e.Seconds);

    /// <summary>The history, one epoch per line, then the test result.</summary>
    public override string ToString() =>
        $"{Options.Guide}\n{string.Join("\n", History)}\ntest: {Test}";
}
