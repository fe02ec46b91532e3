namespace Attend.Ntm.Tasks;

/// <summary>
/// Repeat copy (Graves et al. 2014, §4.2; Chapter 5, §5.9): a sequence of random vectors, then a delimiter carrying the
/// number of repeats on a channel of its own, normalised to mean 0 and variance 1 over the training range of counts
/// (as the paper); the model must emit the sequence that many times and then an end marker on an extra output
/// channel. Inputs have bits + 2 channels, outputs bits + 1; length L with R repeats takes L + 1 + R·L + 1 steps.
/// </summary>
public sealed class RepeatCopyTask : SequenceTask
{
    /// <summary>Lengths and repeat counts drawn uniformly from the given ranges (the paper: 1–10 and 1–10).</summary>
    public RepeatCopyTask(int bits = 8, int min_length = 1, int max_length = 10, int min_repeats = 1, int max_repeats = 10)
    {
        if (bits <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), $"RepeatCopyTask: bits must be positive, got {bits}.");
        }

        if (min_length < 1 || max_length < min_length)
        {
            throw new ArgumentOutOfRangeException(nameof(max_length),
                $"RepeatCopyTask: needs 1 ≤ min_length ≤ max_length, got min_length = {min_length}, max_length = {max_length}.");
        }

        if (min_repeats < 1 || max_repeats < min_repeats)
        {
            throw new ArgumentOutOfRangeException(nameof(max_repeats),
                $"RepeatCopyTask: needs 1 ≤ min_repeats ≤ max_repeats, got min_repeats = {min_repeats}, max_repeats = {max_repeats}.");
        }

        Bits = bits;
        MinLength = min_length;
        MaxLength = max_length;
        MinRepeats = min_repeats;
        MaxRepeats = max_repeats;
        countMin = min_repeats;
        countMax = max_repeats;
    }

    // The repeat range the count channel is normalised over: this task's own, or, for a curriculum stage made by
    // Easier, the full task's, so that a count means the same input value at every stage.
    private int countMin;
    private int countMax;

    /// <summary>
    /// A curriculum stage (Chapter 5, §5.9): the same task drawing lengths from MinLength…<paramref name="max_length"/>
    /// and counts from MinRepeats…<paramref name="max_repeats"/>, but normalising the count as this task does, so the
    /// count channel carries the same value for the same count at every stage.
    /// </summary>
    public RepeatCopyTask Easier(int max_length, int max_repeats)
    {
        if (max_length < MinLength || max_length > MaxLength || max_repeats < MinRepeats || max_repeats > MaxRepeats)
        {
            throw new ArgumentOutOfRangeException(nameof(max_length),
                $"RepeatCopyTask.Easier: needs {MinLength} ≤ max_length ≤ {MaxLength} and {MinRepeats} ≤ max_repeats ≤ {MaxRepeats}, got " +
                $"max_length = {max_length}, max_repeats = {max_repeats}.");
        }

        return new RepeatCopyTask(Bits, MinLength, max_length, MinRepeats, max_repeats) { countMin = countMin, countMax = countMax };
    }

    /// <summary>Bits per vector.</summary>
    public int Bits { get; }

    /// <summary>The shortest length.</summary>
    public int MinLength { get; }

    /// <summary>The longest length.</summary>
    public int MaxLength { get; }

    /// <summary>The fewest repeats.</summary>
    public int MinRepeats { get; }

    /// <summary>The most repeats.</summary>
    public int MaxRepeats { get; }

    /// <inheritdoc/>
    public override int InputSize => Bits + 2;

    /// <inheritdoc/>
    public override int OutputSize => Bits + 1;

    /// <inheritdoc/>
    public override string Name => "repeat copy";

    /// <summary>
    /// The count as the model sees it: (R − mean) / std of the discrete uniform over min_repeats … max_repeats
    /// (mean (a + b)/2, variance ((b − a + 1)² − 1)/12), or 0 when the range is a single count.
    /// </summary>
    public float NormalizedRepeats(int repeats)
    {
        var mean = (countMin + countMax) / 2.0;
        var n = countMax - countMin + 1;
        var variance = ((n * (double)n) - 1) / 12.0;
        return variance == 0 ? 0f : (float)((repeats - mean) / Math.Sqrt(variance));
    }

    /// <inheritdoc/>
    public override TaskBatch Sample(int batch, Generator generator, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var length = generator.NextInt(MinLength, MaxLength + 1);
        var repeats = generator.NextInt(MinRepeats, MaxRepeats + 1);
        return Sample(batch, length, repeats, generator, device);
    }

    /// <summary>A batch with exactly <paramref name="length"/> vectors repeated <paramref name="repeats"/> times.</summary>
    public TaskBatch Sample(int batch, int length, int repeats, Generator generator, Device? device = null)
    {
        CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(generator);
        if (length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"RepeatCopyTask: length must be at least 1, got {length}.");
        }

        if (repeats < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(repeats), $"RepeatCopyTask: repeats must be at least 1, got {repeats}.");
        }

        int outputSteps = (repeats * length) + 1, steps = length + 1 + outputSteps, inW = InputSize, outW = OutputSize;
        var inputs = new float[steps * batch * inW];
        var targets = new float[outputSteps * batch * outW];
        var count = NormalizedRepeats(repeats);
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < length; t++)
            {
                RandomBits(inputs, ((t * batch) + b) * inW, Bits, generator);
                for (var r = 0; r < repeats; r++)
                {
                    Array.Copy(inputs, ((t * batch) + b) * inW, targets, ((((r * length) + t) * batch) + b) * outW, Bits);
                }
            }

            inputs[(((length * batch) + b) * inW) + Bits] = 1f;          // delimiter
            inputs[(((length * batch) + b) * inW) + Bits + 1] = count;   // how many repeats
            targets[((((outputSteps - 1) * batch) + b) * outW) + Bits] = 1f;  // end marker
        }

        return TaskBatch.FromHost(inputs, steps, batch, inW, targets, outputSteps, outW, device);
    }
}
