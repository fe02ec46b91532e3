using Attend.Display;
using Attend.Modules;
using F = Attend.torch.nn.functional;

namespace Attend.Act;

/// <summary>
/// Chapter 8's experiments as calls: build an <see cref="AdaptiveComputationTime"/> model for a task, train it with
/// Adam on freshly generated batches with the loss L + τ·P, and measure the sequence error rate and the ponder time
/// on a fixed held-out set.
/// <code>
/// var act = ActTraining.Train(new ActOptions { Bits = 16, Tau = 1e-3 }, torch.CPU, showProgress: true);
/// var plain = ActTraining.Train(act.Options with { MaxSteps = 1 }, torch.CPU);   // the same network without ACT
/// Console.WriteLine($"{plain.Test.ErrorRate:P1} error without ACT, {act.Test.ErrorRate:P1} with it");
/// </code>
/// </summary>
/// <remarks>
/// The same options give the same numbers (only the wall times differ): the training batches come from
/// <c>new Generator(Seed)</c>, the held-out set from <c>new Generator(Seed + 1_000_003)</c>, and the initial weights
/// from the default generator, which <see cref="Train"/> reseeds with <c>torch.manual_seed(Seed)</c>. Runs that differ
/// only in τ or <see cref="ActOptions.MaxSteps"/> start from the same weights and see the same batches.
/// Taught in Chapter 8: adaptive computation time, §8.3–8.5 (notebooks/08-adaptive-computation-time.ipynb).
/// </remarks>
public static class ActTraining
{
    private const int TestSeedOffset = 1_000_003;

    /// <summary>A fresh, untrained model for <paramref name="options"/> (weights from the default generator), on <paramref name="device"/>.</summary>
    public static AdaptiveComputationTime CreateModel(ActOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var input = (options.Task == ActTask.Parity ? options.Bits : LogicTask.InputSize) + 1; // + the first-step flag
        Module cell = options.Cell.ToLowerInvariant() switch
        {
            "rnn" => new RNNCell(input, options.HiddenSize),
            "gru" => new GRUCell(input, options.HiddenSize),
            "lstm" => new LSTMCell(input, options.HiddenSize),
            _ => throw new ArgumentException($"ActOptions: unknown Cell '{options.Cell}'; expected \"rnn\", \"gru\" or \"lstm\".", nameof(options)),
        };
        var model = new AdaptiveComputationTime(cell, output_size: 1, epsilon: options.Epsilon, max_steps: options.MaxSteps);
        model.to(device ?? Device.CPU);
        return model;
    }

    /// <summary>
    /// Trains a model as <paramref name="options"/> say, on <paramref name="device"/>. <paramref name="showProgress"/>
    /// shows a live <see cref="TrainingProgress"/>; <paramref name="onCheckpoint"/> gets every held-out measurement.
    /// </summary>
    public static ActRun Train(ActOptions? options = null, Device? device = null, bool showProgress = false,
                               Action<ActCheckpoint>? onCheckpoint = null)
    {
        options ??= new ActOptions();
        device ??= Device.CPU;
        Validate(options);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        double Elapsed() => System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        var data = new Generator(options.Seed);
        var test = new Generator(options.Seed + TestSeedOffset);
        var held = options.Task == ActTask.Parity
            ? (object)Scaled(ParityTask.Generate(options.TestSize, options.Bits, test, device), options.InputScale)
            : LogicTask.Generate(options.TestSize, options.MaxLength, options.MaxGates, test, device);

        torch.manual_seed(options.Seed);
        var model = CreateModel(options, device);
        var optimizer = torch.optim.Adam(model.parameters(), lr: options.LearningRate);
        var decayStep = Math.Max(1, (int)Math.Round(options.Steps * options.DecayAt));
        var schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size: decayStep, gamma: options.DecayAt >= 1 ? 1.0 : 0.1);
        var progress = showProgress
            ? TrainingProgress.Start(options.Steps, $"{options.Task} ({(options.MaxSteps == 1 ? "no ACT" : $"ACT, τ = {options.Tau:g3}")})")
            : null;
        var losses = new List<double>();
        var history = new List<ActCheckpoint>();
        double since = 0;
        var count = 0;
        // The curriculum's current limit on the non-zero entries, and the training errors of its window.
        var level = options.Task != ActTask.Parity ? 0 : options.CurriculumStart > 0 ? options.CurriculumStart : options.Bits;
        var (windowErrors, windowCount, windowSteps) = (0, 0, 0);
        for (var step = 1; step <= options.Steps; step++)
        {
            model.train();
            Tensor task, penalty;
            if (options.Task == ActTask.Parity)
            {
                var batch = Scaled(CurriculumBatch(options, level, data, device), options.InputScale);
                var result = model.call(batch.Inputs);
                var logits = result.Output.squeeze(1);
                task = F.binary_cross_entropy_with_logits(logits, batch.Targets);
                penalty = PonderCost.Penalty(result.Ponder, options.Tau);
                if (options.CurriculumStart > 0 && level < options.Bits)
                {
                    // The curriculum reads the training batches' own error: no extra forward pass.
                    windowErrors += CountWrong(logits.ToArray(), batch.Targets.ToArray());
                    windowCount += batch.Count;
                    if (++windowSteps == options.CurriculumWindow)
                    {
                        if ((double)windowErrors / windowCount < options.CurriculumThreshold)
                        {
                            level = Math.Min(options.Bits, level + options.CurriculumIncrement);
                        }

                        (windowErrors, windowCount, windowSteps) = (0, 0, 0);
                    }
                }
            }
            else
            {
                (task, penalty) = LogicLoss(model, LogicTask.Generate(options.BatchSize, options.MaxLength, options.MaxGates, data, device), options.Tau);
            }

            optimizer.zero_grad();
            task.add(penalty).backward();
            torch.nn.utils.clip_grad_norm_(model.parameters(), options.ClipNorm);
            optimizer.step();
            schedule.step();

            var value = task.item();
            losses.Add(value);
            since += value;
            count++;
            progress?.Report(step, value);
            if (step % options.EvaluateEvery == 0 || step == options.Steps)
            {
                var measured = Evaluate(model, held);
                var checkpoint = new ActCheckpoint(step, since / count, measured.ErrorRate, measured.MeanPonder, Elapsed(), measured, level);
                history.Add(checkpoint);
                onCheckpoint?.Invoke(checkpoint);
                (since, count) = (0, 0);
            }
        }

