using Attend.Data;
using Attend.Display;
using F = Attend.torch.nn.functional;

namespace Attend.Seq2Seq.Recipes;

/// <summary>
/// Chapter 3's translation experiment in a few calls: build one of the five <see cref="TranslationArchitecture"/>s
/// over a <see cref="TranslationData"/>, train it with Adam and teacher forcing, and measure it: teacher-forced loss,
/// greedy translations and corpus BLEU (overall and by source length), the attention of single sentences.
/// <code>
/// var data = TranslationData.LoadEngFra();
/// var run = Translation.Train(data, new TranslationOptions { Architecture = TranslationArchitecture.Bahdanau }, showProgress: true);
/// Console.WriteLine(Translation.Evaluate(run.Model, data, data.Split.Test));          // BLEU on held-out sentences
/// var best = Translation.Translate(run.Model, data, ["i m very happy to see you ."])[0];  // words and attention
/// </code>
/// </summary>
/// <remarks>
/// The same data and options give the same numbers (only wall times differ): the weights come from
/// <c>torch.manual_seed(Seed)</c>, the batches from <c>new Generator(Seed + 1)</c>, so every architecture of a
/// comparison sees the same batches in the same order. Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public static class Translation
{
    /// <summary>A fresh, untrained model of <paramref name="options"/>' architecture and sizes (from the default generator).</summary>
    public static EncoderDecoder CreateModel(TranslationData data, TranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CreateModel(data.SourceVocabulary.Count, data.TargetVocabulary.Count, options);
    }

    /// <summary>A fresh, untrained model for vocabularies of <paramref name="source"/> and <paramref name="target"/> words.</summary>
    public static EncoderDecoder CreateModel(int source, int target, TranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (e, h, pad) = (options.EmbeddingDim, options.HiddenSize, Vocabulary.PadId);
        return options.Architecture switch
        {
            TranslationArchitecture.Baseline => EncoderDecoder.Baseline(source, target, e, h, pad),
            TranslationArchitecture.Bahdanau => EncoderDecoder.Bahdanau(source, target, e, h, pad),
            TranslationArchitecture.LuongDot => EncoderDecoder.Luong(source, target, e, h, LuongScore.Dot, paddingIdx: pad),
            TranslationArchitecture.LuongGeneral => EncoderDecoder.Luong(source, target, e, h, LuongScore.General, paddingIdx: pad),
            TranslationArchitecture.LuongConcat => EncoderDecoder.Luong(source, target, e, h, LuongScore.Concat, paddingIdx: pad),
            _ => throw new ArgumentOutOfRangeException(nameof(options), $"Translation.CreateModel: unknown architecture {options.Architecture}."),
        };
    }

    /// <summary>
    /// Trains a model as <paramref name="options"/> say on <see cref="TranslationData.Train"/>, measuring the
    /// validation loss and BLEU after every epoch. <paramref name="showProgress"/> shows a live
    /// <see cref="TrainingProgress"/> (in a notebook, an updating card; on a console, a line);
    /// <paramref name="onEpoch"/> gets each epoch's row as soon as it is measured.
    /// </summary>
    public static TranslationRun Train(TranslationData data, TranslationOptions? options = null, bool showProgress = false,
                                       Action<TranslationEpoch>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new TranslationOptions();
        Validate(options);
        var device = options.Device ?? Device.CPU;
        var batcher = new BucketedBatcher(data.EncodedTrain, options.BatchSize, new Generator(options.Seed + 1L), device: device);
        torch.manual_seed(options.Seed);
        var model = CreateModel(data, options);
        model.to(device); // initialized on the CPU from the seed, so every device starts from the same weights
        var optimizer = torch.optim.Adam(model.parameters(), lr: options.LearningRate);
        var vocab = data.TargetVocabulary.Count;

        var progress = showProgress
            ? TrainingProgress.Start(options.Epochs * batcher.BatchCount, $"{options.Architecture} on {data.Train.Count:N0} pairs", options.Epochs)
            : null;
        var history = new List<TranslationEpoch>();
        (int Epoch, double Bleu, Dictionary<string, Tensor>? Weights) best = (0, double.NegativeInfinity, null);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            model.train();
            double lossSum = 0;
            var batches = 0;
            foreach (var batch in batcher.Epoch())
            {
                var logits = model.call(batch.Source, batch.SourceMask, batch.TargetIn).Logits;
                var loss = F.cross_entropy(logits.reshape(-1, vocab), batch.TargetOut.reshape(-1), ignore_index: Vocabulary.PadId);
                optimizer.zero_grad();
                loss.backward();
                torch.nn.utils.clip_grad_norm_(model.parameters(), options.ClipNorm);
                optimizer.step();
                var value = loss.item();
                lossSum += value;
                batches++;
                progress?.Report(progress.Step + 1, value, epoch);
            }

            var validationLoss = Loss(model, data, data.Split.Validation, options.BatchSize);
            var validationBleu = Evaluate(model, data, data.Split.Validation).Bleu.Score;
            if (validationBleu > best.Bleu)
            {
                best = (epoch, validationBleu, options.KeepBest ? Snapshot(model) : null);
            }

            var row = new TranslationEpoch(epoch, lossSum / batches, validationLoss, validationBleu,
                                           System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            history.Add(row);
            onEpoch?.Invoke(row);
        }

        progress?.Finish();
        if (options.KeepBest && best.Weights is not null)
        {
            model.load_state_dict(best.Weights);
        }

        return new TranslationRun(options, model, history, options.KeepBest ? best.Epoch : options.Epochs);
    }

    /// <summary>
    /// The teacher-forced cross-entropy per target token of <paramref name="model"/> on <paramref name="pairs"/>, in
    /// evaluation mode (the model's mode is restored after).
    /// </summary>
    public static double Loss(Seq2SeqModel model, TranslationData data, IReadOnlyList<TokenizedPair> pairs, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pairs);
        var wasTraining = model.training;
        model.eval();
        using var _ = torch.no_grad();
        var encoded = pairs.Select(p => p.Encode(data.SourceVocabulary, data.TargetVocabulary)).ToList();
        double total = 0;
        long tokens = 0;
        foreach (var batch in new BucketedBatcher(encoded, batchSize, new Generator(0), shuffle: false, device: DeviceOf(model)).Epoch())
        {
            var logits = model.call(batch.Source, batch.SourceMask, batch.TargetIn).Logits;
            var loss = F.cross_entropy(logits.reshape(-1, data.TargetVocabulary.Count), batch.TargetOut.reshape(-1),
                                       ignore_index: Vocabulary.PadId, reduction: "sum");
            total += loss.item();
            tokens += batch.TargetTokens;
        }

        model.train(wasTraining);
        return tokens > 0 ? total / tokens : double.NaN;
    }

    /// <summary>
    /// Translates every distinct source sentence of <paramref name="pairs"/> with the greedy decoder and scores the
    /// translations by corpus BLEU against all the references each source has in <paramref name="pairs"/>.
    /// </summary>
    public static TranslationEvaluation Evaluate(Seq2SeqModel model, TranslationData data, IReadOnlyList<TokenizedPair> pairs,
                                                 int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sentences = ReferenceSet.Group(pairs);
        var decoded = Translate(model, data, [.. sentences.Select(s => s.Source)], batchSize);
        var hypotheses = decoded.Select(d => string.Join(' ', Words(data, d))).ToArray();
        var bleu = Data.Bleu.Corpus(hypotheses, sentences.Select(s => (IEnumerable<string>)s.ReferenceTexts));
        return new TranslationEvaluation(sentences, hypotheses, bleu);
    }

    /// <summary>
    /// Greedy translations of <paramref name="sentences"/> (raw English, tokenized with <see cref="Tokenizer.Tutorial"/>),
    /// in order. Each result's <see cref="DecodedSequence.Attention"/> is [output tokens, source tokens + &lt;eos&gt;],
    /// ready for a heatmap (null for the baseline, which has none).
    /// </summary>
    public static DecodedSequence[] Translate(Seq2SeqModel model, TranslationData data, IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return Translate(model, data, [.. sentences.Select(Tokenizer.Tutorial.Tokenize)]);
    }

    /// <summary>
    /// Greedy translations of already tokenized <paramref name="sentences"/>, in order, decoded in batches of similar
    /// length, in evaluation mode (the model's mode is restored after).
    /// </summary>
    public static DecodedSequence[] Translate(Seq2SeqModel model, TranslationData data, IReadOnlyList<string[]> sentences, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sentences);
        var wasTraining = model.training;
        model.eval();
        var encoded = sentences.Select(s => new EncodedPair(data.SourceVocabulary.Encode(s), [])).ToList();
        var results = new DecodedSequence[sentences.Count];
        foreach (var batch in new BucketedBatcher(encoded, batchSize, new Generator(0), shuffle: false, device: DeviceOf(model)).Epoch())
        {
            var decoded = GreedyDecoder.Decode(model, batch.Source, batch.SourceMask, data.MaxOutputLength, Vocabulary.BosId, Vocabulary.EosId);
            for (var r = 0; r < batch.Size; r++)
            {
                results[batch.Indices[r]] = decoded[r]; // attention already cut to each sentence's own length
            }
        }

        model.train(wasTraining);
        return results;
    }

    /// <summary>The target words of a decoded sequence, without &lt;eos&gt;.</summary>
    public static string[] Words(TranslationData data, DecodedSequence decoded)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(decoded);
        return data.TargetVocabulary.Decode(decoded.Content);
    }

    /// <summary>The source tokens as the model sees them: rare words as &lt;unk&gt;, then &lt;eos&gt; (the heatmap's columns).</summary>
    public static string[] SourceTokens(TranslationData data, string sentence)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sentence);
        return [.. data.SourceVocabulary.Decode(data.SourceVocabulary.Encode(Tokenizer.Tutorial.Tokenize(sentence)), stopAtEos: false, keepSpecials: true), Vocabulary.Eos];
    }

    /// <summary>Where the model's parameters live: its batches are built there.</summary>
    private static Device DeviceOf(Modules.Module model) => model.parameters().FirstOrDefault()?.device ?? Device.CPU;

    private static Dictionary<string, Tensor> Snapshot(Modules.Module model)
    {
        using var _ = torch.no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
    }

    private static void Validate(TranslationOptions o)
    {
        if (o.Epochs < 1 || o.BatchSize < 1 || o.EmbeddingDim < 1 || o.HiddenSize < 1 || !(o.LearningRate > 0) || !(o.ClipNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(o),
                $"Translation.Train: epochs, batch size and dimensions must be at least 1, the learning rate and clip norm positive; got {o}.");
        }
    }
}
