using Attend.Ntm.Tasks;

namespace Attend.Ntm.Recipes;

/// <summary>
/// Curricula for <see cref="NtmTrainingOptions.Curriculum"/> (Chapter 5, §5.9–5.10): the task's size limit (length,
/// repeats, items) grows linearly from an easy start to the full task over the first <c>over</c> sequences, then stays
/// there. The paper trains on the full ranges from the start; a curriculum is our addition, used where the full
/// task stalled within a notebook's budget, and the chapter says so.
/// </summary>
public static class Curricula
{
    /// <summary>Copy with the maximum length growing from <paramref name="start_length"/> to the task's.</summary>
    public static Func<int, SequenceTask> Copy(CopyTask task, int over, int start_length = 2)
    {
        ArgumentNullException.ThrowIfNull(task);
        CheckStart(over, start_length, task.MinLength, task.MaxLength, nameof(start_length));
        var stages = new Dictionary<int, SequenceTask>();
        return seen =>
        {
            var length = Ramp(seen, over, start_length, task.MaxLength);
            return Stage(stages, length, () => new CopyTask(task.Bits, task.MinLength, length));
        };
    }

    /// <summary>
    /// Repeat copy with the maximum length and count growing from the start values to the task's; the count channel is
    /// normalised over the full task's range at every stage (<see cref="RepeatCopyTask.Easier"/>).
    /// </summary>
    public static Func<int, SequenceTask> RepeatCopy(RepeatCopyTask task, int over, int start_length = 2, int start_repeats = 2)
    {
        ArgumentNullException.ThrowIfNull(task);
        CheckStart(over, start_length, task.MinLength, task.MaxLength, nameof(start_length));
        CheckStart(over, start_repeats, task.MinRepeats, task.MaxRepeats, nameof(start_repeats));
        var stages = new Dictionary<int, SequenceTask>();
        return seen =>
        {
            int length = Ramp(seen, over, start_length, task.MaxLength), repeats = Ramp(seen, over, start_repeats, task.MaxRepeats);
            return Stage(stages, (length * 10_000) + repeats, () => task.Easier(length, repeats));
        };
    }

    /// <summary>Associative recall with the maximum number of items growing from <paramref name="start_items"/> to the task's.</summary>
    public static Func<int, SequenceTask> AssociativeRecall(AssociativeRecallTask task, int over, int start_items = 2)
    {
        ArgumentNullException.ThrowIfNull(task);
        CheckStart(over, start_items, task.MinItems, task.MaxItems, nameof(start_items));
        var stages = new Dictionary<int, SequenceTask>();
        return seen =>
        {
            var items = Ramp(seen, over, start_items, task.MaxItems);
            return Stage(stages, items, () => new AssociativeRecallTask(task.Bits, task.VectorsPerItem, task.MinItems, items));
        };
    }

    /// <summary>The limit after <paramref name="seen"/> of <paramref name="over"/> sequences: start, growing linearly to end.</summary>
    public static int Ramp(int seen, int over, int start, int end) =>
        seen >= over ? end : start + (int)((long)(end - start + 1) * Math.Max(seen, 0) / over);

    private static SequenceTask Stage(Dictionary<int, SequenceTask> stages, int key, Func<SequenceTask> create)
    {
        if (!stages.TryGetValue(key, out var stage))
        {
            stages[key] = stage = create();
        }

        return stage;
    }

    private static void CheckStart(int over, int start, int min, int max, string name)
    {
        if (over <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(over), $"Curricula: over must be positive, got {over}.");
        }

        if (start < min || start > max)
        {
            throw new ArgumentOutOfRangeException(name, $"Curricula: {name} must lie in the task's range {min}…{max}, got {start}.");
        }
    }
}