        progress?.Finish();
        return new ActRun(options, model, losses, history, Evaluate(model, held), Elapsed());
    }

    /// <summary>
    /// The parity loss of one batch: binary cross-entropy of the single output against the parity, and the ponder
    /// penalty τ·mean(ρ) (returned apart, so the task loss can be watched alone).
    /// </summary>
    public static (Tensor Task, Tensor Penalty) ParityLoss(AdaptiveComputationTime model, ParityTask batch, double tau)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        var result = model.call(batch.Inputs);
        var task = F.binary_cross_entropy_with_logits(result.Output.squeeze(1), batch.Targets);
        return (task, PonderCost.Penalty(result.Ponder, tau));
    }

    /// <summary>
    /// A parity training batch at the curriculum's current <paramref name="level"/>: the easy share uniform over
    /// [1, level], the rest from the frontier [level − CurriculumFrontier + 1, level]. Without a frontier share (or
    /// without a curriculum) it is one draw, exactly as <see cref="ParityTask.Generate"/> makes it. The easy share
    /// comes first in the batch.
    /// </summary>
    public static ParityTask CurriculumBatch(ActOptions options, int level, Generator data, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        device ??= Device.CPU;
        var easy = options.CurriculumStart > 0 && options.CurriculumEasyShare < 1
            ? (int)Math.Round(options.BatchSize * options.CurriculumEasyShare)
            : options.BatchSize;
        if (easy >= options.BatchSize)
        {
            return ParityTask.Generate(options.BatchSize, options.Bits, data, device, level);
        }

        var hard = ParityTask.Generate(options.BatchSize - easy, options.Bits, data, device, level,
                                       minNonZero: Math.Max(1, level - options.CurriculumFrontier + 1));
        if (easy == 0)
        {
            return hard;
        }

        var rest = ParityTask.Generate(easy, options.Bits, data, device, level);
        return new ParityTask(torch.cat([rest.Inputs, hard.Inputs], 0), torch.cat([rest.Targets, hard.Targets], 0),
                              [.. rest.Bits, .. hard.Bits]);
    }

    /// <summary>The task with its inputs multiplied by <paramref name="scale"/> (<see cref="ActOptions.InputScale"/>); itself for 1.</summary>
    private static ParityTask Scaled(ParityTask task, double scale) =>
        scale == 1 ? task : task with { Inputs = task.Inputs.mul((float)scale) };

    private static int CountWrong(float[] logits, float[] targets)
    {
        var wrong = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            wrong += (logits[i] > 0) != (targets[i] > 0.5f) ? 1 : 0;
        }

        return wrong;
    }

    /// <summary>
    /// The logic loss of one batch: binary cross-entropy of each step's output against its target, over the real
    /// steps only, and the ponder penalty τ·mean(Σ_t ρ_t) over the real steps.
    /// </summary>
    public static (Tensor Task, Tensor Penalty) LogicLoss(AdaptiveComputationTime model, LogicTask batch, double tau)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        var result = model.call(batch.Inputs);
        var perStep = F.binary_cross_entropy_with_logits(result.Output.squeeze(2), batch.Targets, reduction: "none");
        var task = perStep.mul(batch.Mask).sum().div(batch.Mask.sum());
        return (task, PonderCost.Penalty(result.Ponder, tau, batch.Mask));
    }

    /// <summary>Measures <paramref name="model"/> on a held-out <see cref="ParityTask"/> or <see cref="LogicTask"/>, in batches of 500.</summary>
    public static ActEvaluation Evaluate(AdaptiveComputationTime model, object heldOut)
    {
        ArgumentNullException.ThrowIfNull(model);
        return heldOut switch
        {
            ParityTask parity => Evaluate(model, parity),
            LogicTask logic => Evaluate(model, logic),
            _ => throw new ArgumentException($"ActTraining.Evaluate: expected a ParityTask or a LogicTask, got {heldOut?.GetType().Name ?? "null"}.", nameof(heldOut)),
        };
    }

    /// <summary>Sequence error and ponder steps against the number of non-zero bits on a parity set.</summary>
    public static ActEvaluation Evaluate(AdaptiveComputationTime model, ParityTask heldOut)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        model.eval();
        using var _ = torch.no_grad();
        var errors = 0;
        var ponder = new int[heldOut.Count];
        var wrongs = new bool[heldOut.Count];
        var targets = heldOut.Targets.ToArray();
        for (var start = 0; start < heldOut.Count; start += 500)
        {
            var n = Math.Min(500, heldOut.Count - start);
            var result = model.call(heldOut.Inputs.narrow(0, start, n));
            var logits = result.Output.squeeze(1).ToArray();
            for (var i = 0; i < n; i++)
            {
                wrongs[start + i] = (logits[i] > 0) != (targets[start + i] > 0.5f);
                errors += wrongs[start + i] ? 1 : 0;
                ponder[start + i] = result.Steps[i, 0];
            }
        }

        return new ActEvaluation(errors, heldOut.Count, (int[])heldOut.Bits.Clone(), ponder, wrongs);
    }

    /// <summary>Sequence error (a sequence counts as wrong if any of its steps is) and ponder steps against the gates per step on a logic set.</summary>
    public static ActEvaluation Evaluate(AdaptiveComputationTime model, LogicTask heldOut)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        model.eval();
        using var _ = torch.no_grad();
        var (count, length) = (heldOut.Count, heldOut.MaxLength);
        var errors = 0;
        var difficulty = new List<int>();
        var ponder = new List<int>();
        var wrongs = new List<bool>();
        var targets = heldOut.Targets.ToArray();
        for (var start = 0; start < count; start += 500)
        {
            var n = Math.Min(500, count - start);
            var result = model.call(heldOut.Inputs.narrow(0, start, n));
            var logits = result.Output.squeeze(2).ToArray();
            for (var i = 0; i < n; i++)
            {
                var wrong = false;
                for (var t = 0; t < length && heldOut.Gates[start + i, t] > 0; t++)
                {
                    var stepWrong = (logits[(i * length) + t] > 0) != (targets[((start + i) * length) + t] > 0.5f);
                    wrong |= stepWrong;
                    wrongs.Add(stepWrong);
                    difficulty.Add(heldOut.Gates[start + i, t]);
                    ponder.Add(result.Steps[i, t]);
                }

                errors += wrong ? 1 : 0;
            }
        }

        return new ActEvaluation(errors, count, [.. difficulty], [.. ponder], [.. wrongs]);
    }

    private static void Validate(ActOptions options)
    {
        PonderCost.CheckTau(options.Tau);
        HaltingDistribution.Check(options.Epsilon, options.MaxSteps);
        if (options.Steps <= 0 || options.BatchSize <= 0 || options.TestSize <= 0 || options.EvaluateEvery <= 0 || options.HiddenSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"ActOptions: Steps ({options.Steps}), BatchSize ({options.BatchSize}), TestSize ({options.TestSize}), " +
                $"EvaluateEvery ({options.EvaluateEvery}) and HiddenSize ({options.HiddenSize}) must be positive.");
        }

        if (options.CurriculumStart < 0 || options.CurriculumStart > options.Bits || options.CurriculumIncrement <= 0 ||
            options.CurriculumWindow <= 0 || !(options.CurriculumThreshold > 0 && options.CurriculumThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"ActOptions: CurriculumStart ({options.CurriculumStart}) must lie in [0, Bits = {options.Bits}], CurriculumIncrement " +
                $"({options.CurriculumIncrement}) and CurriculumWindow ({options.CurriculumWindow}) must be positive and " +
                $"CurriculumThreshold ({options.CurriculumThreshold}) must lie in (0, 1].");
        }

        if (!(options.InputScale > 0) || double.IsInfinity(options.InputScale))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ActOptions: InputScale ({options.InputScale}) must be positive and finite.");
        }

        if (!(options.CurriculumEasyShare >= 0 && options.CurriculumEasyShare <= 1) || options.CurriculumFrontier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"ActOptions: CurriculumEasyShare ({options.CurriculumEasyShare}) must lie in [0, 1] and CurriculumFrontier " +
                $"({options.CurriculumFrontier}) must be positive.");
        }

        if (options.CurriculumStart > 0 && options.Task != ActTask.Parity)
        {
            throw new ArgumentException($"ActOptions: the curriculum (CurriculumStart = {options.CurriculumStart}) is for the parity task, not {options.Task}.",
                nameof(options));
        }

        if (!(options.DecayAt > 0 && options.DecayAt <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ActOptions: DecayAt ({options.DecayAt}) must lie in (0, 1].");
        }

        if (!(options.LearningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ActOptions: LearningRate ({options.LearningRate}) must be positive.");
        }
    }
}
