using Attend.Babi;

namespace Attend.Tests;

/// <summary>The bAbI loader on hand-written story files: the format, multi-word answers, supporting facts, errors
/// that name file and line, the memory window, the vocabulary, padding and noise, the validation split, and the
/// real files of the course's shared copy (1k task 1, and the missing 10k task 3).</summary>
public class BabiDataTests
{
    // Two stories: the first has a space before the tab (as tasks 1–3, 5–14), the second none (as 4, 15–20).
    private const string Story =
        "1 Mary moved to the bathroom.\n" +
        "2 John went to the hallway.\n" +
        "3 Where is Mary? \tbathroom\t1\n" +
        "4 Daniel went back to the hallway.\n" +
        "5 Where is Daniel? \thallway\t4\n" +
        "1 The kitchen is north of the garden.\n" +
        "2 The office is west of the garden.\n" +
        "3 How do you go from the kitchen to the office?\ts,w\t1 2\n";

    private static IReadOnlyList<BabiQuestion> Parse(string text, int task = 1) =>
        BabiParser.Parse(new StringReader(text), "story.txt", task);

    [Fact]
    public void QuestionsHoldTheStatementsBeforeThemButNotEarlierQuestions()
    {
        var questions = Parse(Story);
        Assert.Equal(3, questions.Count);

        var first = questions[0];
        Assert.Equal(2, first.Story.Count);
        Assert.Equal(["mary", "moved", "to", "the", "bathroom"], first.Story[0]);
        Assert.Equal(["where", "is", "mary"], first.Question);
        Assert.Equal(["bathroom"], first.Answer);
        Assert.Equal([0], first.Supporting);
        Assert.Equal(3, first.Line);
        Assert.Equal("story.txt", first.Source);

        // Statement 4 follows question 3: memory holds ids 1, 2, 4 (the question line is not a memory).
        var second = questions[1];
        Assert.Equal([1, 2, 4], second.StoryIds);
        Assert.Equal(["daniel", "went", "back", "to", "the", "hallway"], second.Story[2]);
        Assert.Equal([2], second.Supporting); // id 4 is the third statement

        // A new story starts at id 1; a path answer has two words and two supporting facts.
        var third = questions[2];
        Assert.Equal(2, third.Story.Count);
        Assert.Equal(["s", "w"], third.Answer);
        Assert.Equal("s,w", third.AnswerText);
        Assert.Equal([0, 1], third.Supporting);
        Assert.Equal(["how", "do", "you", "go", "from", "the", "kitchen", "to", "the", "office"], third.Question);
    }

