namespace Attend.Ntm.Tasks;

/// <summary>
/// Copy (Graves et al. 2014, §4.1; Chapter 5, §5.5): a sequence of random <see cref="Bits"/>-bit vectors, then a
/// delimiter on its own channel, then blanks during which the model must emit the sequence again. Inputs have
/// bits + 1 channels, outputs bits channels; a sequence of length L takes 2L + 1 steps.
/// </summary>
public sealed class CopyTask : SequenceTask
{
    /// <summary>A copy task over lengths <paramref name="min_length"/> … <paramref name="max_length"/> (the paper: 8 bits, 1–20).</summary>
    public CopyTask(int bits = 8, int min_length = 1, int max_length = 20)
    {
        if (bits <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), $"CopyTask: bits must be positive, got {bits}.");
        }

        if (min_length < 1 || max_length < min_length)
        {
            throw new ArgumentOutOfRangeException(nameof(max_length),
                $"CopyTask: needs 1 ≤ min_length ≤ max_length, got min_length = {min_length}, max_length = {max_length}.");
        }

        Bits = bits;
        MinLength = min_length;
        MaxLength = max_length;
    }

    /// <summary>Bits per vector.</summary>
    public int Bits { get; }

    /// <summary>The shortest training length.</summary>
    public int MinLength { get; }

    /// <summary>The longest training length.</summary>
    public int MaxLength { get; }

    /// <inheritdoc/>
    public override int InputSize => Bits + 1;

    /// <inheritdoc/>
    public override int OutputSize => Bits;

    /// <inheritdoc/>
    public override string Name => "copy";

    /// <inheritdoc/>
    public override TaskBatch Sample(int batch, Generator generator, Device? device = null) =>
        Sample(batch, generator.NextInt(MinLength, MaxLength + 1), generator, device);

    /// <summary>A batch of sequences of exactly <paramref name="length"/> vectors (any length ≥ 1, e.g. 120 to test generalization).</summary>
    public TaskBatch Sample(int batch, int length, Generator generator, Device? device = null)
    {
        CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(generator);
        if (length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"CopyTask: length must be at least 1, got {length}.");
        }

        int steps = (2 * length) + 1, inW = InputSize, outW = OutputSize;
        var inputs = new float[steps * batch * inW];
        var targets = new float[length * batch * outW];
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < length; t++)
            {
                RandomBits(inputs, ((t * batch) + b) * inW, Bits, generator);
                Array.Copy(inputs, ((t * batch) + b) * inW, targets, ((t * batch) + b) * outW, Bits);
            }

            inputs[(((length * batch) + b) * inW) + Bits] = 1f;   // the delimiter
        }

        return TaskBatch.FromHost(inputs, steps, batch, inW, targets, length, outW, device);
    }
}
