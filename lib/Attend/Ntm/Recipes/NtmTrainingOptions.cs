using Attend.Ntm.Tasks;

namespace Attend.Ntm.Recipes;

/// <summary>
/// How <see cref="NtmTraining"/> trains (Chapter 5, §5.6). The defaults are the paper's recipe as pytorch-ntm runs it:
/// batch 1, RMSprop lr 1e-4 with momentum 0.9 and α 0.95, every gradient component clipped to ±10.
/// </summary>
public sealed record NtmTrainingOptions
{
    /// <summary>Seeds the training data (the model's initialisation is the caller's: seed before creating it).</summary>
    public int Seed { get; init; }

    /// <summary>Training stops after this many sequences (batches × batch size).</summary>
    public int Sequences { get; init; } = 50_000;

    /// <summary>Sequences per batch (1 is the paper's setting).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>The optimizer.</summary>
    public NtmOptimizer Optimizer { get; init; } = NtmOptimizer.RMSprop;

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>RMSprop's momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>RMSprop's smoothing constant α.</summary>
    public double Alpha { get; init; } = 0.95;

    /// <summary>Every gradient component is clipped to ±this (0: no clipping).</summary>
    public double ClipValue { get; init; } = 10;

    /// <summary>The whole gradient's norm is clipped to this (0: no norm clipping; Collier and Beel use 50).</summary>
    public double ClipNorm { get; init; }

    /// <summary>Evaluate on the held-out set every this many sequences (0: only at the end).</summary>
    public int EvaluateEvery { get; init; } = 1_000;

    /// <summary>Held-out sequences (drawn from the task with seed <see cref="Seed"/> + 1_000_003, apart from training's).</summary>
    public int HeldOutSequences { get; init; } = 100;

    /// <summary>Stop as soon as the held-out set is copied with no bit error.</summary>
    public bool StopWhenSolved { get; init; }

    /// <summary>
    /// Stop once this many held-out checks in a row had no wrong bit (0: never; 1 is <see cref="StopWhenSolved"/>).
    /// Early stopping on the held-out bit errors (Chapter 5, §5.10): a run that has solved its task and kept solving it
    /// ends there, rather than training on until a late collapse (what the associative recall run did at 250,000 episodes).
    /// </summary>
    public int StopAfterSolvedChecks { get; init; }

    /// <summary>
    /// Learning-rate decay on plateau (0: off): when the held-out cost in bits per sequence has not improved for
    /// more than <see cref="PlateauPatience"/> checks, the rate is multiplied by this factor (PyTorch's
    /// <c>ReduceLROnPlateau</c>, stepped once per held-out check), not below <see cref="MinLearningRate"/>.
    /// </summary>
    public double PlateauFactor { get; init; }

    /// <summary>Held-out checks without improvement tolerated before the rate is lowered (see <see cref="PlateauFactor"/>).</summary>
    public int PlateauPatience { get; init; } = 4;

    /// <summary>The lowest rate the plateau decay (and <see cref="StageDecay"/>) may set.</summary>
    public double MinLearningRate { get; init; }

    /// <summary>
    /// With an <see cref="AdaptiveCurriculum"/>: each time it moves to its next stage, the learning rate is multiplied by
    /// this (1: off), not below <see cref="MinLearningRate"/> (Chapter 5, §5.9). The later stages are longer sequences
    /// with more target bits, where a rate that learned the first stage quickly leaves the cost hovering above the
    /// curriculum's threshold; a smaller step lets it settle.
    /// </summary>
    public double StageDecay { get; init; } = 1;

    /// <summary>
    /// Roll back on divergence (0: off; Chapter 5, §5.9). When a held-out check costs more than this many times the best
    /// check's bits per sequence, training goes back to the best check: its weights and its optimizer state (moments,
    /// step counts) are restored and the rate is multiplied by <see cref="RollbackDecay"/> (not below
    /// <see cref="MinLearningRate"/>), then training goes on with the next batches. Under an
    /// <see cref="AdaptiveCurriculum"/> only on its last stage, as the plateau decay. Why: late in repeat copy a single
    /// bad stretch of updates can throw a nearly solved machine into a state it does not recover from, even as the rate
    /// falls tenfold (the chapter shows one); going back costs the updates since the best check.
    /// </summary>
    public double RollbackFactor { get; init; }

    /// <summary>The factor applied to the rate at each roll-back (see <see cref="RollbackFactor"/>).</summary>
    public double RollbackDecay { get; init; } = 0.5;

    /// <summary>Stop after this much wall time (null: no limit).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Where to save the best model (fewest held-out bit errors, then lowest cost) as safetensors, rewritten at each new best; null: keep it in memory only.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The device to train on: the model is moved there and the data generated there (null: where the model already is).</summary>
    public Device? Device { get; init; }

    /// <summary>
    /// A curriculum: given the sequences trained on so far, the task to draw the next training batch from (null: always
    /// the task being trained). Held-out evaluation always uses the task passed to <see cref="NtmTraining.Train"/>, so
    /// the curve measures the final task throughout. Every stage must have that task's input and output channels.
    /// See <see cref="Curricula"/> for the schedules chapter 5 uses.
    /// </summary>
    public Func<int, SequenceTask>? Curriculum { get; init; }

    /// <summary>
    /// A curriculum that moves to its next stage when the current one is learned (null: none). It is stateful: give each
    /// run a fresh one. Not together with <see cref="Curriculum"/>. Held-out evaluation always uses the task passed to
    /// <see cref="NtmTraining.Train"/>; the plateau decay (<see cref="PlateauFactor"/>) watches it only once training
    /// draws from the curriculum's last stage, since before that the held-out cost measures sizes not trained yet.
    /// </summary>
    public AdaptiveCurriculum? AdaptiveCurriculum { get; init; }

    /// <summary>Load the best weights back into the model at the end (otherwise the model is left as the last step made it).</summary>
    public bool RestoreBest { get; init; } = true;
}