    [Theory]
    [InlineData("1 Mary went home.\nMary went home.\n", 2, "line id")]
    [InlineData("1 Mary went home.\n3 John left.\n", 2, "should be 1")]
    [InlineData("1 Mary went home.\n2 Where is Mary?\thome\n", 2, "3 tab-separated columns")]
    [InlineData("1 Mary went home.\n2 Where is Mary?\thome\t5\n", 2, "supporting fact id 5")]
    [InlineData("1 Mary went home.\n2 Where is Mary?\thome\t1\n3 Where is Mary?\thome\t2\n", 3, "supporting fact id 2")]
    [InlineData("1 Mary went home.\n2 Where is Mary?\thome\tx\n", 2, "not a whole number")]
    [InlineData("1 Mary went home.\n2 Where is Mary?\t\t1\n", 2, "empty")]
    public void AMalformedLineIsAnErrorNamingTheFileAndLine(string text, int line, string why)
    {
        var error = Assert.Throws<FormatException>(() => Parse(text));
        Assert.Contains($"story.txt line {line}:", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void TheMemoryWindowKeepsTheMostRecentSentences()
    {
        var lines = Enumerable.Range(1, 60).Select(i => $"{i} Mary went to room{i}.").ToList();
        lines.Add("61 Where is Mary?\troom60\t60 5");
        var question = Parse(string.Join("\n", lines)).Single();
        var vocabulary = BabiVocabulary.Build([question]);

        var encoded = vocabulary.Encode(question, window: 50);
        Assert.Equal(50, encoded.Sentences.Length);
        Assert.Equal(10, encoded.Offset);
        Assert.Equal(vocabulary["room11"], encoded.Sentences[0][3]); // the oldest kept is statement 11
        Assert.Equal(vocabulary["room60"], encoded.Sentences[^1][3]);
        Assert.Equal([49], encoded.Supporting);                       // statement 5 fell out of the window
        Assert.Equal(vocabulary["room60"], encoded.Answer);

        Assert.Equal(60, vocabulary.Encode(question, window: 100).Sentences.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Encode(question, window: 0));
    }

    [Fact]
    public void TheVocabularyReservesNilAndUnknownAndTreatsAMultiWordAnswerAsOneToken()
    {
        var questions = Parse(Story);
        var vocabulary = BabiVocabulary.Build(questions);
        Assert.Equal(0, vocabulary[BabiVocabulary.Nil]);
        Assert.Equal(1, vocabulary[BabiVocabulary.Unknown]);
        Assert.Equal(1, vocabulary["zebra"]);
        Assert.True(vocabulary.Contains("s,w"));
        Assert.Equal(vocabulary["s,w"], vocabulary.Encode(questions[2]).Answer);
        Assert.Equal("s,w", vocabulary.Word(vocabulary["s,w"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Word(vocabulary.Count));

        // Ids follow the words' ordinal order, whatever order the questions come in.
        var reversed = BabiVocabulary.Build(questions.Reverse());
        Assert.Equal(vocabulary.Count, reversed.Count);
        Assert.All(Enumerable.Range(0, vocabulary.Count), i => Assert.Equal(vocabulary.Word(i), reversed.Word(i)));
    }

    [Fact]
    public void BatchesPadSentencesAndSlotsAndCountAgesFromTheMostRecent()
    {
        var questions = Parse(Story);
        var vocabulary = BabiVocabulary.Build(questions);
        var encoded = questions.Select(q => vocabulary.Encode(q)).ToList();
        var batch = new BabiBatcher(encoded, batch_size: 3, memory_size: 5).Batch([0, 1, 2]);

        Assert.Equal([3, 3, 7], batch.Memory.shape);      // 3 slots (question 2), 7 words ("the kitchen is north of the garden")
        Assert.Equal([3, 10], batch.Question.shape);      // the path question has 10 words
        Assert.Equal([1, 1, 0, 1, 1, 1, 1, 1, 0], batch.MemoryMask.ToArray());
        Assert.Equal([1, 0, 0, 2, 1, 0, 1, 0, 0], batch.Time.ToArray());   // ages: the last slot is 0
        Assert.Equal(5, batch.MemoryLengths[0, 0]);
        Assert.Equal(0, batch.MemoryLengths[0, 2]);
        Assert.Equal(6, batch.MemoryLengths[1, 2]);
        Assert.Equal(7, batch.MemoryLengths[2, 0]);
        Assert.Equal([3, 3, 10], batch.QuestionLengths);
        Assert.Equal(vocabulary["daniel"], batch.Memory.ToArray()[(1 * 3 + 2) * 7]);
        Assert.Equal(0, batch.Memory.ToArray()[(0 * 3 + 0) * 7 + 5]);      // padding word
        Assert.Equal([vocabulary["bathroom"], vocabulary["hallway"], vocabulary["s,w"]], batch.Answer.ToArray());
        Assert.Equal([0, 1], batch.Slots[0]);
    }

    [Fact]
    public void RandomNoiseInsertsEmptyMemoriesWithinTheMemorySize()
    {
        var lines = Enumerable.Range(1, 40).Select(i => $"{i} Mary went to room{i}.").Append("41 Where is Mary?\troom40\t40");
        var question = Parse(string.Join("\n", lines)).Single();
        var vocabulary = BabiVocabulary.Build([question]);
        var encoded = new[] { vocabulary.Encode(question) };

        var batcher = new BabiBatcher(encoded, batch_size: 1, memory_size: 44);
        var batch = batcher.Batch([0], noise: 0.5, generator: new Generator(3));
        var slots = batch.Slot;
        Assert.Equal(44, slots);                                            // 40 statements + at most 4 empty memories
        var lengths = Enumerable.Range(0, slots).Select(m => batch.MemoryLengths[0, m]).ToArray();
        Assert.Equal(4, lengths.Count(l => l == 0));                        // the empty memories hold no words…
        Assert.All(batch.MemoryMask.ToArray(), m => Assert.Equal(1f, m));   // …but are real slots
        Assert.Equal(Enumerable.Range(0, 44).Reverse().Select(a => (float)a), batch.Time.ToArray());
        Assert.Equal(40, batch.Slots[0].Distinct().Count());
        Assert.All(batch.Slots[0], s => Assert.Equal(4, batch.MemoryLengths[0, s])); // "mary went to roomN"

        // Same generator seed, same layout; no noise, no empty memory.
        var again = batcher.Batch([0], noise: 0.5, generator: new Generator(3));
        Assert.Equal(batch.Memory.ToArray(), again.Memory.ToArray());
        Assert.Equal(40, batcher.Batch([0]).Slot);

        Assert.Throws<ArgumentException>(() => new BabiBatcher(encoded, 1, memory_size: 39));
        Assert.Throws<ArgumentOutOfRangeException>(() => batcher.Batch([0], noise: 0.1));   // no generator
        Assert.Throws<ArgumentOutOfRangeException>(() => batcher.Batch([1]));
    }

    [Fact]
    public void TimeGapNoiseSpreadsTheAgesWithoutAddingSlots()
    {
        // The authors' noise: 40 statements keep 40 slots; their ages are 40 distinct values from 0…40 + b − 1 with
        // b ≤ ⌈40 · 0.5⌉ = 20 blanks, decreasing from the oldest slot to the most recent.
        var lines = Enumerable.Range(1, 40).Select(i => $"{i} Mary went to room{i}.").Append("41 Where is Mary?\troom40\t40");
        var question = Parse(string.Join("\n", lines)).Single();
        var vocabulary = BabiVocabulary.Build([question]);
        var batcher = new BabiBatcher([vocabulary.Encode(question)], batch_size: 1, memory_size: 70);
        var gapped = new List<float[]>();
        for (var seed = 0; seed < 20; seed++)
        {
            var batch = batcher.Batch([0], noise: 0.5, generator: new Generator(seed), style: BabiNoise.TimeGaps);
            Assert.Equal(40, batch.Slot);
            Assert.All(batch.MemoryMask.ToArray(), m => Assert.Equal(1f, m));
            var ages = batch.Time.ToArray();
            Assert.Equal(40, ages.Distinct().Count());
            Assert.All(Enumerable.Range(1, 39), i => Assert.True(ages[i - 1] > ages[i]));
            Assert.InRange(ages[0], 39f, 59f);
            gapped.Add(ages);
        }

        Assert.Contains(gapped, a => a[0] > 39);                             // some draws have gaps…
        Assert.Equal(gapped[3], batcher.Batch([0], noise: 0.5, generator: new Generator(3), style: BabiNoise.TimeGaps).Time.ToArray());

        // …and ages are capped at memory_size − 1 (they may then repeat at the cap).
        var capped = new BabiBatcher([vocabulary.Encode(question)], batch_size: 1, memory_size: 41);
        Assert.All(Enumerable.Range(0, 10), seed => Assert.True(
            capped.Batch([0], noise: 0.5, generator: new Generator(seed), style: BabiNoise.TimeGaps).Time.ToArray().Max() <= 40));
    }

    [Fact]
    public void TheValidationSplitHoldsOutTenPercentOfEveryTaskReproducibly()
    {
        var questions = Enumerable.Range(0, 300).Select(i => new BabiQuestion(1 + (i % 3), [], [], ["q"], ["a"], [], "f", i)).ToList();
        var (train, valid) = BabiData.SplitValidation(questions, 0.1, new Generator(5));
        Assert.Equal(270, train.Count);
        Assert.Equal(30, valid.Count);
        Assert.All(new[] { 1, 2, 3 }, t => Assert.Equal(10, valid.Count(q => q.Task == t)));
        Assert.Empty(train.Intersect(valid));
        var (_, again) = BabiData.SplitValidation(questions, 0.1, new Generator(5));
        Assert.Equal(valid.Select(q => q.Line), again.Select(q => q.Line));
        var (_, other) = BabiData.SplitValidation(questions, 0.1, new Generator(6));
        Assert.NotEqual(valid.Select(q => q.Line), other.Select(q => q.Line));
        Assert.Throws<ArgumentOutOfRangeException>(() => BabiData.SplitValidation(questions, 1.0, new Generator(5)));
    }

    [Fact]
    public void QuestionsKnowTheLineTheirStoryBeginsOn()
    {
        var questions = Parse(Story);
        Assert.Equal([1, 1, 6], questions.Select(q => q.StoryLine));
        Assert.Equal(0, new BabiQuestion(1, [], [], ["q"], ["a"], [], "f", 3).StoryLine);
    }

    [Fact]
    public void TheValidationSplitByStoryHoldsOutWholeStories()
    {
        // 40 stories of task 1 with 5 questions each and 20 of task 2 with 2: whole stories go, 10% of each task's.
        var text = string.Concat(Enumerable.Range(0, 40).Select(s =>
            $"1 Mary moved to room{s}.\n" + string.Concat(Enumerable.Range(0, 5).Select(k => $"{k + 2} Where is Mary?\troom{s}\t1\n"))));
        var two = string.Concat(Enumerable.Range(0, 20).Select(s => $"1 John went to hall{s}.\n2 Where is John?\thall{s}\t1\n3 Where is John?\thall{s}\t1\n"));
        var questions = Parse(text).Concat(Parse(two, task: 2)).ToList();
        var (train, valid) = BabiData.SplitValidation(questions, 0.1, new Generator(3), by_story: true);
        Assert.Equal(4 * 5, valid.Count(q => q.Task == 1));
        Assert.Equal(2 * 2, valid.Count(q => q.Task == 2));
        Assert.Equal(questions.Count, train.Count + valid.Count);
        var heldStories = valid.Select(q => (q.Task, q.StoryLine)).ToHashSet();
        Assert.DoesNotContain(train, q => heldStories.Contains((q.Task, q.StoryLine)));
        Assert.Equal(valid.Select(q => q.Line), BabiData.SplitValidation(questions, 0.1, new Generator(3), by_story: true).Validation.Select(q => q.Line));

        // Split by question, the same set puts questions of one story on both sides.
        var (byQuestionTrain, byQuestionValid) = BabiData.SplitValidation(questions, 0.1, new Generator(3));
        Assert.Contains(byQuestionValid, v => byQuestionTrain.Any(t => t.Task == v.Task && t.StoryLine == v.StoryLine));

        // Questions not read from a file (StoryLine 0) are each a story of their own.
        var loose = Enumerable.Range(0, 100).Select(i => new BabiQuestion(1, [], [], ["q"], ["a"], [], "f", i)).ToList();
        Assert.Equal(10, BabiData.SplitValidation(loose, 0.1, new Generator(3), by_story: true).Validation.Count);
    }

    [Fact]
    public void FilesAreFoundInAFolderLaidOutLikeSharedData()
    {
        var root = Directory.CreateTempSubdirectory("babi-test").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "babi", "en"));
            File.WriteAllText(Path.Combine(root, "babi", "en", "qa19_path-finding_test.txt"), Story);
            var start = new[] { root };

            var found = BabiData.Locate(19, BabiSize.OneK, BabiPart.Test, null, false, dataFolder: root, start);
            Assert.Equal(Path.Combine(root, "babi", "en", "qa19_path-finding_test.txt"), found);
            Assert.Equal(3, BabiData.Load(19, BabiSize.OneK, BabiPart.Test, path: Path.Combine(root, "babi")).Count);
            Assert.All(BabiData.Load(19, BabiSize.OneK, BabiPart.Test, path: Path.Combine(root, "babi")), q => Assert.Equal(19, q.Task));

            // The 10k training file of task 3 is missing: the error names the file and says why.
            var error = Assert.Throws<FileNotFoundException>(() =>
                BabiData.Locate(3, BabiSize.TenK, BabiPart.Train, null, false, dataFolder: root, start));
            Assert.Contains("en-10k/qa3_three-supporting-facts_train.txt", error.Message.Replace('\\', '/'));
            Assert.Contains("download: true", error.Message);
            Assert.Contains("lacks this one file", error.Message);
            Assert.Throws<FileNotFoundException>(() => BabiData.Load(1, BabiSize.OneK, BabiPart.Train, path: Path.Combine(root, "babi")));
            Assert.Throws<ArgumentOutOfRangeException>(() => BabiData.RelativePath(21, BabiSize.OneK, BabiPart.Train));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheOfficialArchiveIsInstalledIntoTheCacheLayout()
    {
        // A .tar.gz laid out like tasks_1-20_v1-2.tar.gz: its en/ and en-10k/ text files land under the cache's babi/.
        var root = Directory.CreateTempSubdirectory("babi-archive").FullName;
        try
        {
            using var archive = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(archive, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            using (var tar = new System.Formats.Tar.TarWriter(gzip))
            {
                foreach (var (name, text) in new[]
                {
                    ("tasks_1-20_v1-2/en/qa1_single-supporting-fact_train.txt", Story),
                    ("tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact_train.txt", Story),
                    ("tasks_1-20_v1-2/shuffled/qa1_single-supporting-fact_train.txt", "not English"),
                    ("tasks_1-20_v1-2/README", "readme"),
                })
                {
                    var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name)
                    {
                        DataStream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text)),
                    };
                    tar.WriteEntry(entry);
                }
            }

            archive.Position = 0;
            var babi = Path.Combine(root, "babi");
            BabiDownload.InstallFrom(archive, babi);
            Assert.Equal(Story, File.ReadAllText(Path.Combine(babi, "en", "qa1_single-supporting-fact_train.txt")));
            Assert.True(File.Exists(Path.Combine(babi, "en-10k", "qa1_single-supporting-fact_train.txt")));
            Assert.False(Directory.Exists(Path.Combine(babi, "shuffled")));
            Assert.Empty(Directory.GetFiles(babi, "*.partial", SearchOption.AllDirectories));
            Assert.Equal(3, BabiData.Load(1, BabiSize.TenK, BabiPart.Train, path: babi).Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheSharedCopyHasAThousandQuestionsATaskAndListsAndPaths()
    {
        var task1 = BabiData.Load(1, BabiSize.OneK, BabiPart.Train);
        Assert.Equal(1000, task1.Count);
        Assert.Equal(["mary", "moved", "to", "the", "bathroom"], task1[0].Story[0]);
        Assert.Equal("bathroom", task1[0].AnswerText);

        var lists = BabiData.Load(8, BabiSize.OneK, BabiPart.Test);
        Assert.Contains(lists, q => q.Answer.Length >= 2);       // "football,apple"
        Assert.Contains(lists, q => q.AnswerText == "nothing");
        var paths = BabiData.Load(19, BabiSize.OneK, BabiPart.Train);
        Assert.All(paths, q => Assert.Equal(2, q.Answer.Length)); // "n,w"
        Assert.All(paths, q => Assert.Equal(2, q.Supporting.Count));

        var joint = BabiData.LoadJoint(BabiSize.TenK, BabiPart.Train, [2, 3], skipMissing: true, out var missing);
        Assert.Equal([3], missing);
        Assert.Equal(10_000, joint.Count);
    }
}
