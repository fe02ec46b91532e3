using Attend.Data;
using F = Attend.torch.nn.functional;

namespace Attend.Seq2Seq.Recipes;

/// <summary>
/// The cost of attention, measured: a decoder that attends computes one score for every (output position, input
/// position) pair, so with source and target both L tokens long its attention work grows like L², while the
/// baseline's recurrences grow like L. <see cref="Measure"/> times whole training steps on random sentences of
/// exactly L tokens (no padding), for each architecture and length, with the sizes of a real run.
/// </summary>
/// <remarks>
/// Wall times depend on the machine and on whatever else runs on it: compare the architectures measured in the same
/// call (they alternate, length by length), not numbers from different runs. Taught in Chapter 3: translation with
/// attention (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public static class StepTiming
{
    /// <summary>
    /// Times <paramref name="repeats"/> training steps (after one warm-up step) of every architecture at every length
    /// and returns the median of each, in the order architecture by architecture within each length.
    /// </summary>
    /// <param name="architectures">The models to compare.</param>
    /// <param name="lengths">Sentence lengths (source and target).</param>
    /// <param name="sourceVocab">Source vocabulary size of the models.</param>
    /// <param name="targetVocab">Target vocabulary size (the output layer's width, the largest cost at short lengths).</param>
    /// <param name="options">Sizes (<see cref="TranslationOptions.EmbeddingDim"/>, <see cref="TranslationOptions.HiddenSize"/>,
    /// <see cref="TranslationOptions.BatchSize"/>) and the seed of the weights and sentences.</param>
    /// <param name="repeats">Timed steps per point.</param>
    public static IReadOnlyList<StepTime> Measure(IReadOnlyList<TranslationArchitecture> architectures, IReadOnlyList<int> lengths,
        int sourceVocab = 2000, int targetVocab = 2600, TranslationOptions? options = null, int repeats = 5)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(lengths);
        options ??= new TranslationOptions();
        if (repeats < 1 || sourceVocab <= Vocabulary.Specials.Count || targetVocab <= Vocabulary.Specials.Count ||
            lengths.Any(l => l < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lengths),
                $"StepTiming.Measure: repeats ({repeats}) and every length ({string.Join(", ", lengths)}) must be at least 1, " +
                $"and the vocabularies ({sourceVocab}, {targetVocab}) larger than the {Vocabulary.Specials.Count} special tokens.");
        }

        torch.manual_seed(options.Seed);
        var models = architectures.Select(a => (Architecture: a, Model: Translation.CreateModel(sourceVocab, targetVocab, options with { Architecture = a })))
                                  .ToList();
        var words = new Generator(options.Seed + 1L);
        var results = new List<StepTime>();
        foreach (var length in lengths)
        {
            var batch = RandomBatch(options.BatchSize, length, sourceVocab, targetVocab, words);
            foreach (var (architecture, model) in models)
            {
                var optimizer = torch.optim.Adam(model.parameters(), lr: options.LearningRate);
                var times = new double[repeats];
                for (var r = -1; r < repeats; r++) // r = −1: warm-up (buffers, JIT)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var logits = model.call(batch.Source, batch.SourceMask, batch.TargetIn).Logits;
                    var loss = F.cross_entropy(logits.reshape(-1, targetVocab), batch.TargetOut.reshape(-1), ignore_index: Vocabulary.PadId);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    if (r >= 0)
                    {
                        times[r] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                }

                Array.Sort(times);
                var scores = model.decoder.has_attention ? (long)options.BatchSize * (length + 1) * (length + 1) : 0; // (L + <eos>) each side
                results.Add(new StepTime(architecture, length, times[repeats / 2], scores));
            }
        }

        return results;
    }

    private static Batch RandomBatch(int batchSize, int length, int sourceVocab, int targetVocab, Generator g)
    {
        var first = Vocabulary.Specials.Count; // real words only
        var pairs = Enumerable.Range(0, batchSize).Select(_ => new EncodedPair(
            [.. Enumerable.Range(0, length).Select(_ => g.NextInt(first, sourceVocab))],
            [.. Enumerable.Range(0, length).Select(_ => g.NextInt(first, targetVocab))])).ToList();
        return Batch.Create(pairs);
    }
}
