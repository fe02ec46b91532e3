// Long bAbI runs for chapters 6 and 7, too long for a notebook's full mode: each prints one JSON line per epoch
// and a final JSON line with the per-task test errors, so the notebooks' markdown can quote them with the command.
//
//   dotnet run -c Release --project tools/BabiRuns -- dmn TASK [--seconds S] [--patience P] [--seed N] [--size 10k|1k] [--by-story]
//       DMN+ (Chapter 7) single-task on TASK: d = 80, batch 128, Adam 1e-3, L2 1e-3 on the summed loss (weight decay
//       1e-3/128 on the weights, none on the biases), unit-variance embedding, batches of similar story
//       length (chunks of 10), early stopping with patience P (default 20, the paper's), a wall-clock budget of S
//       seconds (default 0 = none; a budgeted run depends on the machine's speed); --by-story holds out whole stories
//       for validation (BabiData.SplitValidation's by_story) instead of single questions.
//   dotnet run -c Release --project tools/BabiRuns -- memn2n [--restarts R] [--seed S] [--minutes M] [--size 10k|1k]
//           [--epochs E] [--anneal-every A] [--lr X] [--chunk C] [--linear-epochs L] [--linear-plateau]
//           [--tying adjacent|layerwise] [--dim D] [--hops K] [--epochs-only]
//       MemN2N (Chapter 6) joint over all tasks with training data, PE LS RN, 3 hops, the authors' configuration
//       (MemN2NTrainingOptions.Joint1k, MemN2NOptions.AuthorsCode, d = 50), best of R starts on validation (default 1)
//       from seeds S, S + 1, …, S + R − 1 (default S = 0), no start begins after M minutes. --epochs-only stops after
//       one epoch and prints its time. Overrides of Joint1k's fields: --epochs (Epochs, after linear start),
//       --anneal-every (AnnealEvery), --lr (LearningRate after linear start), --chunk (ChunkBatches),
//       --linear-epochs (LinearStartMaxEpochs; 0 = no linear start) and --linear-plateau (LinearStartUntilPlateau:
//       linear start ends at the first epoch whose validation loss does not fall, as the paper's text).
//       Overrides of MemN2NOptions.AuthorsCode: --tying (Tying, default adjacent), --dim (d, default 50), --hops (K, default 3).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Attend;
using Attend.Babi;
using Attend.Dmn;
using Attend.MemN2N;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
double Number(string name, double fallback) => Option(name) is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : fallback;
void Emit(object record) => Console.WriteLine(JsonSerializer.Serialize(record));

if (args.Length == 0 || args[0] is not ("dmn" or "memn2n"))
{
    Console.Error.WriteLine("usage: BabiRuns dmn TASK [--seconds S] [--patience P] [--seed N] [--size 10k|1k] [--by-story] | memn2n [--restarts R] [--seed S] [--minutes M] [--size 10k|1k] " +
        "[--epochs E] [--anneal-every A] [--lr X] [--chunk C] [--linear-epochs L] [--linear-plateau] " +
        "[--tying adjacent|layerwise] [--dim D] [--hops K] [--epochs-only]");
    return 2;
}

var size = Option("--size") == "1k" ? BabiSize.OneK : BabiSize.TenK;
var device = Device.CPU;
var clock = Stopwatch.StartNew();
if (args[0] == "dmn")
{
    var task = int.Parse(args[1], CultureInfo.InvariantCulture);
    var train = BabiData.Load(task, size, BabiPart.Train);
    var test = BabiData.Load(task, size, BabiPart.Test);
    var vocabulary = BabiVocabulary.Build(train.Concat(test));
    var byStory = args.Contains("--by-story");
    var (fit, valid) = BabiData.SplitValidation(train, 0.1, new Generator(0), by_story: byStory);
    IReadOnlyList<BabiEncoded> Encode(IEnumerable<BabiQuestion> qs) => [.. qs.Select(x => vocabulary.Encode(x, window: 70))];
    var options = new DmnTrainingOptions(BatchSize: 128, ChunkBatches: 10, Patience: (int)Number("--patience", 20),
        Seed: (long)Number("--seed", 0), MaxSeconds: Number("--seconds", 0));
    var run = DmnTraining.Train(new DmnOptions(vocabulary.Count), Encode(fit), Encode(valid), options, device,
        onEpoch: e => Emit(new { task, e.Epoch, e.TrainLoss, e.TrainError, e.ValidationError, e.Seconds }));
    var errors = DmnTraining.Evaluate(run.Model, Encode(test));
    Emit(new
    {
        model = "dmn+",
        size = size.ToString(),
        task,
        test_error = errors.PerTask[task],
        best_epoch = run.BestEpoch,
        epochs = run.Epochs.Count,
        validation_error = run.ValidationError,
        validation = byStory ? "by story" : "by question",
        minutes = clock.Elapsed.TotalMinutes,
        options = options.ToString()
    });
    return 0;
}

