using Attend.Ntm.Tasks;

namespace Attend.Ntm.Recipes;

/// <summary>
/// A curriculum that moves on when the model has learned the current stage (Chapter 5, §5.9), for
/// <see cref="NtmTrainingOptions.AdaptiveCurriculum"/>. Training draws its batches from <see cref="Current"/>; after
/// each batch the recipe calls <see cref="Observe"/> with the batch's cost, and once the mean cost per target bit over
/// the last <see cref="Window"/> batches of this stage is below <see cref="Threshold"/>, the next stage starts. A
/// schedule fixed in advance (<see cref="Curricula"/>) moves on whether or not the stage was learned, and the repeat copy
/// run that used one reached the full task without having learned the easy stages; this one waits. It is stateful:
/// create a fresh one for each run.
/// </summary>
public sealed class AdaptiveCurriculum
{
    private readonly Queue<double> recent = new();
    private readonly List<int> advancedAt = [];
    private double recentSum;

    /// <summary>
    /// Stages in order of difficulty (the last is normally the full task); move on when the mean cost per target bit of
    /// the last <paramref name="window"/> batches is below <paramref name="threshold"/> bits.
    /// </summary>
    public AdaptiveCurriculum(IReadOnlyList<SequenceTask> stages, double threshold = 0.01, int window = 50)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0)
        {
            throw new ArgumentException("AdaptiveCurriculum: needs at least one stage, got 0.", nameof(stages));
        }

        if (stages.Any(s => s.InputSize != stages[0].InputSize || s.OutputSize != stages[0].OutputSize))
        {
            throw new ArgumentException(
                $"AdaptiveCurriculum: every stage must have the first's {stages[0].InputSize} input and {stages[0].OutputSize} output channels, got " +
                string.Join(", ", stages.Select(s => $"{s.InputSize}/{s.OutputSize}")) + ".",
                nameof(stages));
        }

        if (!(threshold > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), $"AdaptiveCurriculum: threshold must be positive, got {threshold}.");
        }

        if (window <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"AdaptiveCurriculum: window must be positive, got {window}.");
        }

        Stages = stages;
        Threshold = threshold;
        Window = window;
    }

    /// <summary>The stages, easiest first.</summary>
    public IReadOnlyList<SequenceTask> Stages { get; }

    /// <summary>The cost per target bit (bits) under which a stage counts as learned.</summary>
    public double Threshold { get; }

    /// <summary>How many of the stage's latest batches the mean is taken over.</summary>
    public int Window { get; }

    /// <summary>The index of the stage training draws from now.</summary>
    public int Stage { get; private set; }

    /// <summary>The task training draws from now.</summary>
    public SequenceTask Current => Stages[Stage];

    /// <summary>The mean cost per target bit over the current stage's latest batches (at most <see cref="Window"/>; NaN before the first).</summary>
    public double RecentCost => recent.Count == 0 ? double.NaN : recentSum / recent.Count;

    /// <summary>Sequences seen when each stage after the first began (one entry per stage reached).</summary>
    public IReadOnlyList<int> AdvancedAt => advancedAt;

    /// <summary>
    /// Records one training batch drawn from <see cref="Current"/>: its cost in bits per sequence and its
    /// <paramref name="targetBits"/> target bits per sequence (answer steps × output channels). Returns true when this
    /// batch completed the stage and the next one begins.
    /// </summary>
    public bool Observe(double bitsPerSequence, int targetBits, int sequencesSeen)
    {
        if (targetBits <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(targetBits), $"AdaptiveCurriculum.Observe: targetBits must be positive, got {targetBits}.");
        }

        var perBit = bitsPerSequence / targetBits;
        recent.Enqueue(perBit);
        recentSum += perBit;
        if (recent.Count > Window)
        {
            recentSum -= recent.Dequeue();
        }

        if (Stage == Stages.Count - 1 || recent.Count < Window || recentSum / recent.Count >= Threshold)
        {
            return false;
        }

        Stage++;
        advancedAt.Add(sequencesSeen);
        recent.Clear();
        recentSum = 0;
        return true;
    }

    /// <summary>
    /// Repeat copy with the longest length and the largest count both stepping from <paramref name="start"/> up to the
    /// task's (a count is normalised over the full task's range at every stage: <see cref="RepeatCopyTask.Easier"/>).
    /// </summary>
    public static AdaptiveCurriculum RepeatCopy(RepeatCopyTask task, int start = 2, double threshold = 0.01, int window = 50)
    {
        ArgumentNullException.ThrowIfNull(task);
        var top = Math.Max(task.MaxLength, task.MaxRepeats);
        if (start < Math.Max(task.MinLength, task.MinRepeats) || start > top)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"AdaptiveCurriculum.RepeatCopy: start must lie in {Math.Max(task.MinLength, task.MinRepeats)}…{top}, got {start}.");
        }

        var stages = Enumerable.Range(start, top - start + 1)
            .Select(k => (SequenceTask)task.Easier(Math.Min(k, task.MaxLength), Math.Min(k, task.MaxRepeats)))
            .ToList();
        return new AdaptiveCurriculum(stages, threshold, window);
    }

    /// <summary>Associative recall with the largest number of items stepping from <paramref name="start_items"/> to the task's.</summary>
    public static AdaptiveCurriculum AssociativeRecall(AssociativeRecallTask task, int start_items = 3, double threshold = 0.01, int window = 50)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (start_items < task.MinItems || start_items > task.MaxItems)
        {
            throw new ArgumentOutOfRangeException(nameof(start_items),
                $"AdaptiveCurriculum.AssociativeRecall: start_items must lie in {task.MinItems}…{task.MaxItems}, got {start_items}.");
        }

        var stages = Enumerable.Range(start_items, task.MaxItems - start_items + 1)
            .Select(n => (SequenceTask)new AssociativeRecallTask(task.Bits, task.VectorsPerItem, task.MinItems, n))
            .ToList();
        return new AdaptiveCurriculum(stages, threshold, window);
    }
}
