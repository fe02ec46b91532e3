namespace Attend.NeuralProgrammer.Recipes;

/// <summary>
/// The settings of a neural programmer training run (Chapter 9, §9.5). The defaults are the paper's where they fit
/// (batch 20, Adam with ε 1e-6, global-norm clip 1.0, gradient noise), with a Huber loss on the relative error of
/// scalar answers (see <see cref="ProgrammerLoss"/>); the model's size is the caller's (the chapter uses 64, the
/// paper 256). Change one with <c>with</c>.
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

    /// <summary>Whether the learning rate decays from <see cref="LearningRate"/> to 0 along a half cosine over the run.</summary>
    public bool CosineDecay { get; init; }

    /// <summary>Adam's ε (the paper's code uses 1e-6).</summary>
    public double Epsilon { get; init; } = 1e-6;

    /// <summary>The largest global gradient norm (rescaled above it).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>η of the annealed gradient noise (0 turns it off).</summary>
    public double NoiseEta { get; init; } = 0.01;

    /// <summary>
    /// Whether the gradient noise is added after the global-norm clip instead of before it. Before it (the default), the
    /// noise of every parameter counts in the norm: with ~10⁵ parameters and η = 10⁻³ its norm is about 10, so the clip
    /// scales the true gradient down tenfold for the first thousands of updates. After it, the clip sees only the
    /// gradient and the noise keeps its stated variance.
    /// </summary>
    public bool NoiseAfterClip { get; init; }

    /// <summary>Whether the Huber loss takes the relative error (see <see cref="ProgrammerLoss"/>); the paper's is the raw error.</summary>
    public bool RelativeHuber { get; init; } = true;

    /// <summary>
    /// s of the relative error: divide by max(1, |y|/s), so answers up to s keep the raw error (see <see cref="ProgrammerLoss"/>).
    /// 1 is the plain relative error.
    /// </summary>
    public float RelativeScale { get; init; } = 1f;

    /// <summary>
    /// Whether the relative error is taken relative to the larger of answer and target (see <see cref="ProgrammerLoss"/>),
    /// so that too large and too small answers cost alike.
    /// </summary>
    public bool SymmetricRelative { get; init; } = true;

    /// <summary>δ of the Huber loss on scalar answers (the paper tuned 10–50 on raw errors; 1 suits relative errors).</summary>
    public float HuberDelta { get; init; } = 1f;

    /// <summary>λ, the weight of the lookup loss (5 balances it with relative scalar errors; the paper's were 25–100 with raw ones).</summary>
    public float LookupWeight { get; init; } = 5f;

    /// <summary>
    /// The weight of the answer-kind term: the binary cross-entropy of the model's "lookup" logit (for the neural
    /// programmer, printing at the last step) against whether the answer is cells. Without it nothing but the scalar
    /// loss pushes a count question away from a program that prints, and chapter 9's runs settled on such programs for
    /// whole templates (every count answered by print, scalar 0). 0 turns it off (the paper's loss).
    /// </summary>
    public float KindWeight { get; init; } = 1f;

    /// <summary>
    /// The largest weight of the commitment term: the mean entropy of the neural programmer's operation and column
    /// choices, added to the loss with a weight that is 0 for the first half of training and rises linearly to this at
    /// the end. Training is soft and evaluation runs the arg-max program; a soft blend (0.5 first, 0.5 last) can be right
    /// where either hard choice is wrong, and the chapter's runs ended with such blends in the middle steps. 0 (the
    /// default, and the paper) turns it off.
    /// </summary>
    public float EntropyWeight { get; init; }

    /// <summary>
    /// The update from which a <see cref="NeuralProgrammer"/> trains with hard choices and straight-through gradients
    /// (<see cref="NeuralProgrammer.straight_through"/>); -1 (the default) never. In chapter 9's two tries (from update
    /// 2,000 of 4,000 and 4,000 of 6,000) the loss jumped tenfold at the switch and held-out accuracy fell from 31 % to
    /// 21 % and from 59 % to 28 %: the straight-through gradient of a hard program is no guide here.
    /// </summary>
    public int StraightThroughFrom { get; init; } = -1;

    /// <summary>Where the model and the batches live.</summary>
    public Device Device { get; init; } = Device.CPU;
}
