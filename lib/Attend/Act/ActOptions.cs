namespace Attend.Act;

/// <summary>
/// The settings of an <see cref="ActTraining"/> run. The defaults are the paper's parity setup (64 bits, a tanh RNN of
/// 128 units, batches of 128, ε = 0.01, at most 100 ponder steps) with a larger learning rate than the paper's 1e-4,
/// because a course run has thousands of batches, not millions; change one with <c>with</c>:
/// <code>var noAct = new ActOptions { Bits = 16 } with { MaxSteps = 1 };</code>
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.3 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed record ActOptions
{
    /// <summary>The task.</summary>
    public ActTask Task { get; init; } = ActTask.Parity;

    /// <summary>The seed of everything random: the training batches, the test set, the initial weights.</summary>
    public int Seed { get; init; }

    /// <summary>Parity: the size of the input vectors (the most non-zero entries).</summary>
    public int Bits { get; init; } = 64;

    /// <summary>Logic: the longest sequence.</summary>
    public int MaxLength { get; init; } = 3;

    /// <summary>Logic: the most gates per step.</summary>
    public int MaxGates { get; init; } = 5;

    /// <summary>
    /// Parity: the training and held-out inputs are multiplied by this (1, the default: the paper's ±1 entries). With
    /// the default initialisation (weights in ±1/√hidden) an input of a few ±1 entries moves a tanh unit's
    /// pre-activation by about 0.1, where tanh is nearly linear, so the even functions of each entry that parity needs
    /// (is this entry +1, −1 or 0?) start out weak. A larger scale makes the first update more non-linear from the
    /// start. A model trained so expects inputs scaled the same way.
    /// </summary>
    public double InputScale { get; init; } = 1.0;

    /// <summary>The recurrent cell: "rnn" (tanh), "gru" or "lstm".</summary>
    public string Cell { get; init; } = "rnn";

    /// <summary>The cell's hidden size.</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>Sequences per training batch (each batch is freshly generated).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Training batches.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// The learning rate is multiplied by 0.1 after this fraction of <see cref="Steps"/> (and again after each further such
    /// stretch, as <c>StepLR</c> does; 1: never). A large rate finds
    /// the solution quickly; the smaller one then settles into it instead of bouncing around it.
    /// </summary>
    public double DecayAt { get; init; } = 0.75;

    /// <summary>The largest gradient norm allowed (gradients are rescaled above it).</summary>
    public double ClipNorm { get; init; } = 5.0;

    /// <summary>τ, the time penalty: the weight of the ponder cost in the loss.</summary>
    public double Tau { get; init; } = 1e-3;

    /// <summary>The most ponder steps per input step; 1 turns ACT off (a plain recurrent step).</summary>
    public int MaxSteps { get; init; } = 100;

    /// <summary>ε of the halting threshold 1 − ε.</summary>
    public double Epsilon { get; init; } = 0.01;

    /// <summary>Held-out sequences, generated once, measured every <see cref="EvaluateEvery"/> batches and at the end.</summary>
    public int TestSize { get; init; } = 1000;

    /// <summary>How often (in batches) the held-out error is measured.</summary>
    public int EvaluateEvery { get; init; } = 250;

    /// <summary>
    /// Parity curriculum: 0 (the default) trains on the task itself, k ∈ [1, <see cref="Bits"/>] non-zero entries. A
    /// positive value starts training with at most this many non-zero entries (inputs keep their full size) and
    /// raises the limit by <see cref="CurriculumIncrement"/> whenever the training batches of the last
    /// <see cref="CurriculumWindow"/> steps had a sequence error below <see cref="CurriculumThreshold"/>, up to
    /// <see cref="Bits"/>. The held-out set is always the full task. Learning rate decay (<see cref="DecayAt"/>) counts
    /// steps as usual.
    /// </summary>
    public int CurriculumStart { get; init; }

    /// <summary>How much the curriculum raises the most non-zero entries at a time.</summary>
    public int CurriculumIncrement { get; init; } = 1;

    /// <summary>The training batches over which the curriculum measures the error before it may move on.</summary>
    public int CurriculumWindow { get; init; } = 100;

    /// <summary>The training sequence error (over <see cref="CurriculumWindow"/> batches) below which the curriculum moves on.</summary>
    public double CurriculumThreshold { get; init; } = 0.02;

    /// <summary>
    /// The share of each curriculum batch whose number of non-zero entries is uniform over everything reached so far,
    /// [1, limit] (1, the default: the whole batch). The rest of the batch is drawn from the frontier, the last
    /// <see cref="CurriculumFrontier"/> counts below the limit, so that the new counts, which have the most to learn,
    /// are not a thin slice of a batch that mostly repeats what is already known, while the easy share keeps the old
    /// counts from being forgotten.
    /// </summary>
    public double CurriculumEasyShare { get; init; } = 1.0;

    /// <summary>How many counts, up to the curriculum's limit, the frontier share of a batch draws from (see <see cref="CurriculumEasyShare"/>).</summary>
    public int CurriculumFrontier { get; init; } = 4;
}
