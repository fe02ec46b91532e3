using Attend.Data;
using Attend.Display;
using F = Attend.torch.nn.functional;

namespace Attend.Seq2Seq.Recipes;

/// <summary>
/// The whole date-normalization experiment of Chapter 3 in one call: generate the <see cref="DateTask"/> data from a
/// seed, build a Bahdanau model over characters (embeddings, a bidirectional GRU encoder, additive attention), train
/// it with Adam, optionally with the <see cref="GuidedAlignment"/> loss for the first epochs, and after each epoch
/// measure it on held-out dates: exact match of the greedy decoder, and how often its attention peaks where the
/// true alignment says (<see cref="AlignmentMetrics"/>).
/// <code>
/// var plain = DateNormalization.Train(new DateNormalizationOptions { Seed = 0 }, showProgress: true);
/// var guided = DateNormalization.Train(plain.Options with { Guide = new GuidedAlignmentSchedule(1.0, 1) }, showProgress: true);
/// Console.WriteLine($"{plain.EpochsToAlignment(0.9)} epochs to 90 % alignment without the guide, {guided.EpochsToAlignment(0.9)} with it");
/// </code>
/// </summary>
/// <remarks>
/// The same options give the same numbers (only the wall times differ): the data come from
/// <c>new Generator(Seed)</c>, the batches from <c>new Generator(Seed + 1)</c>, and the initial weights from the
/// default generator, which <see cref="Train"/> reseeds with <c>torch.manual_seed(Seed)</c>. A run with and a run
/// without the guide therefore start from the same weights and see the same batches: only the loss differs.
/// Taught in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public static class DateNormalization
{
    /// <summary>The longest output: "YYYY-MM-DD" and &lt;eos&gt;.</summary>
    public const int MaxOutputLength = 11;

    /// <summary>
    /// Trains a model as <paramref name="options"/> say. <paramref name="showProgress"/> shows a live
    /// <see cref="TrainingProgress"/> (in a notebook, an updating card); <paramref name="onEpoch"/> is called with each
    /// epoch's row as soon as it is measured.
    /// </summary>
    public static DateNormalizationRun Train(DateNormalizationOptions? options = null, bool showProgress = false,
                                             Action<DateNormalizationEpoch>? onEpoch = null)
    {
        options ??= new DateNormalizationOptions();
        Validate(options);
        var data = DateTask.GenerateSplits(options.TrainSize, options.ValidationSize, options.TestSize, new Generator(options.Seed));
        var device = options.Device ?? Device.CPU;
        var train = Encode(data.Train);
        var batcher = new BucketedBatcher(train, options.BatchSize, new Generator(options.Seed + 1L), device: device);

        torch.manual_seed(options.Seed);
        var model = CreateModel(options);
        model.to(device); // initialized on the CPU from the seed, so every device starts from the same weights
        var optimizer = torch.optim.Adam(model.parameters(), lr: options.LearningRate);
        var vocab = DateTask.OutputVocabulary.Count;

        var progress = showProgress
            ? TrainingProgress.Start(options.Epochs * batcher.BatchCount, $"date normalization ({options.Guide})", options.Epochs)
            : null;
        var history = new List<DateNormalizationEpoch>();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var lambda = (float)options.Guide.WeightAt(epoch);
            model.train();
            double lossSum = 0, alignSum = 0;
            var batches = 0;
            foreach (var batch in batcher.Epoch())
            {
                var output = model.call(batch.Source, batch.SourceMask, batch.TargetIn);
                var translation = F.cross_entropy(output.Logits.reshape(-1, vocab), batch.TargetOut.reshape(-1),
                                                  ignore_index: Vocabulary.PadId);
                var truth = DateTask.AlignmentBatch(data.Train, batch, device);
                Tensor align;
                Tensor loss;
                if (lambda > 0)
                {
                    align = GuidedAlignment.Loss(output.Attention!, truth, batch.TargetMask);
                    loss = translation.add(align.mul(lambda)); // L = L_translation + λ L_align
                }
                else
                {
                    using (torch.no_grad())
                    {
                        align = GuidedAlignment.Loss(output.Attention!, truth, batch.TargetMask); // watched, not trained on
                    }

                    loss = translation;
                }

                optimizer.zero_grad();
                loss.backward();
                torch.nn.utils.clip_grad_norm_(model.parameters(), options.ClipNorm);
                optimizer.step();

                var value = translation.item();
                lossSum += value;
                alignSum += align.item();
                batches++;
                progress?.Report(progress.Step + 1, value, epoch);
            }

            var validation = Evaluate(model, data.Validation, options.BatchSize);
            var row = new DateNormalizationEpoch(epoch, lambda, lossSum / batches, alignSum / batches, validation.ExactMatch,
                                                 validation.Alignment, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            history.Add(row);
            onEpoch?.Invoke(row);
        }

        progress?.Finish();
        return new DateNormalizationRun(options, model, data, history, Evaluate(model, data.Test, options.BatchSize));
    }

    /// <summary>A fresh, untrained model of the sizes in <paramref name="options"/> (from the default generator).</summary>
    public static EncoderDecoder CreateModel(DateNormalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return EncoderDecoder.Bahdanau(DateTask.InputVocabulary.Count, DateTask.OutputVocabulary.Count, options.EmbeddingDim,
                                       options.HiddenSize, paddingIdx: Vocabulary.PadId);
    }

    /// <summary>
    /// Measures <paramref name="model"/> on <paramref name="examples"/>: exact match of the greedy decoder, and the
    /// teacher-forced attention against the true alignment. Batches are sorted by length (no randomness).
    /// </summary>
    public static DateEvaluation Evaluate(Seq2SeqModel model, IReadOnlyList<DateExample> examples, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        model.eval();
        using var _ = torch.no_grad();
        var device = DeviceOf(model);
        var batcher = new BucketedBatcher(Encode(examples), batchSize, new Generator(0), shuffle: false, device: device);
        var (correct, alignment) = (0, AlignmentMetrics.Empty);
        foreach (var batch in batcher.Epoch())
        {
            var decoded = GreedyDecoder.Decode(model, batch.Source, batch.SourceMask, MaxOutputLength, Vocabulary.BosId, Vocabulary.EosId);
            for (var r = 0; r < batch.Size; r++)
            {
                correct += decoded[r].Finished && Text(decoded[r]) == examples[batch.Indices[r]].Output ? 1 : 0;
            }

            var attention = model.call(batch.Source, batch.SourceMask, batch.TargetIn).Attention!;
            alignment += AlignmentMetrics.Measure(attention, DateTask.AlignmentBatch(examples, batch, device), batch.TargetMask);
        }

        return new DateEvaluation(correct, examples.Count, alignment);
    }

    /// <summary>
    /// Normalizes each of <paramref name="dates"/> ("3 May 1979") with the greedy decoder; the attention of each result
    /// ([output characters, input characters + &lt;eos&gt;]) is ready for a heatmap. Characters outside
    /// <see cref="DateTask.InputVocabulary"/> become &lt;unk&gt;.
    /// </summary>
    public static DecodedSequence[] Decode(Seq2SeqModel model, IReadOnlyList<string> dates)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dates);
        model.eval();
        var pairs = dates.Select(d => new EncodedPair(DateTask.InputVocabulary.Encode(d.Select(c => c.ToString())), [])).ToList();
        var batch = Batch.Create(pairs, device: DeviceOf(model));
        return GreedyDecoder.Decode(model, batch.Source, batch.SourceMask, MaxOutputLength, Vocabulary.BosId, Vocabulary.EosId);
    }

    /// <summary>The characters of a decoded sequence, without &lt;eos&gt;: "1979-05-03".</summary>
    public static string Text(DecodedSequence decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        return string.Concat(DateTask.OutputVocabulary.Decode(decoded.Content));
    }

    private static Device DeviceOf(Modules.Module model) => model.parameters().FirstOrDefault()?.device ?? Device.CPU;

    private static List<EncodedPair> Encode(IReadOnlyList<DateExample> examples) =>
        [.. examples.Select(e => DateTask.Encode(e, DateTask.InputVocabulary, DateTask.OutputVocabulary))];

    private static void Validate(DateNormalizationOptions o)
    {
        ArgumentNullException.ThrowIfNull(o.Guide);
        if (o.TrainSize < 1 || o.ValidationSize < 1 || o.TestSize < 0 || o.Epochs < 1 || o.BatchSize < 1 || o.EmbeddingDim < 1 ||
            o.HiddenSize < 1 || !(o.LearningRate > 0) || !(o.ClipNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(o),
                $"DateNormalization.Train: sizes, epochs, batch size and dimensions must be at least 1 (test size at least 0), " +
                $"the learning rate and clip norm positive; got {o}.");
        }
    }
}
