using System.Diagnostics;
using Attend.Babi;

namespace Attend.MemN2N;

/// <summary>
/// Trains and evaluates end-to-end memory networks on bAbI with the paper's schedule
/// (<see cref="MemN2NTrainingOptions"/>): single-task or joint (pass one task's questions or all twenty's), and
/// best-of-N restarts chosen on validation, as the paper keeps the best of 10 runs.
/// <code>
/// var run = MemN2NTraining.Train(new MemN2NOptions(vocab.Count), train, valid, new MemN2NTrainingOptions(), device);
/// var errors = MemN2NTraining.Evaluate(run.Model, test);    // errors.PerTask, errors.Mean, errors.Failed()
/// </code>
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.4.</remarks>
public static class MemN2NTraining
{
    /// <summary>
    /// Trains a new network of architecture <paramref name="model"/> on <paramref name="train"/>, validating on
    /// <paramref name="validation"/> after every epoch, on <paramref name="device"/> (CPU when null).
    /// <paramref name="onEpoch"/> sees every epoch as it ends. The same seed gives the same run.
    /// </summary>
    public static MemN2NRun Train(MemN2NOptions model, IReadOnlyList<BabiEncoded> train, IReadOnlyList<BabiEncoded> validation,
        MemN2NTrainingOptions options, Device? device = null, Action<MemN2NEpoch>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new ArgumentException($"MemN2NTraining.Train: needs training and validation questions, got {train.Count} and {validation.Count}.",
                nameof(train));
        }

        if (options.Epochs < 1 || options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"MemN2NTraining.Train: Epochs ({options.Epochs}) and BatchSize ({options.BatchSize}) must be positive.");
        }

        var network = new MemoryNetwork(model, device, new Generator(options.Seed));
        network.linear = options.LinearStart;
        var batcher = new BabiBatcher(train, options.BatchSize, model.MemorySize, device);
        var order = new Generator(options.Seed + 1_000_003);
        var noise = new Generator(options.Seed + 2_000_003);
        var optimizer = torch.optim.SGD(network.parameters(), lr: options.LearningRate);
        var epochs = new List<MemN2NEpoch>();
        var linearEpochs = 0;
        var previousValidation = double.PositiveInfinity;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var rate = options.RateAt(epoch, network.linear);
            foreach (var group in optimizer.param_groups)
            {
                group.lr = rate;
            }

            network.train();
            double lossSum = 0;
            var wrong = 0;
            foreach (var batch in batcher.Epoch(order, options.RandomNoise, noise, options.ChunkBatches))
            {
                var output = network.call(batch);
                var loss = torch.nn.functional.cross_entropy(output.Logits, batch.Answer, reduction: "sum");
                optimizer.zero_grad();
                loss.backward();
                torch.nn.utils.clip_grad_norm_(network.parameters(), options.MaxGradNorm);
                optimizer.step();
                lossSum += loss.item();
                wrong += BabiErrors.CountWrong(output.Logits, batch.Answer);
            }

            var trainLoss = lossSum / train.Count;
            if (!double.IsFinite(trainLoss))
            {
                network.eval();
                return new MemN2NRun(network, epochs, options.Seed, Diverged: true);
            }

            var valid = Evaluate(network, validation, options.BatchSize);
            var record = new MemN2NEpoch(epoch + 1, trainLoss, (double)wrong / train.Count, valid.Loss, Error(valid), rate,
                network.linear, clock.Elapsed.TotalSeconds);
            epochs.Add(record);
            onEpoch?.Invoke(record);

            // Linear start ends when the validation loss stops falling (or after its budget): softmaxes go back in.
            if (network.linear)
            {
                linearEpochs++;
                if (valid.Loss >= previousValidation || linearEpochs >= options.LinearStartMaxEpochs)
                {
                    network.linear = false;
                }
            }

            previousValidation = valid.Loss;
        }

        network.eval();
        return new MemN2NRun(network, epochs, options.Seed, Diverged: false);
    }

    /// <summary>
    /// Trains <paramref name="restarts"/> networks (seeds <c>options.Seed</c>, +1, …) and keeps the one with the
    /// lowest validation error, as the paper does with 10. Returns the chosen run and all runs.
    /// </summary>
    public static (MemN2NRun Best, IReadOnlyList<MemN2NRun> Runs) BestOf(int restarts, MemN2NOptions model,
        IReadOnlyList<BabiEncoded> train, IReadOnlyList<BabiEncoded> validation, MemN2NTrainingOptions options,
        Device? device = null, Action<int, MemN2NEpoch>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (restarts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(restarts), $"MemN2NTraining.BestOf: restarts must be positive, got {restarts}.");
        }

        var runs = new List<MemN2NRun>();
        for (var r = 0; r < restarts; r++)
        {
            var index = r;
            runs.Add(Train(model, train, validation, options with { Seed = options.Seed + r }, device,
                onEpoch is null ? null : e => onEpoch(index, e)));
        }

        return (runs.MinBy(r => r.ValidationError)!, runs);
    }

    /// <summary>The errors of <paramref name="model"/> on <paramref name="questions"/>, by task (no noise, no gradients).</summary>
    public static BabiErrors Evaluate(MemoryNetwork model, IReadOnlyList<BabiEncoded> questions, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        var wasTraining = model.training;
        model.eval();
        var errors = BabiErrors.Measure(batch => model.call(batch).Logits, questions, batchSize, model.options.MemorySize, model.parameters().First().device);
        model.train(wasTraining);
        return errors;
    }

    // The mean of the per-task errors (the validation split holds 10% of every task, so this is close to the error per question).
    private static double Error(BabiErrors errors) => errors.PerTask.Count == 0 ? 1 : errors.PerTask.Values.Average();

}
