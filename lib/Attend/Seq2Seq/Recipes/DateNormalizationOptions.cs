namespace Attend.Seq2Seq.Recipes;

/// <summary>
/// The settings of a <see cref="DateNormalization"/> run. The defaults are a small, quick model (a 64-unit BiGRU) that
/// normalizes every held-out date after one or two epochs of 10,000 examples on a laptop CPU; change one with
/// <c>with</c>:
/// <code>var guided = new DateNormalizationOptions() with { Guide = new GuidedAlignmentSchedule(1.0, 1) };</code>
/// </summary>
/// <remarks>Taught in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record DateNormalizationOptions
{
    /// <summary>The seed of everything random: the data, the initial weights, the order of the batches.</summary>
    public int Seed { get; init; }

    /// <summary>Where to train (<c>Course.Device</c> in the chapters); null means the CPU.</summary>
    public Device? Device { get; init; }

    /// <summary>Training examples.</summary>
    public int TrainSize { get; init; } = 10_000;

    /// <summary>Held-out examples measured after every epoch (exact match and alignment).</summary>
    public int ValidationSize { get; init; } = 500;

    /// <summary>Held-out examples measured once, after the last epoch.</summary>
    public int TestSize { get; init; } = 1_000;

    /// <summary>Passes over the training examples.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>The size of the character embeddings (source and target).</summary>
    public int EmbeddingDim { get; init; } = 16;

    /// <summary>The size of each direction of the bidirectional GRU encoder, of the decoder and of the attention.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>The largest gradient norm allowed (gradients are rescaled above it).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>The guided-alignment loss's weight and for how many epochs it is on (<see cref="GuidedAlignmentSchedule.None"/>: never).</summary>
    public GuidedAlignmentSchedule Guide { get; init; } = GuidedAlignmentSchedule.None;
}
