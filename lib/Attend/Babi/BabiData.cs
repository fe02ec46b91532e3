using Attend.Data;

namespace Attend.Babi;

/// <summary>
/// The 20 bAbI QA tasks (Weston et al. 2015, v1.2, English; CC BY 3.0): finding the files, reading them, one task
/// or all twenty together (joint training), and the papers' validation split.
/// <code>
/// var train = BabiData.Load(1, BabiSize.OneK, BabiPart.Train);          // task 1, 1k: 1,000 questions
/// var joint = BabiData.LoadJoint(BabiSize.OneK, BabiPart.Train);        // all 20 tasks: 20,000 questions
/// var (fit, valid) = BabiData.SplitValidation(joint, 0.1, new Generator(0));
/// </code>
/// Files are found by <see cref="DataLocator"/> (an explicit folder, <c>ATTEND_DATA</c>, <c>shared/data</c> beside the
/// repository, then the git-ignored <c>data/cache/</c>) under <c>babi/en/</c> and <c>babi/en-10k/</c>; with
/// <c>download: true</c> a missing file is taken from the official archive (<see cref="SourceUrl"/>) into the cache.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1.</remarks>
public static class BabiData
{
    /// <summary>The official archive of v1.2.</summary>
    public const string SourceUrl = "http://www.thespermwhale.com/jaseweston/babi/tasks_1-20_v1-2.tar.gz";

    /// <summary>The SHA-256 of <see cref="SourceUrl"/> as recorded by Hugging Face's <c>babi_qa</c> loader.</summary>
    public const string ArchiveSha256 = "0364ebde659f14d11bc21744516c5ec49d3d06cb692733f66680771244998898";

    /// <summary>The number of tasks.</summary>
    public const int TaskCount = 20;

    /// <summary>The file-name stems of tasks 1–20 (index 0 is task 1), e.g. <c>qa1_single-supporting-fact</c>.</summary>
    public static IReadOnlyList<string> TaskFiles { get; } =
    [
        "qa1_single-supporting-fact", "qa2_two-supporting-facts", "qa3_three-supporting-facts", "qa4_two-arg-relations",
        "qa5_three-arg-relations", "qa6_yes-no-questions", "qa7_counting", "qa8_lists-sets", "qa9_simple-negation",
        "qa10_indefinite-knowledge", "qa11_basic-coreference", "qa12_conjunction", "qa13_compound-coreference",
        "qa14_time-reasoning", "qa15_basic-deduction", "qa16_basic-induction", "qa17_positional-reasoning",
        "qa18_size-reasoning", "qa19_path-finding", "qa20_agents-motivations",
    ];

    /// <summary>Short names of tasks 1–20 as the papers' tables print them (index 0 is task 1).</summary>
    public static IReadOnlyList<string> TaskNames { get; } =
    [
        "single supporting fact", "two supporting facts", "three supporting facts", "two arg. relations",
        "three arg. relations", "yes/no questions", "counting", "lists/sets", "simple negation", "indefinite knowledge",
        "basic coreference", "conjunction", "compound coreference", "time reasoning", "basic deduction",
        "basic induction", "positional reasoning", "size reasoning", "path finding", "agent's motivations",
    ];

    /// <summary>Where a task's file sits in a data folder, e.g. <c>babi/en-10k/qa1_single-supporting-fact_train.txt</c>.</summary>
    public static string RelativePath(int task, BabiSize size, BabiPart part)
    {
        CheckTask(task);
        var folder = size == BabiSize.OneK ? "en" : "en-10k";
        return $"babi/{folder}/{TaskFiles[task - 1]}_{(part == BabiPart.Train ? "train" : "test")}.txt";
    }

    /// <summary>
    /// The path of a task's file. <paramref name="path"/> is a folder laid out like <c>shared/data/babi</c> (holding
    /// <c>en/</c> and <c>en-10k/</c>); without it the usual places are tried, and when none has the file,
    /// <paramref name="download"/> fetches the official archive into the cache. Otherwise the error names the file
    /// and every place tried.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is in none of the places.</exception>
    public static string Locate(int task, BabiSize size, BabiPart part, string? path = null, bool download = false) =>
        Locate(task, size, part, path, download, Environment.GetEnvironmentVariable(DataLocator.EnvironmentVariable),
            DataLocator.DefaultStartDirectories());

    internal static string Locate(int task, BabiSize size, BabiPart part, string? path, bool download, string? dataFolder,
        IReadOnlyList<string> startDirectories)
    {
        var relative = RelativePath(task, size, part);
        if (path is not null)
        {
            // The explicit folder is a babi/ folder: look for en[-10k]/file in it.
            var file = Path.GetFullPath(Path.Combine(path, relative["babi/".Length..]));
            return File.Exists(file) ? file : throw new FileNotFoundException(
                $"bAbI file {relative["babi/".Length..]} (task {task}) is not in the folder passed ({Path.GetFullPath(path)}).", file);
        }

        var found = DataLocator.Find(relative, null, dataFolder, startDirectories, out var tried);
        if (found is not null)
        {
            return found;
        }

        var cache = DataLocator.CachePath(relative, startDirectories);
        if (!download)
        {
            var known = task == 3 && size == BabiSize.TenK && part == BabiPart.Train
                ? "\nThe course's shared copy of bAbI lacks this one file (see shared/data/babi/README.md); take it from the official archive."
                : "";
            throw new FileNotFoundException(
                $"bAbI task {task} ({size}, {part.ToString().ToLowerInvariant()}): " +
                DataLocator.NotFoundMessage(relative, tried, dataFolder,
                    $"Pass download: true to fetch {SourceUrl} into {Path.GetDirectoryName(Path.GetDirectoryName(cache))}, " +
                    $"or set {DataLocator.EnvironmentVariable} to a folder holding {relative}.") + known, relative);
        }

        BabiDownload.Install(SourceUrl, ArchiveSha256, Path.GetDirectoryName(Path.GetDirectoryName(cache))!);
        return File.Exists(cache) ? cache : throw new FileNotFoundException($"The archive {SourceUrl} did not hold {relative}.", cache);
    }

