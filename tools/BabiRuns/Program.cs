// Long bAbI runs for chapters 6 and 7, too long for a notebook's full mode: each prints one JSON line per epoch
// and a final JSON line with the per-task test errors, so the notebooks' markdown can quote them with the command.
//
//   dotnet run -c Release --project tools/BabiRuns -- dmn TASK [--seconds S] [--patience P] [--seed N] [--size 10k|1k]
//       DMN+ (Chapter 7) single-task on TASK: d = 80, batch 128, Adam 1e-3, L2 1e-3, batches of similar story
//       length (chunks of 10), early stopping with patience P (default 20, the paper's), a wall-clock budget of S
//       seconds (default 0 = none; a budgeted run depends on the machine's speed).
//   dotnet run -c Release --project tools/BabiRuns -- memn2n [--restarts R] [--minutes M] [--size 10k|1k] [--epochs-only]
//       MemN2N (Chapter 6) joint over all tasks with training data, PE LS RN, 3 hops, the authors' configuration
//       (MemN2NTrainingOptions.Joint1k, MemN2NOptions.AuthorsCode, d = 50), best of R starts on validation (default 1),
//       no start begins after M minutes. --epochs-only stops after one epoch and prints its time.
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
    Console.Error.WriteLine("usage: BabiRuns dmn TASK [--seconds S] [--patience P] [--seed N] [--size 10k|1k] | memn2n [--restarts R] [--minutes M] [--size 10k|1k] [--epochs-only]");
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
    var (fit, valid) = BabiData.SplitValidation(train, 0.1, new Generator(0));
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
    var model = MemN2NOptions.AuthorsCode(vocabulary.Count, longestSentence);
    var options = MemN2NTrainingOptions.Joint1k;
    var (fit, valid) = (Encode(fitAll), Encode(validAll));
    var test = Encode(testAll.Where(q => tasks.Contains(q.Task)));
    Emit(new { model = "memn2n", size = size.ToString(), tasks = tasks.Count, fit = fit.Count, valid = valid.Count, test = test.Count, vocabulary = vocabulary.Count });
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
        onEpoch: (r, e) => Emit(new { restart = r, e.Epoch, e.Seconds, e.TrainLoss, e.ValidationError }),
        timeBudget: Option("--minutes") is null ? null : TimeSpan.FromMinutes(Number("--minutes", 0)));
    var errors = MemN2NTraining.Evaluate(best.Model, test);
    Emit(new
    {
        model = "memn2n",
        size = size.ToString(),
        starts = runs.Count,
        best_seed = best.Seed,
        validation_error = best.ValidationError,
        mean = errors.Mean,
        failed = errors.Failed(),
        per_task = errors.PerTask,
        minutes = clock.Elapsed.TotalMinutes
    });
    return 0;
}
