using System.Diagnostics;
using Attend.Display;
using Attend.Ntm.Tasks;
using Attend.Serialization;

namespace Attend.Ntm.Recipes;

/// <summary>
/// The chapter's training recipe (Chapter 5, §5.6): draws batches from a <see cref="SequenceTask"/>, minimises the
/// cost in bits per sequence with the paper's RMSprop (or Adam), clips gradients, evaluates on a held-out set, keeps
/// the best weights, and reports progress. It trains any <see cref="SequenceModel"/> (the NTM or the LSTM baseline).
/// </summary>
public static class NtmTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="task"/>. The model's own device is used for data.
    /// <paramref name="showProgress"/> shows a live <see cref="TrainingProgress"/> of the cost in bits per sequence;
    /// <paramref name="onEvaluate"/> is called with each held-out evaluation as it is measured.
    /// </summary>
    public static NtmTrainingRun Train(SequenceModel model, SequenceTask task, NtmTrainingOptions? options = null, bool showProgress = false,
                                       Action<NtmEvaluation>? onEvaluate = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(task);
        options ??= new NtmTrainingOptions();
        Validate(model, task, options);
        if (options.Device is { } target)
        {
            model.to(target);
        }

        var device = options.Device ?? model.parameters().First().device;
        var generator = new Generator(options.Seed);
        var heldOut = HeldOut(task, options.HeldOutSequences, options.Seed + 1_000_003L, device);
        var optimizer = CreateOptimizer(model, options);
        var plateau = options.PlateauFactor > 0
            ? torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor: options.PlateauFactor, patience: options.PlateauPatience,
                                                         min_lr: options.MinLearningRate)
            : null;
        var solvedInARow = 0;
        var parameters = model.parameters().ToList();

        var progress = showProgress ? TrainingProgress.Start(options.Sequences / options.BatchSize, $"{model.GetName} on {task.Name} (bits/seq)") : null;
        var clock = Stopwatch.StartNew();
        var seen = new List<int>();
        var costs = new List<float>();
        var evaluations = new List<NtmEvaluation>();
        NtmEvaluation? solved = null;
        NtmEvaluation? best = null;
        Dictionary<string, Tensor>? bestState = null;
        Optimizers.OptimizerStateDict? bestOptimizerState = null;
        var sequences = 0;
        var nextEvaluation = options.EvaluateEvery > 0 ? options.EvaluateEvery : int.MaxValue;
        model.train();
        while (sequences < options.Sequences)
        {
            var batch = TrainingTask(task, options, sequences).Sample(options.BatchSize, generator, device);
            var logits = model.call(batch.Inputs, batch.OutputSteps);
            var loss = SequenceMetrics.BitsPerSequence(logits, batch.Targets);
            optimizer.zero_grad();
            loss.backward();
            if (options.ClipNorm > 0)
            {
                torch.nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
            }

            if (options.ClipValue > 0)
            {
                torch.nn.utils.clip_grad_value_(parameters, options.ClipValue);
            }

            optimizer.step();
            sequences += options.BatchSize;
            var cost = loss.item();
            if (!float.IsFinite(cost))
            {
                throw new InvalidOperationException($"NtmTraining: the cost became {cost} after {sequences} sequences.");
            }

            if (options.AdaptiveCurriculum?.Observe(cost, batch.OutputSteps * task.OutputSize, sequences) == true && options.StageDecay != 1)
            {
                foreach (var group in optimizer.param_groups)
                {
                    group.lr = Math.Max(group.lr * options.StageDecay, options.MinLearningRate);
                }
            }

            seen.Add(sequences);
            costs.Add(cost);
            progress?.Report(progress.Step + 1, cost);

            var last = sequences >= options.Sequences || (options.TimeLimit is { } limit && clock.Elapsed >= limit);
            if (sequences >= nextEvaluation || last)
            {
                nextEvaluation = sequences + options.EvaluateEvery;
                var evaluation = Evaluate(model, heldOut, sequences, clock.Elapsed.TotalSeconds) with
                {
                    LearningRate = optimizer.param_groups[0].lr,
                };
                model.train();
                // Under an adaptive curriculum the held-out cost is the full task's, which the early stages do not
                // train: it may rise while a stage is being learned, and must not lower the rate then.
                var lastStage = options.AdaptiveCurriculum is not { } stages || stages.Stage == stages.Stages.Count - 1;
                var isBest = evaluation.Beats(best);
                if (lastStage && !isBest && options.RollbackFactor > 0 && bestState is not null && bestOptimizerState is not null &&
                    evaluation.BitsPerSequence > options.RollbackFactor * best!.BitsPerSequence)
                {
                    var rate = optimizer.param_groups[0].lr;
                    model.load_state_dict(bestState);
                    optimizer.load_state_dict(bestOptimizerState); // also the best check's rate: set the lowered one after
                    foreach (var group in optimizer.param_groups)
                    {
                        group.lr = Math.Max(rate * options.RollbackDecay, options.MinLearningRate);
                    }

                    evaluation = evaluation with { RolledBack = true };
                }
                else if (lastStage)
                {
                    plateau?.step(evaluation.BitsPerSequence);
                }

                solvedInARow = evaluation.Solved ? solvedInARow + 1 : 0;
                evaluations.Add(evaluation);
                onEvaluate?.Invoke(evaluation);
                if (isBest)
                {
                    best = evaluation;
                    bestState = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
                    bestOptimizerState = options.RollbackFactor > 0 ? optimizer.state_dict() : null;
                    // Saved as soon as it is found, so a long run stopped from outside still leaves its best weights behind.
                    SaveCheckpoint(options, bestState, model, task, best);
                }

                if (evaluation.Solved && solved is null)
                {
                    solved = evaluation;
                    if (options.StopWhenSolved)
                    {
                        break;
                    }
                }

                if (options.StopAfterSolvedChecks > 0 && solvedInARow >= options.StopAfterSolvedChecks)
                {
                    break;
                }
            }

            if (last)
            {
                break;
            }
        }

        progress?.Finish();
        if (bestState is not null && options.RestoreBest)
        {
            model.load_state_dict(bestState);
        }

        return new NtmTrainingRun(options, seen, costs, evaluations, solved, best, clock.Elapsed.TotalSeconds);
    }

    private static void SaveCheckpoint(NtmTrainingOptions options, Dictionary<string, Tensor> state, SequenceModel model, SequenceTask task,
                                       NtmEvaluation best)
    {
        if (options.CheckpointPath is { } path)
        {
            SafeTensors.Save(state, path, new Dictionary<string, string>
            {
                ["model"] = model.GetName,
                ["task"] = task.Name,
                ["sequences"] = best.Sequences.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["held_out_bits_per_sequence"] = best.BitsPerSequence.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                ["held_out_bit_errors_per_sequence"] = best.BitErrorsPerSequence.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            });
        }
    }

    /// <summary>
    /// <paramref name="count"/> held-out sequences drawn one at a time from <paramref name="task"/> with seed
    /// <paramref name="seed"/> (so each has its own random size, as in training), grouped into batches of equal shape.
    /// </summary>
    public static IReadOnlyList<TaskBatch> HeldOut(SequenceTask task, int count, long seed, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"HeldOut: count must be positive, got {count}.");
        }

        var generator = new Generator(seed);
        return Group(Enumerable.Range(0, count).Select(_ => task.Sample(1, generator, device)).ToList());
    }

    /// <summary>Concatenates batches of equal input and target shapes along the batch dimension.</summary>
    public static IReadOnlyList<TaskBatch> Group(IReadOnlyList<TaskBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return batches
            .GroupBy(b => (b.Inputs.size(0), b.OutputSteps))
            .OrderBy(g => g.Key)
            .Select(g => new TaskBatch(torch.cat(g.Select(b => b.Inputs).ToArray(), 1), torch.cat(g.Select(b => b.Targets).ToArray(), 1)))
            .ToList();
    }

    /// <summary>The held-out cost and bit errors of <paramref name="model"/> on <paramref name="batches"/> (no gradient, eval mode).</summary>
    public static NtmEvaluation Evaluate(SequenceModel model, IReadOnlyList<TaskBatch> batches, int sequences = 0, double seconds = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        model.eval();
        double bits = 0, errors = 0;
        int total = 0, wrong = 0;
        using (torch.no_grad())
        {
            foreach (var batch in batches)
            {
                var logits = model.call(batch.Inputs, batch.OutputSteps);
                var n = batch.BatchSize;
                bits += SequenceMetrics.BitsPerSequence(logits, batch.Targets).item() * n;
                var perSequence = SequenceMetrics.BitErrors(logits, batch.Targets);
                errors += perSequence.Sum();
                wrong += perSequence.Count(e => e > 0);
                total += n;
            }
        }

        return new NtmEvaluation(sequences, bits / total, errors / total, wrong, seconds);
    }

    private static SequenceTask TrainingTask(SequenceTask task, NtmTrainingOptions options, int sequences)
    {
        if (options.Curriculum is null && options.AdaptiveCurriculum is null)
        {
            return task;
        }

        var stage = options.AdaptiveCurriculum?.Current ?? options.Curriculum!(sequences) ?? task;
        if (stage.InputSize != task.InputSize || stage.OutputSize != task.OutputSize)
        {
            throw new ArgumentException(
                $"NtmTraining: the curriculum's task after {sequences} sequences has {stage.InputSize} input and {stage.OutputSize} output " +
                $"channels, but the {task.Name} task has {task.InputSize} and {task.OutputSize}.",
                nameof(options));
        }

        return stage;
    }

    private static Optimizers.Optimizer CreateOptimizer(SequenceModel model, NtmTrainingOptions options) => options.Optimizer switch
    {
        NtmOptimizer.RMSprop => torch.optim.RMSprop(model.parameters(), lr: options.LearningRate, alpha: options.Alpha, momentum: options.Momentum),
        _ => torch.optim.Adam(model.parameters(), lr: options.LearningRate),
    };

    private static void Validate(SequenceModel model, SequenceTask task, NtmTrainingOptions options)
    {
        if (model.input_size != task.InputSize || model.output_size != task.OutputSize)
        {
            throw new ArgumentException(
                $"NtmTraining: the model reads {model.input_size} and writes {model.output_size} channels, but the {task.Name} task has " +
                $"{task.InputSize} input and {task.OutputSize} output channels.",
                nameof(model));
        }

        if (options.BatchSize <= 0 || options.Sequences <= 0 || options.HeldOutSequences <= 0 || options.EvaluateEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"NtmTraining: BatchSize ({options.BatchSize}), Sequences ({options.Sequences}) and HeldOutSequences ({options.HeldOutSequences}) " +
                $"must be positive and EvaluateEvery ({options.EvaluateEvery}) non-negative.");
        }

        if (options.Curriculum is not null && options.AdaptiveCurriculum is not null)
        {
            throw new ArgumentException("NtmTraining: give either Curriculum or AdaptiveCurriculum, not both.", nameof(options));
        }

        if (options.StopAfterSolvedChecks < 0 || options.PlateauFactor is < 0 or >= 1 || options.PlateauPatience < 0 || options.MinLearningRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"NtmTraining: StopAfterSolvedChecks ({options.StopAfterSolvedChecks}), PlateauPatience ({options.PlateauPatience}) and " +
                $"MinLearningRate ({options.MinLearningRate}) must be non-negative and PlateauFactor ({options.PlateauFactor}) in [0, 1).");
        }

        if (options.LearningRate <= 0 || options.ClipValue < 0 || options.ClipNorm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"NtmTraining: LearningRate ({options.LearningRate}) must be positive and ClipValue ({options.ClipValue}), ClipNorm " +
                $"({options.ClipNorm}) non-negative.");
        }

        if (options.RollbackFactor is not (0 or >= 1) || options.RollbackDecay is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"NtmTraining: RollbackFactor ({options.RollbackFactor}) must be 0 (off) or at least 1, and RollbackDecay " +
                $"({options.RollbackDecay}) must lie in (0, 1].");
        }

        if (options.StageDecay is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"NtmTraining: StageDecay ({options.StageDecay}) must lie in (0, 1].");
        }
    }
}
