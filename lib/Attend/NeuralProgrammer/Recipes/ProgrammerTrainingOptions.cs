namespace Attend.NeuralProgrammer.Recipes;

/// <summary>
/// The settings of a neural programmer training run (Chapter 9, §9.6). The defaults are the paper's where they fit
/// (batch 20, 4 steps, Adam 1e-3 with ε 1e-6, global-norm clip 1.0, Huber δ 10, gradient noise) with a smaller vector
/// size (64, the paper's is 256) so that a CPU trains it in minutes; change one with <c>with</c>.
/// </summary>
public sealed record ProgrammerTrainingOptions
{
    /// <summary>The seed of the batch order and of the gradient noise (the data and the initial weights have their own).</summary>
    public int Seed { get; init; }

    /// <summary>Optimizer steps.</summary>
    public int Iterations { get; init; } = 2000;

    /// <summary>Questions per batch.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's ε (the paper's code uses 1e-6).</summary>
    public double Epsilon { get; init; } = 1e-6;

    /// <summary>The largest global gradient norm (rescaled above it).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>η of the annealed gradient noise (0 turns it off).</summary>
    public double NoiseEta { get; init; } = 0.01;

    /// <summary>δ of the Huber loss on scalar answers.</summary>
    public float HuberDelta { get; init; } = 10f;

    /// <summary>λ, the weight of the lookup loss.</summary>
    public float LookupWeight { get; init; } = 50f;

    /// <summary>Where the model and the batches live.</summary>
    public Device Device { get; init; } = Device.CPU;
}
