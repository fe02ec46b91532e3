using System.Diagnostics;
using System.Globalization;
using Attend.Backends.Cpu;
using Attend.Ntm;
using Attend.Ntm.Recipes;
using Attend.Ntm.Tasks;

namespace Attend.Benchmarks;

/// <summary>
/// <c>--ntm-time-to-solve [--task copy|repeat|recall] [--seed S] [--init default|reference] [--memory Constant|Random|Learned]
/// [--max-length L] [--sequences N] [--every E] [--batch B] [--optimizer rmsprop|adam] [--lr X] [--clip-norm X] [--curriculum N]
/// [--checkpoint file.safetensors] [--minutes T] [--stop-after K] [--plateau F] [--patience P] [--slots N] [--adaptive X]
/// [--stage-decay F] [--min-lr X] [--rollback F] [--evaluate file.safetensors [--fresh N]]</c>: chapter 5's time-to-solve measurement. Trains the paper-sized copy NTM (LSTM 100,
/// memory 128 × 20, one read and one write head) with the paper's recipe (batch 1, RMSprop lr 1e-4, momentum 0.9,
/// α 0.95, every gradient component clipped to ±10) on one thread, evaluates on 100 held-out sequences every E
/// sequences, and stops at the first evaluation with 0 bit errors. <c>--task repeat</c> and <c>--task recall</c> train
/// the paper's repeat copy (8 bits, lengths 1–10, 1–10 repeats) and associative recall (items of three 6-bit
/// vectors, 2–6 items) the same way; <c>--max-length</c> applies to copy only. Prints, per evaluation, the held-out cost, the
/// wall time and this thread's CPU time (the number that means something on a shared machine: it stops while the
/// thread waits for a core). <c>--curriculum N</c> grows the task's size limit from an easy start to the full task over
/// the first N sequences (<see cref="Curricula"/>); the held-out set is always the full task's. <c>--stop-after K</c> stops
/// once K held-out checks in a row had no wrong bit instead of at the first; <c>--plateau F --patience P</c> multiplies the
/// rate by F when the held-out cost has not improved for more than P checks; <c>--slots N</c> changes the memory's slots;
/// <c>--adaptive X</c> uses an <see cref="AdaptiveCurriculum"/> (repeat copy, recall) that moves on below X bits per target bit;
/// <c>--stage-decay F</c> multiplies the rate by F at each of its stages, <c>--min-lr X</c> floors both decays;
/// <c>--rollback F</c> goes back to the best check (weights and optimizer state, rate halved) when a check costs more than F
/// times the best (<see cref="NtmTrainingOptions.RollbackFactor"/>).
/// <c>--evaluate file</c> trains nothing: it loads a checkpoint that <c>--checkpoint</c> wrote and measures it on N (default
/// 1,000) fresh sequences of the task (seed 4242, as the chapter's fresh set), and for repeat copy prints the wrong bits per
/// sequence for each (length, count), 10 sequences each: the held-out set chose the checkpoint, so only a fresh set says
/// how good it is.
/// </summary>
public static class NtmTimeToSolveMode
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        var seed = int.Parse(Arg("--seed", "0"), CultureInfo.InvariantCulture);
        var init = Arg("--init", "default");
        var memory = Enum.Parse<MemoryInit>(Arg("--memory", "Constant"), ignoreCase: true);
        var maxLength = int.Parse(Arg("--max-length", "20"), CultureInfo.InvariantCulture);
        var sequences = int.Parse(Arg("--sequences", "50000"), CultureInfo.InvariantCulture);
        var every = int.Parse(Arg("--every", "1000"), CultureInfo.InvariantCulture);
        var batch = int.Parse(Arg("--batch", "1"), CultureInfo.InvariantCulture);
        var adam = Arg("--optimizer", "rmsprop").Equals("adam", StringComparison.OrdinalIgnoreCase);
        var lr = double.Parse(Arg("--lr", adam ? "1e-3" : "1e-4"), CultureInfo.InvariantCulture);
        var clipNorm = double.Parse(Arg("--clip-norm", "0"), CultureInfo.InvariantCulture);
        var curriculum = int.Parse(Arg("--curriculum", "0"), CultureInfo.InvariantCulture);
        var checkpoint = Arg("--checkpoint", "");
        var minutes = double.Parse(Arg("--minutes", "0"), CultureInfo.InvariantCulture);
        var stopAfter = int.Parse(Arg("--stop-after", "1"), CultureInfo.InvariantCulture);
        var plateau = double.Parse(Arg("--plateau", "0"), CultureInfo.InvariantCulture);
        var patience = int.Parse(Arg("--patience", "4"), CultureInfo.InvariantCulture);
        var slots = int.Parse(Arg("--slots", "128"), CultureInfo.InvariantCulture);
        var adaptive = double.Parse(Arg("--adaptive", "0"), CultureInfo.InvariantCulture);
        var stageDecay = double.Parse(Arg("--stage-decay", "1"), CultureInfo.InvariantCulture);
        var minLr = double.Parse(Arg("--min-lr", "0"), CultureInfo.InvariantCulture);
        var rollback = double.Parse(Arg("--rollback", "0"), CultureInfo.InvariantCulture);
        var threshold = adaptive;
        ManagedGemm.MaxThreads = 1;

        SequenceTask task = Arg("--task", "copy") switch
        {
            "repeat" => new RepeatCopyTask(bits: 8, min_length: 1, max_length: 10, min_repeats: 1, max_repeats: 10),
            "recall" => new AssociativeRecallTask(bits: 6, vectors_per_item: 3, min_items: 2, max_items: 6),
            _ => new CopyTask(8, 1, maxLength),
        };
        torch.manual_seed(seed);
        var model = new NeuralTuringMachine(task.InputSize, task.OutputSize, controller_size: 100, memory_slots: slots, memory_width: 20, memory_init: memory);
        var evaluate = Arg("--evaluate", "");
        if (evaluate.Length > 0)
        {
            return EvaluateCheckpoint(model, task, evaluate, int.Parse(Arg("--fresh", "1000"), CultureInfo.InvariantCulture));
        }

        if (init == "reference")
        {
            model.init_as_pytorch_ntm(new Generator(seed + 77));
        }

        var options = new NtmTrainingOptions
        {
            Seed = seed,
            Sequences = sequences,
            EvaluateEvery = every,
            StopWhenSolved = stopAfter <= 1,
            StopAfterSolvedChecks = stopAfter > 1 ? stopAfter : 0,
            PlateauFactor = plateau,
            PlateauPatience = patience,
            MinLearningRate = minLr,
            StageDecay = stageDecay,
            RollbackFactor = rollback,
            BatchSize = batch,
            Optimizer = adam ? NtmOptimizer.Adam : NtmOptimizer.RMSprop,
            LearningRate = lr,
            ClipNorm = clipNorm,
            CheckpointPath = checkpoint.Length > 0 ? checkpoint : null,
            TimeLimit = minutes > 0 ? TimeSpan.FromMinutes(minutes) : null,
            AdaptiveCurriculum = adaptive <= 0 ? null : task switch
            {
                RepeatCopyTask r => AdaptiveCurriculum.RepeatCopy(r, threshold: adaptive),
                AssociativeRecallTask a => AdaptiveCurriculum.AssociativeRecall(a, threshold: adaptive),
                _ => null,
            },
            Curriculum = curriculum <= 0 ? null : task switch
            {
                RepeatCopyTask r => Curricula.RepeatCopy(r, curriculum),
                AssociativeRecallTask a => Curricula.AssociativeRecall(a, curriculum, start_items: 3), // with 2 items the answer is always the second
                _ => Curricula.Copy((CopyTask)task, curriculum),
            },
        };
        Console.WriteLine($"{task.Name} (copy: 1-{maxLength}), seed {seed}, init {init}, memory {memory}, batch {batch}, " +
                          (adam ? $"Adam {lr}" : $"RMSprop {lr} (momentum 0.9, alpha 0.95)") + $", clip 10, clip-norm {clipNorm}, " +
                          $"curriculum over {curriculum} sequences, memory {slots} x 20, stop after {stopAfter} solved checks, plateau {plateau}/{patience}, " +
                          $"adaptive {threshold}, stage decay {stageDecay}, min lr {minLr}, rollback {rollback}, 1 thread");
        var cpuStart = ThreadCpuSeconds();
        var run = NtmTraining.Train(model, task, options, onEvaluate: e => Console.WriteLine(
            $"{e.Sequences,7} sequences  " +
            (options.AdaptiveCurriculum is { } stages ? $"stage {stages.Stage} ({stages.RecentCost:F4}/bit)  " : "") + // only an adaptive run has stages
            $"held-out {e.BitsPerSequence,8:F3} bits/seq  {e.BitErrorsPerSequence,7:F3} wrong bits/seq  " +
            $"{e.SequencesWithErrors,3} of 100 wrong  wall {e.Seconds,7:F1} s  cpu {ThreadCpuSeconds() - cpuStart,7:F1} s  lr {e.LearningRate:G3}" +
            (e.RolledBack ? "  rolled back to the best check" : "")));
        Console.WriteLine(run.SolvedAt is { } s
            ? $"solved after {s.Sequences} sequences: wall {s.Seconds:F1} s"
            : $"not solved within {run.Sequences[^1]} sequences (best {run.Best!.BitErrorsPerSequence:F3} wrong bits/seq)");
        return 0;
    }

    private static int EvaluateCheckpoint(NeuralTuringMachine model, SequenceTask task, string path, int fresh)
    {
        model.load(path);
        Console.WriteLine($"{path}: {string.Join(", ", Serialization.SafeTensors.ReadMetadata(path).Select(kv => $"{kv.Key} {kv.Value}"))}");
        var all = NtmTraining.Evaluate(model, NtmTraining.HeldOut(task, fresh, seed: 4242));
        Console.WriteLine($"fresh {fresh} sequences of {task.Name}: {all.BitsPerSequence:F3} bits/seq, {all.BitErrorsPerSequence:F3} wrong bits/seq, " +
                          $"{all.SequencesWithErrors} of {fresh} with an error");
        if (task is RepeatCopyTask repeat)
        {
            var generator = new Generator(31);
            Console.WriteLine("wrong bits per sequence, 10 sequences per cell (rows: count, columns: length)");
            Console.WriteLine("count " + string.Concat(Enumerable.Range(1, repeat.MaxLength).Select(l => $"{l,7}")));
            using (torch.no_grad())
            {
                model.eval();
                for (var r = 1; r <= repeat.MaxRepeats; r++)
                {
                    var row = Enumerable.Range(1, repeat.MaxLength).Select(l =>
                    {
                        var batch = repeat.Sample(10, l, r, generator);
                        return SequenceMetrics.BitErrors(model.call(batch.Inputs, batch.OutputSteps), batch.Targets).Average();
                    });
                    Console.WriteLine($"{r,5} " + string.Concat(row.Select(e => $"{e,7:F1}")));
                }
            }
        }

        return 0;
    }

    private static double ThreadCpuSeconds() => Profiling.ThreadClock.Milliseconds() / 1000;
}
