namespace Attend.Seq2Seq.Recipes;

/// <summary>
/// The settings of one <see cref="Translation.Train"/> run. Every architecture of a comparison gets the same options
/// except <see cref="Architecture"/>: the same data order, sizes, epochs and learning rate (the same budget).
/// <code>var bahdanau = new TranslationOptions { Architecture = TranslationArchitecture.Bahdanau, Epochs = 10 };</code>
/// </summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record TranslationOptions
{
    /// <summary>Which model to build.</summary>
    public TranslationArchitecture Architecture { get; init; } = TranslationArchitecture.Bahdanau;

    /// <summary>The seed of the initial weights (<c>torch.manual_seed</c>) and of the batch order.</summary>
    public int Seed { get; init; }

    /// <summary>Where to train (<c>Course.Device</c> in the chapters); null means the CPU.</summary>
    public Device? Device { get; init; }

    /// <summary>Passes over the training pairs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Sentence pairs per batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>The size of the word embeddings (source and target).</summary>
    public int EmbeddingDim { get; init; } = 128;

    /// <summary>The size of each direction of the encoder and of the Bahdanau decoder (a Luong decoder has twice this).</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>The largest gradient norm allowed (gradients are rescaled above it).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>
    /// Measure validation BLEU after every epoch and, at the end, restore the weights of the epoch that scored best
    /// (model selection on the validation set, never on the test sets).
    /// </summary>
    public bool KeepBest { get; init; } = true;
}