    /// <summary>Reads the questions of one task's file (see <see cref="Locate(int, BabiSize, BabiPart, string?, bool)"/>).</summary>
    public static IReadOnlyList<BabiQuestion> Load(int task, BabiSize size, BabiPart part, string? path = null, bool download = false)
    {
        var file = Locate(task, size, part, path, download);
        using var reader = new StreamReader(file);
        return BabiParser.Parse(reader, file, task);
    }

    /// <summary>
    /// The questions of several tasks (all 20 by default) one after the other, for joint training. With
    /// <paramref name="skipMissing"/> a task whose file is absent (task 3 of the 10k training set in the course's
    /// shared copy) is left out instead of failing; <paramref name="missing"/> names the tasks left out.
    /// </summary>
    public static IReadOnlyList<BabiQuestion> LoadJoint(BabiSize size, BabiPart part, IEnumerable<int>? tasks, bool skipMissing,
        out IReadOnlyList<int> missing, string? path = null, bool download = false)
    {
        var all = new List<BabiQuestion>();
        var absent = new List<int>();
        foreach (var task in tasks ?? Enumerable.Range(1, TaskCount))
        {
            try
            {
                all.AddRange(Load(task, size, part, path, download));
            }
            catch (FileNotFoundException) when (skipMissing)
            {
                absent.Add(task);
            }
        }

        missing = absent;
        return all;
    }

    /// <summary>The questions of several tasks (all 20 by default); a missing file is an error.</summary>
    public static IReadOnlyList<BabiQuestion> LoadJoint(BabiSize size, BabiPart part, IEnumerable<int>? tasks = null,
        string? path = null, bool download = false) =>
        LoadJoint(size, part, tasks, skipMissing: false, out _, path, download);

    /// <summary>
    /// The papers' validation split: <paramref name="fraction"/> (10%) of each task's training questions, drawn
    /// by <paramref name="generator"/>, are held out; the rest is for training. The split is per task, so a joint
    /// set keeps every task in both parts; both parts keep the file order.
    /// </summary>
    /// <param name="questions">The training questions.</param>
    /// <param name="fraction">The share held out, in (0, 1).</param>
    /// <param name="generator">Draws which questions (or stories) are held out.</param>
    /// <param name="by_story">
    /// Hold out whole stories (<see cref="BabiQuestion.StoryLine"/>), <paramref name="fraction"/> of each task's stories,
    /// instead of single questions. The questions of one story share its statements; in tasks such as 17 and 18 a
    /// story of two statements carries eight questions, so a question-level split puts questions about the same
    /// statements in both parts, and a model that memorizes stories scores far better on validation than on the test
    /// set (DMN+ on 10k task 17: 0.7% against 9.0%). The papers do not say which they held out.
    /// </param>
    public static (IReadOnlyList<BabiQuestion> Train, IReadOnlyList<BabiQuestion> Validation) SplitValidation(
        IReadOnlyList<BabiQuestion> questions, double fraction, Generator generator, bool by_story = false)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(generator);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), $"SplitValidation: fraction must be in (0, 1), got {fraction}.");
        }

        var held = new HashSet<int>();
        foreach (var task in Enumerable.Range(0, questions.Count).GroupBy(i => questions[i].Task).OrderBy(g => g.Key))
        {
            // The units drawn: single questions, or the questions of one story (in file order of their first question).
            var units = by_story
                ? task.GroupBy(i => questions[i].StoryLine == 0 ? (questions[i].Source, -1 - i) : (questions[i].Source, questions[i].StoryLine))
                    .Select(g => g.ToArray()).ToArray()
                : [.. task.Select(i => new[] { i })];
            for (var i = units.Length - 1; i > 0; i--)
            {
                var j = generator.NextInt(0, i + 1);
                (units[i], units[j]) = (units[j], units[i]);
            }

            var count = (int)Math.Round(units.Length * fraction);
            held.UnionWith(units.Take(count).SelectMany(u => u));
        }

        return ([.. Enumerable.Range(0, questions.Count).Where(i => !held.Contains(i)).Select(i => questions[i])],
                [.. Enumerable.Range(0, questions.Count).Where(held.Contains).Select(i => questions[i])]);
    }

    internal static void CheckTask(int task)
    {
        if (task < 1 || task > TaskCount)
        {
            throw new ArgumentOutOfRangeException(nameof(task), $"bAbI has tasks 1–{TaskCount}, got {task}.");
        }
    }
}
