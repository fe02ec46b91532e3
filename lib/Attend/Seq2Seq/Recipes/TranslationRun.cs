namespace Attend.Seq2Seq.Recipes;

/// <summary>What <see cref="Translation.Train"/> returns: the trained model and its per-epoch history.</summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Options">The settings of the run.</param>
/// <param name="Model">The trained model: the best epoch's weights when <see cref="TranslationOptions.KeepBest"/>, else the last.</param>
/// <param name="History">One row per epoch.</param>
/// <param name="BestEpoch">The epoch whose weights <see cref="Model"/> holds.</param>
public sealed record TranslationRun(TranslationOptions Options, EncoderDecoder Model, IReadOnlyList<TranslationEpoch> History, int BestEpoch)
{
    /// <summary>The total wall time of the epochs, in seconds.</summary>
    public double Seconds => History.Sum(e => e.Seconds);

    /// <summary>The number of trainable numbers in the model.</summary>
    public long ParameterCount => Model.parameters().Sum(p => (long)p.numel());

    /// <summary>The architecture, then the history, one epoch per line.</summary>
    public override string ToString() =>
        $"{Options.Architecture} ({ParameterCount:N0} parameters, kept epoch {BestEpoch})\n{string.Join("\n", History)}";
}
