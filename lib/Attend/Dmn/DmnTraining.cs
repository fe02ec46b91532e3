using System.Diagnostics;
using Attend.Babi;

namespace Attend.Dmn;

/// <summary>
/// Trains and evaluates DMN+ on bAbI with the paper's recipe (<see cref="DmnTrainingOptions"/>), single-task or
/// joint (pass one task's questions or several tasks'):
/// <code>
/// var run = DmnTraining.Train(new DmnOptions(vocab.Count), train, valid, new DmnTrainingOptions(), device);
/// var errors = DmnTraining.Evaluate(run.Model, test);    // errors.PerTask, errors.Mean, errors.Failed()
/// </code>
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.4.</remarks>
public static class DmnTraining
{
    /// <summary>
    /// Trains a new network of architecture <paramref name="model"/> on <paramref name="train"/>, validating on
    /// <paramref name="validation"/> after every epoch, on <paramref name="device"/> (CPU when null).
    /// <paramref name="onEpoch"/> sees every epoch as it ends, <paramref name="onStep"/> every step's loss
    /// (for a <see cref="Display.TrainingProgress"/>). The same seed gives the same run.
    /// </summary>
    public static DmnRun Train(DmnOptions model, IReadOnlyList<BabiEncoded> train, IReadOnlyList<BabiEncoded> validation,
        DmnTrainingOptions options, Device? device = null, Action<DmnEpoch>? onEpoch = null, Action<int, float>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new ArgumentException($"DmnTraining.Train: needs training and validation questions, got {train.Count} and {validation.Count}.",
                nameof(train));
        }

        if (options.Epochs < 1 || options.BatchSize < 1 || options.Patience < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"DmnTraining.Train: Epochs ({options.Epochs}), BatchSize ({options.BatchSize}) and Patience ({options.Patience}) must be positive.");
        }

        var network = new DynamicMemoryNetwork(model, device, new Generator(options.Seed), new Generator(options.Seed + 2_000_003));
        var batcher = new BabiBatcher(train, options.BatchSize, model.MemorySize, device);
        var order = new Generator(options.Seed + 1_000_003);
        var optimizer = Optimizer(network, options);
        var epochs = new List<DmnEpoch>();
        Dictionary<string, Tensor>? best = null;
        var bestEpoch = 0;
        var bestError = double.PositiveInfinity;
        var step = 0;
        var budget = Stopwatch.StartNew();
        // bestError > 0: once an epoch makes no validation error, no later one can be lower, so patience would
        // only spend time (the kept weights would be the same).
        for (var epoch = 0; epoch < options.Epochs && epoch - bestEpoch < options.Patience && bestError > 0 &&
                            (options.MaxSeconds <= 0 || budget.Elapsed.TotalSeconds < options.MaxSeconds); epoch++)
        {
            var clock = Stopwatch.StartNew();
            network.train();
            double lossSum = 0;
            var wrong = 0;
            foreach (var batch in batcher.Epoch(order, chunkBatches: options.ChunkBatches))
            {
                var logits = network.call(batch).Logits;
                var loss = torch.nn.functional.cross_entropy(logits, batch.Answer);
                optimizer.zero_grad();
                loss.backward();
                if (options.MaxGradNorm > 0)
                {
                    torch.nn.utils.clip_grad_norm_(network.parameters(), options.MaxGradNorm);
                }

                optimizer.step();
                var value = loss.item();
                lossSum += value * batch.Size;
                wrong += BabiErrors.CountWrong(logits, batch.Answer);
                onStep?.Invoke(++step, value);
            }

            var valid = Evaluate(network, validation, options.BatchSize);
            var record = new DmnEpoch(epoch + 1, lossSum / train.Count, (double)wrong / train.Count, valid.Loss, valid.Mean,
                clock.Elapsed.TotalSeconds);
            epochs.Add(record);
            onEpoch?.Invoke(record);
            if (!double.IsFinite(record.TrainLoss))
            {
                break;
            }

            if (record.ValidationError < bestError)
            {
                bestError = record.ValidationError;
                bestEpoch = epoch + 1;
                best = network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
            }
        }

        if (best is not null)
        {
            network.load_state_dict(best);
        }

        network.eval();
        return new DmnRun(network, epochs, Math.Max(1, bestEpoch), options.Seed);
    }

    /// <summary>
    /// Adam for <paramref name="network"/> with the re-implementations' L2: their loss is the batch's summed
    /// cross-entropy plus λ·Σ‖W‖²/2 over the weights (biases excluded), whose gradient is B·∇(mean loss) + λW; Adam
    /// does not see the scale of its gradient, so with the mean loss here the same step is weight decay λ/B
    /// (<see cref="DmnTrainingOptions.L2"/> / <see cref="DmnTrainingOptions.BatchSize"/>) on the weight matrices
    /// and the embedding, and none on the biases. Two groups: the weights first, then the biases.
    /// </summary>
    internal static Optimizers.Adam Optimizer(DynamicMemoryNetwork network, DmnTrainingOptions options)
    {
        var named = network.named_parameters().ToList();
        static bool IsBias(string name) => name.Contains("bias", StringComparison.Ordinal);
        var optimizer = torch.optim.Adam(named.Where(p => !IsBias(p.name)).Select(p => (Tensor)p.parameter), lr: options.LearningRate,
                                         weight_decay: options.L2 / options.BatchSize);
        optimizer.add_param_group(new Optimizers.Adam.Group(nameof(Optimizers.Adam), named.Where(p => IsBias(p.name)).Select(p => (Tensor)p.parameter),
                                                            options.LearningRate));
        return optimizer;
    }

    /// <summary>The errors of <paramref name="model"/> on <paramref name="questions"/>, by task (no dropout, no gradients).</summary>
    public static BabiErrors Evaluate(DynamicMemoryNetwork model, IReadOnlyList<BabiEncoded> questions, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        var wasTraining = model.training;
        model.eval();
        var errors = BabiErrors.Measure(batch => model.call(batch).Logits, questions, batchSize, model.options.MemorySize, model.embedding.device);
        model.train(wasTraining);
        return errors;
    }

}
