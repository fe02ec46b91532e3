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
    /// <paramref name="validation"/> after every epoch, on <paramref name="device"/> (CPU when null): linear start
    /// first (when on), then <see cref="MemN2NTrainingOptions.Epochs"/> epochs of the annealed schedule.
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

        if (options.Epochs < 1 || options.BatchSize < 1 || (options.LinearStart && options.LinearStartMaxEpochs < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"MemN2NTraining.Train: Epochs ({options.Epochs}), BatchSize ({options.BatchSize}) and, with linear start, " +
                $"LinearStartMaxEpochs ({options.LinearStartMaxEpochs}) must be positive.");
        }

        var network = new MemoryNetwork(model, device, new Generator(options.Seed));
        network.linear = options.LinearStart;
        var batcher = new BabiBatcher(train, options.BatchSize, model.MemorySize, device);
        var order = new Generator(options.Seed + 1_000_003);
        var noise = new Generator(options.Seed + 2_000_003);
        var optimizer = torch.optim.SGD(network.parameters(), lr: options.LearningRate);
        var epochs = new List<MemN2NEpoch>();
        var linearEpochs = 0;
        var annealed = 0;   // epochs of the annealed schedule so far: its halvings count from the end of linear start
        var previousValidation = double.PositiveInfinity;
        while (annealed < options.Epochs)
        {
            var clock = Stopwatch.StartNew();
            var rate = options.RateAt(annealed, network.linear);
            foreach (var group in optimizer.param_groups)
            {
                group.lr = rate;
            }

            network.train();
            double lossSum = 0;
            var wrong = 0;
            foreach (var batch in batcher.Epoch(order, options.RandomNoise, noise, options.ChunkBatches, options.Noise))
            {
                var output = network.call(batch);
                var loss = torch.nn.functional.cross_entropy(output.Logits, batch.Answer, reduction: "sum");
                optimizer.zero_grad();
                loss.backward();
                if (options.ClipPerParameter)
                {
                    foreach (var parameter in network.parameters())
                    {
                        torch.nn.utils.clip_grad_norm_([parameter], options.MaxGradNorm);
                    }
                }
                else
                {
                    torch.nn.utils.clip_grad_norm_(network.parameters(), options.MaxGradNorm);
                }

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
            var record = new MemN2NEpoch(epochs.Count + 1, trainLoss, (double)wrong / train.Count, valid.Loss, Error(valid), rate,
                network.linear, clock.Elapsed.TotalSeconds);
            epochs.Add(record);
            onEpoch?.Invoke(record);

            // Linear start ends when the validation loss stops falling (or after its budget): softmaxes go back in,
            // and the annealed schedule begins at its first epoch.
            if (network.linear)
            {
                linearEpochs++;
                if ((options.LinearStartUntilPlateau && valid.Loss >= previousValidation) || linearEpochs >= options.LinearStartMaxEpochs)
                {
                    network.linear = false;
                }
            }
            else
            {
                annealed++;
            }

            previousValidation = valid.Loss;
        }

        network.eval();
        return new MemN2NRun(network, epochs, options.Seed, Diverged: false);
    }

    /// <summary>
    /// Best of N restarts chosen on validation, as the paper (which keeps the best of 10): trains networks from seeds
    /// <c>options.Seed</c>, +1, …, +<paramref name="restarts"/> − 1 and keeps the one with the lowest validation
    /// error. <paramref name="parallel"/> restarts train at once, each on its own thread (restarts are independent,
    /// so the runs are the same as one after another). With <paramref name="timeBudget"/>, no new group of restarts
    /// begins once the time spent plus the slowest group's time would exceed it (the first group always runs), so
    /// the number of restarts run may be smaller than <paramref name="restarts"/>: it is <c>Runs.Count</c>.
    /// <paramref name="showProgress"/> shows a live <see cref="Display.TrainingProgress"/> of every epoch's training
    /// loss, with <paramref name="title"/>; <paramref name="onEpoch"/> sees (restart index, epoch) as each epoch ends
    /// (from the restarts' threads, one call at a time).
    /// </summary>
    public static (MemN2NRun Best, IReadOnlyList<MemN2NRun> Runs) BestOf(int restarts, MemN2NOptions model,
        IReadOnlyList<BabiEncoded> train, IReadOnlyList<BabiEncoded> validation, MemN2NTrainingOptions options,
        Device? device = null, Action<int, MemN2NEpoch>? onEpoch = null, bool showProgress = false, TimeSpan? timeBudget = null,
        string? title = null, int parallel = 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (restarts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(restarts), $"MemN2NTraining.BestOf: restarts must be positive, got {restarts}.");
        }

        if (parallel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallel), $"MemN2NTraining.BestOf: parallel must be positive, got {parallel}.");
        }

        var progress = showProgress
            ? Display.TrainingProgress.Start(restarts * options.MaxEpochs, title ?? $"MemN2N, best of {restarts}", options.MaxEpochs)
            : null;
        var gate = new object();
        var clock = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        var runs = new List<MemN2NRun>();
        var epochsDone = 0;
        for (var first = 0; first < restarts; first += parallel)
        {
            if (first > 0 && timeBudget is { } budget && clock.Elapsed + slowest > budget)
            {
                break;
            }

            var started = clock.Elapsed;
            var group = new MemN2NRun[Math.Min(parallel, restarts - first)];
            var start = first;
            void Run(int i)
            {
                var index = start + i;
                group[i] = Train(model, train, validation, options with { Seed = options.Seed + index }, device, e =>
                {
                    lock (gate)
                    {
                        progress?.Report(++epochsDone, (float)e.TrainLoss, e.Epoch);
                        onEpoch?.Invoke(index, e);
                    }
                });
            }

            if (group.Length == 1)
            {
                Run(0);
            }
            else
            {
                Parallel.For(0, group.Length, new ParallelOptions { MaxDegreeOfParallelism = group.Length }, Run);
            }

            runs.AddRange(group);

            // Runs that ended linear start early have fewer epochs: the progress jumps to the next group's start.
            epochsDone = runs.Count * options.MaxEpochs;
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, (clock.Elapsed - started).Ticks));
        }

        progress?.Finish();
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
