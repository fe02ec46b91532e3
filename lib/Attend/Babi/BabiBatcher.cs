namespace Attend.Babi;

/// <summary>
/// Pads encoded questions into <see cref="BabiBatch"/>es on a device: memories to the largest number of slots in
/// the batch, sentences to the longest one. Random noise (Sukhbaatar et al. 2015, §4.1 "RN"): in training, empty
/// memories are inserted among the statements (each statement is preceded by one with probability
/// the noise rate, 10% in the paper), which shifts the ages the temporal encoding sees and keeps the
/// model from tying an answer to an exact age; never more slots than <c>memory_size</c>.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1 and §6.4.</remarks>
public sealed class BabiBatcher
{
    private readonly IReadOnlyList<BabiEncoded> examples;
    private readonly Device device;

    /// <summary>
    /// Batches <paramref name="examples"/> in batches of <paramref name="batch_size"/>, for a model with
    /// <paramref name="memory_size"/> slots (its temporal encoding's size) on <paramref name="device"/> (CPU when null).
    /// </summary>
    public BabiBatcher(IReadOnlyList<BabiEncoded> examples, int batch_size, int memory_size, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (batch_size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batch_size), $"BabiBatcher: batch_size must be positive, got {batch_size}.");
        }

        var longest = examples.Count == 0 ? 0 : examples.Max(e => e.Sentences.Length);
        if (longest > memory_size)
        {
            throw new ArgumentException(
                $"BabiBatcher: a question has {longest} sentences in memory but memory_size is {memory_size}; encode with a window ≤ memory_size.",
                nameof(memory_size));
        }

        this.examples = examples;
        this.batch_size = batch_size;
        this.memory_size = memory_size;
        this.device = device ?? Device.CPU;
    }

    /// <summary>The number of questions per batch.</summary>
    public int batch_size { get; }

    /// <summary>The most memory slots a batch may have (with empty memories).</summary>
    public int memory_size { get; }

    /// <summary>The number of examples.</summary>
    public int Count => examples.Count;

    /// <summary>
    /// One pass over the examples in an order drawn by <paramref name="shuffle"/>, with random noise drawn by
    /// <paramref name="noiseGenerator"/> at rate <paramref name="noise"/> (none when 0). With
    /// <paramref name="chunkBatches"/> &gt; 1, the shuffled examples are taken in chunks of that many batches, each
    /// chunk sorted by story length and cut into batches, and the batches shuffled: a batch then holds stories of
    /// similar length and pads little (a joint batch drawn at random nearly always holds one 50-sentence story of
    /// task 3, and would pad every other story to 50 slots). 1 gives plain random batches. <paramref name="style"/>
    /// says how the noise is made (<see cref="BabiNoise"/>).
    /// </summary>
    public IEnumerable<BabiBatch> Epoch(Generator shuffle, double noise = 0, Generator? noiseGenerator = null, int chunkBatches = 1,
        BabiNoise style = BabiNoise.EmptyMemories)
    {
        ArgumentNullException.ThrowIfNull(shuffle);
        if (chunkBatches < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkBatches), $"BabiBatcher.Epoch: chunkBatches must be at least 1, got {chunkBatches}.");
        }

        var order = Shuffled(Enumerable.Range(0, examples.Count).ToArray(), shuffle);
        var batches = new List<int[]>();
        var chunk = batch_size * chunkBatches;
        for (var start = 0; start < order.Length; start += chunk)
        {
            var sorted = chunkBatches == 1
                ? order[start..Math.Min(order.Length, start + chunk)]
                : [.. order[start..Math.Min(order.Length, start + chunk)].OrderBy(i => examples[i].Sentences.Length).ThenBy(i => i)];
            for (var b = 0; b < sorted.Length; b += batch_size)
            {
                batches.Add(sorted[b..Math.Min(sorted.Length, b + batch_size)]);
            }
        }

        foreach (var indices in chunkBatches == 1 ? [.. batches] : Shuffled([.. batches], shuffle))
        {
            yield return Batch(indices, noise, noiseGenerator ?? shuffle, style);
        }
    }

    private static T[] Shuffled<T>(T[] items, Generator generator)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = generator.NextInt(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    // The authors' noise (BabiNoise.TimeGaps): b ~ U{0…⌈n·rate⌉} blanks, n distinct ages drawn from 0…n + b − 1,
    // capped at memory_size − 1, sorted so the oldest slot gets the largest.
    private int[] TimeGaps(int n, double rate, Generator generator)
    {
        var blanks = generator.NextInt(0, (int)Math.Ceiling(n * rate) + 1);
        var pool = Shuffled(Enumerable.Range(0, n + blanks).ToArray(), generator);
        return [.. pool.Take(n).Select(a => Math.Min(a, memory_size - 1)).OrderDescending()];
    }

    /// <summary>The examples in order, without noise (for evaluation).</summary>
    public IEnumerable<BabiBatch> InOrder()
    {
        for (var start = 0; start < examples.Count; start += batch_size)
        {
            yield return Batch([.. Enumerable.Range(start, Math.Min(batch_size, examples.Count - start))]);
        }
    }

    /// <summary>
    /// The batch of the examples at <paramref name="indices"/>, with random noise at rate <paramref name="noise"/>
    /// drawn by <paramref name="generator"/>, made as <paramref name="style"/> says.
    /// </summary>
    public BabiBatch Batch(int[] indices, double noise = 0, Generator? generator = null, BabiNoise style = BabiNoise.EmptyMemories)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length == 0)
        {
            throw new ArgumentException("BabiBatcher.Batch: no indices.", nameof(indices));
        }

        if (noise < 0 || noise >= 1 || (noise > 0 && generator is null))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), $"BabiBatcher.Batch: noise must be in [0, 1) with a generator, got {noise}.");
        }

        var chosen = indices.Select(i => i >= 0 && i < examples.Count ? examples[i]
            : throw new ArgumentOutOfRangeException(nameof(indices), $"BabiBatcher.Batch: index {i} is outside 0–{examples.Count - 1}.")).ToArray();

        // Lay out each example's slots: a statement's slot, or -1 for an empty memory.
        var layouts = new List<int>[chosen.Length];
        for (var b = 0; b < chosen.Length; b++)
        {
            var n = chosen[b].Sentences.Length;
            var layout = new List<int>(n);
            var spare = memory_size - n;
            for (var s = 0; s < n; s++)
            {
                if (style == BabiNoise.EmptyMemories && noise > 0 && spare > 0 && generator!.NextDouble() < noise)
                {
                    layout.Add(-1);
                    spare--;
                }

                layout.Add(s);
            }

            layouts[b] = layout;
        }

        var slots = Math.Max(1, layouts.Max(l => l.Count));
        var words = Math.Max(1, chosen.Max(e => e.Sentences.Length == 0 ? 0 : e.Sentences.Max(s => s.Length)));
        var questionWords = Math.Max(1, chosen.Max(e => e.Question.Length));
        var memory = new float[chosen.Length * slots * words];
        var lengths = new int[chosen.Length, slots];
        var mask = new float[chosen.Length * slots];
        var time = new float[chosen.Length * slots];
        var question = new float[chosen.Length * questionWords];
        var questionLengths = new int[chosen.Length];
        var answer = new float[chosen.Length];
        var slotOf = new int[chosen.Length][];
        for (var b = 0; b < chosen.Length; b++)
        {
            var e = chosen[b];
            var layout = layouts[b];
            var ages = style == BabiNoise.TimeGaps && noise > 0 ? TimeGaps(layout.Count, noise, generator!) : null;
            slotOf[b] = new int[e.Sentences.Length];
            for (var m = 0; m < layout.Count; m++)
            {
                mask[b * slots + m] = 1;
                time[b * slots + m] = ages?[m] ?? layout.Count - 1 - m; // age: the most recent slot is 0
                if (layout[m] < 0)
                {
                    continue;
                }

                var sentence = e.Sentences[layout[m]];
                slotOf[b][layout[m]] = m;
                lengths[b, m] = sentence.Length;
                for (var j = 0; j < sentence.Length; j++)
                {
                    memory[(b * slots + m) * words + j] = sentence[j];
                }
            }

            for (var j = 0; j < e.Question.Length; j++)
            {
                question[b * questionWords + j] = e.Question[j];
            }

            questionLengths[b] = e.Question.Length;
            answer[b] = e.Answer;
        }

        return new BabiBatch(torch.tensor(memory, [chosen.Length, slots, words], device), lengths,
            torch.tensor(mask, [chosen.Length, slots], device), torch.tensor(time, [chosen.Length, slots], device),
            torch.tensor(question, [chosen.Length, questionWords], device), questionLengths,
            torch.tensor(answer, [chosen.Length], device), slotOf, chosen);
    }
}