{
    var trainAll = BabiData.LoadJoint(size, BabiPart.Train, null, skipMissing: true, out _);
    var testAll = BabiData.LoadJoint(size, BabiPart.Test);
    var tasks = trainAll.Select(q => q.Task).Distinct().ToHashSet();
    var vocabulary = BabiVocabulary.Build(trainAll.Concat(testAll));
    IReadOnlyList<BabiEncoded> Encode(IEnumerable<BabiQuestion> questions) => [.. questions.Select(q => vocabulary.Encode(q, window: 50))];
    var (fitAll, validAll) = BabiData.SplitValidation(trainAll, 0.1, new Generator(0));
    var longestSentence = trainAll.Concat(testAll).Max(q => Math.Max(q.Question.Length, q.Story.Max(s => s.Length)));
    var model = MemN2NOptions.AuthorsCode(vocabulary.Count, longestSentence, dim: (int)Number("--dim", 50), hops: (int)Number("--hops", 3)) with
    {
        Tying = Option("--tying") switch
        {
            null or "adjacent" => WeightTying.Adjacent,
            "layerwise" => WeightTying.LayerWise,
            var other => throw new ArgumentException($"BabiRuns memn2n: --tying must be adjacent or layerwise, got {other}.")
        }
    };
    var joint = MemN2NTrainingOptions.Joint1k;
    var linearEpochs = (int)Number("--linear-epochs", joint.LinearStartMaxEpochs);
    var options = joint with
    {
        Seed = (long)Number("--seed", joint.Seed),
        Epochs = (int)Number("--epochs", joint.Epochs),
        AnnealEvery = (int)Number("--anneal-every", joint.AnnealEvery),
        LearningRate = Number("--lr", joint.LearningRate),
        ChunkBatches = (int)Number("--chunk", joint.ChunkBatches),
        LinearStart = joint.LinearStart && linearEpochs > 0,
        LinearStartMaxEpochs = linearEpochs > 0 ? linearEpochs : joint.LinearStartMaxEpochs,
        LinearStartUntilPlateau = joint.LinearStartUntilPlateau || args.Contains("--linear-plateau"),
    };
    var (fit, valid) = (Encode(fitAll), Encode(validAll));
    var test = Encode(testAll.Where(q => tasks.Contains(q.Task)));
    Emit(new { model = "memn2n", size = size.ToString(), tasks = tasks.Count, fit = fit.Count, valid = valid.Count, test = test.Count, vocabulary = vocabulary.Count, architecture = model.ToString(), options = options.ToString() });
    if (args.Contains("--epochs-only"))
    {
        var once = options with { LinearStart = false, Epochs = 1 };
        var start = Stopwatch.StartNew();
        var first = MemN2NTraining.Train(model, fit, valid, once, device, onEpoch: e => Emit(new { e.Epoch, e.Seconds, e.TrainLoss, e.ValidationError }));
        Emit(new { epoch_seconds = first.Epochs.Average(e => e.Seconds), epochs = first.Epochs.Count, max_epochs = options.MaxEpochs, total_seconds = start.Elapsed.TotalSeconds });
        return 0;
    }

    var restarts = (int)Number("--restarts", 1);
    var (best, runs) = MemN2NTraining.BestOf(restarts, model, fit, valid, options, device,
        onEpoch: (r, e) => Emit(new { restart = r, e.Epoch, e.Seconds, e.Linear, e.LearningRate, e.TrainLoss, e.TrainError, e.ValidationLoss, e.ValidationError }),
        timeBudget: Option("--minutes") is null ? null : TimeSpan.FromMinutes(Number("--minutes", 0)));
    var errors = MemN2NTraining.Evaluate(best.Model, test);
    Emit(new
    {
        model = "memn2n",
        size = size.ToString(),
        starts = runs.Count,
        best_seed = best.Seed,
        validation_errors = runs.ToDictionary(r => r.Seed.ToString(CultureInfo.InvariantCulture), r => r.ValidationError),
        validation_error = best.ValidationError,
        mean = errors.Mean,
        failed = errors.Failed(),
        per_task = errors.PerTask,
        minutes = clock.Elapsed.TotalMinutes,
        architecture = model.ToString(),
        options = options.ToString()
    });
    return 0;
}
