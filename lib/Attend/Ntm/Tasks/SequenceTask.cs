namespace Attend.Ntm.Tasks;

/// <summary>
/// A generated algorithmic task (Chapter 5, §5.5): copy, repeat copy, associative recall. Every sequence in a batch
/// has the same shape (the paper trains with batch 1; batching draws one length per batch); all randomness comes from
/// the <see cref="Generator"/> passed in, so a seed fixes the data.
/// </summary>
public abstract class SequenceTask
{
    /// <summary>The width of an input vector (data bits plus control channels).</summary>
    public abstract int InputSize { get; }

    /// <summary>The width of an output vector.</summary>
    public abstract int OutputSize { get; }

    /// <summary>A training batch of <paramref name="batch"/> sequences of a random size within the task's range.</summary>
    public abstract TaskBatch Sample(int batch, Generator generator, Device? device = null);

    /// <summary>A short name for plots and logs.</summary>
    public abstract string Name { get; }

    /// <summary>Random bits into <paramref name="values"/>[offset + k·stride] for k &lt; count.</summary>
    protected static void RandomBits(float[] values, int offset, int count, Generator generator)
    {
        for (var k = 0; k < count; k++)
        {
            values[offset + k] = generator.NextDouble() < 0.5 ? 0f : 1f;
        }
    }

    /// <summary>Checks a batch size.</summary>
    protected static void CheckBatch(int batch)
    {
        if (batch <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"batch must be positive, got {batch}.");
        }
    }
}
