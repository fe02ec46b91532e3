namespace Attend.Ntm.Tasks;

/// <summary>
/// Associative recall (Graves et al. 2014, §4.3; Chapter 5, §5.10): a list of items, each
/// <see cref="VectorsPerItem"/> random vectors of <see cref="Bits"/> bits preceded by an item delimiter; then a query
/// delimiter, one of the items (not the last), and the query delimiter again; the model must emit the item that
/// followed the query in the list. Inputs have bits + 2 channels (item and query delimiters), outputs bits.
/// </summary>
public sealed class AssociativeRecallTask : SequenceTask
{
    /// <summary>Items of <paramref name="vectors_per_item"/> vectors, <paramref name="min_items"/> … <paramref name="max_items"/> per list (the paper: 6 bits, 3 vectors, 2–6 items).</summary>
    public AssociativeRecallTask(int bits = 6, int vectors_per_item = 3, int min_items = 2, int max_items = 6)
    {
        if (bits <= 0 || vectors_per_item <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits),
                $"AssociativeRecallTask: bits ({bits}) and vectors_per_item ({vectors_per_item}) must be positive.");
        }

        if (min_items < 2 || max_items < min_items)
        {
            throw new ArgumentOutOfRangeException(nameof(min_items),
                $"AssociativeRecallTask: needs 2 ≤ min_items ≤ max_items (a query needs an item after it), got min_items = {min_items}, " +
                $"max_items = {max_items}.");
        }

        Bits = bits;
        VectorsPerItem = vectors_per_item;
        MinItems = min_items;
        MaxItems = max_items;
    }

    /// <summary>Bits per vector.</summary>
    public int Bits { get; }

    /// <summary>Vectors per item.</summary>
    public int VectorsPerItem { get; }

    /// <summary>The fewest items per list.</summary>
    public int MinItems { get; }

    /// <summary>The most items per list.</summary>
    public int MaxItems { get; }

    /// <inheritdoc/>
    public override int InputSize => Bits + 2;

    /// <inheritdoc/>
    public override int OutputSize => Bits;

    /// <inheritdoc/>
    public override string Name => "associative recall";

    /// <inheritdoc/>
    public override TaskBatch Sample(int batch, Generator generator, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return Sample(batch, generator.NextInt(MinItems, MaxItems + 1), generator, device);
    }

    /// <summary>A batch of lists of exactly <paramref name="items"/> items (any count ≥ 2).</summary>
    public TaskBatch Sample(int batch, int items, Generator generator, Device? device = null)
    {
        CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(generator);
        if (items < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(items), $"AssociativeRecallTask: items must be at least 2, got {items}.");
        }

        int v = VectorsPerItem, item = v + 1, inW = InputSize, outW = OutputSize;
        int steps = (items * item) + 1 + v + 1 + v;
        var inputs = new float[steps * batch * inW];
        var targets = new float[v * batch * outW];
        for (var b = 0; b < batch; b++)
        {
            for (var i = 0; i < items; i++)
            {
                inputs[((((i * item) * batch) + b) * inW) + Bits] = 1f;   // item delimiter
                for (var k = 0; k < v; k++)
                {
                    RandomBits(inputs, ((((i * item) + 1 + k) * batch) + b) * inW, Bits, generator);
                }
            }

            var query = generator.NextInt(0, items - 1);
            var start = items * item;
            inputs[(((start * batch) + b) * inW) + Bits + 1] = 1f;            // query delimiter
            for (var k = 0; k < v; k++)
            {
                Array.Copy(inputs, ((((query * item) + 1 + k) * batch) + b) * inW, inputs, (((start + 1 + k) * batch) + b) * inW, Bits);
                Array.Copy(inputs, (((((query + 1) * item) + 1 + k) * batch) + b) * inW, targets, ((k * batch) + b) * outW, Bits);
            }

            inputs[((((start + 1 + v) * batch) + b) * inW) + Bits + 1] = 1f;  // query delimiter again
        }

        return TaskBatch.FromHost(inputs, steps, batch, inW, targets, v, outW, device);
    }
}
