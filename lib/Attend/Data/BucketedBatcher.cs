namespace Attend.Data;

/// <summary>
/// Cuts a data set into batches of sentences of similar length, so little of each batch is padding. One epoch:
/// <list type="number">
/// <item>shuffle all examples (with the given <see cref="Generator"/>);</item>
/// <item>take them in chunks of <c>batchSize × chunkBatches</c> and sort each chunk by source length, then target
/// length (a sort of the whole set would give the same batches every epoch; a chunk keeps the randomness);</item>
/// <item>cut each sorted chunk into batches, then shuffle the order of all batches, so the model does not see
/// short sentences first and long ones last.</item>
/// </list>
/// Without <c>shuffle</c> (evaluation) the whole set is sorted by length and batched in that order. The same
/// seed gives the same batches, epoch after epoch.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed class BucketedBatcher
{
    private readonly IReadOnlyList<EncodedPair> examples;
    private readonly Generator generator;

    /// <summary>Creates a batcher over <paramref name="examples"/>.</summary>
    /// <param name="examples">The data set.</param>
    /// <param name="batchSize">Examples per batch (the last batch may be smaller unless <paramref name="dropLast"/>).</param>
    /// <param name="generator">The random stream; a generator with the same seed gives the same epochs.</param>
    /// <param name="chunkBatches">How many batches' worth of examples are sorted together.</param>
    /// <param name="shuffle">False for evaluation: sort everything by length, no randomness.</param>
    /// <param name="dropLast">Drop the examples that do not fill a whole batch.</param>
    /// <param name="sourceEos">Append &lt;eos&gt; to each source (see <see cref="Batch.Create"/>).</param>
    /// <param name="device">Where the batch tensors live.</param>
    public BucketedBatcher(IReadOnlyList<EncodedPair> examples, int batchSize, Generator generator,
        int chunkBatches = 50, bool shuffle = true, bool dropLast = false, bool sourceEos = true, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(generator);
        if (batchSize < 1 || chunkBatches < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize),
                $"BucketedBatcher: batchSize ({batchSize}) and chunkBatches ({chunkBatches}) must be at least 1.");
        }

        this.examples = examples;
        this.generator = generator;
        BatchSize = batchSize;
        ChunkBatches = chunkBatches;
        Shuffle = shuffle;
        DropLast = dropLast;
        SourceEos = sourceEos;
        Device = device;
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Batches' worth of examples sorted together.</summary>
    public int ChunkBatches { get; }

    /// <summary>Whether epochs are shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether an incomplete last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Whether sources end with &lt;eos&gt;.</summary>
    public bool SourceEos { get; }

    /// <summary>Where batches are put.</summary>
    public Device? Device { get; }

    /// <summary>The number of batches in one epoch.</summary>
    public int BatchCount => DropLast ? examples.Count / BatchSize : (examples.Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// The next epoch as lists of example indices, one list per batch. The random draws happen here, at once, so
    /// how lazily the batches are then consumed cannot change them.
    /// </summary>
    public IReadOnlyList<int[]> PlanEpoch()
    {
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var chunkSize = Shuffle ? BatchSize * ChunkBatches : Math.Max(1, order.Length);
        if (Shuffle)
        {
            ShuffleInPlace(order);
        }

        var batches = new List<int[]>();
        for (var start = 0; start < order.Length; start += chunkSize)
        {
            var chunk = order.AsSpan(start, Math.Min(chunkSize, order.Length - start)).ToArray();
            var sorted = chunk.OrderBy(i => examples[i].Source.Length)
                .ThenBy(i => examples[i].Target.Length)
                .ThenBy(i => i) // a total order: the result does not depend on the sort algorithm
                .ToArray();
            for (var b = 0; b < sorted.Length; b += BatchSize)
            {
                batches.Add(sorted.AsSpan(b, Math.Min(BatchSize, sorted.Length - b)).ToArray());
            }
        }

        if (DropLast)
        {
            // Chunks hold a whole number of batches, so only the very last batch can be short.
            batches.RemoveAll(b => b.Length < BatchSize);
        }

        if (Shuffle)
        {
            var batchArray = batches.ToArray();
            ShuffleInPlace(batchArray);
            batches = [.. batchArray];
        }

        return batches;
    }

    /// <summary>The next epoch's batches (see <see cref="PlanEpoch"/>), built as tensors one at a time.</summary>
    public IEnumerable<Batch> Epoch()
    {
        var plan = PlanEpoch();
        return Build(plan);

        IEnumerable<Batch> Build(IReadOnlyList<int[]> batches)
        {
            foreach (var indices in batches)
            {
                yield return Batch.Create(examples, indices, SourceEos, Device);
            }
        }
    }

    // Fisher–Yates: every permutation equally likely, driven by the seeded generator.
    private void ShuffleInPlace<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = generator.NextInt(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
