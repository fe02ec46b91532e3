using Attend.Babi;
using Attend.MemN2N;

namespace Attend.Tests;

/// <summary>
/// End-to-end memory networks learn bAbI tasks 1 and 6 of the 1k set from a fixed seed, with the paper's recipe
/// (PE, LS, RN, 3 hops, SGD at 0.01 halved on schedule, batches of 32 with summed cost, clipping at 40): linear start
/// until the validation loss stops falling (at most 20 epochs), then 60 epochs, checked on the 1,000 test questions.
/// Budgets: task 1 about 13 s, task 6 about 56 s in Release on the shared 2-core machine under very heavy load
/// (load average about 50); tasks 15 and 16 with the authors' code's model about 30 s (load average about 30). The
/// data come from the course's shared copy of bAbI (or
/// <c>ATTEND_DATA</c>).
/// </summary>
public class MemN2NLearningTests
{
    private static (IReadOnlyList<BabiEncoded> Train, IReadOnlyList<BabiEncoded> Valid, IReadOnlyList<BabiEncoded> Test, BabiVocabulary Vocabulary)
        Task(int task)
    {
        var train = BabiData.Load(task, BabiSize.OneK, BabiPart.Train);
        var test = BabiData.Load(task, BabiSize.OneK, BabiPart.Test);
        var vocabulary = BabiVocabulary.Build(train.Concat(test));
        var (fit, valid) = BabiData.SplitValidation(train, 0.1, new Generator(0));
        IReadOnlyList<BabiEncoded> Encode(IEnumerable<BabiQuestion> q) => [.. q.Select(x => vocabulary.Encode(x))];
        return (Encode(fit), Encode(valid), Encode(test), vocabulary);
    }

    [Fact]
    public void Task1SingleSupportingFactIsLearnedAndTheHopsFindTheFact()
    {
        var (train, valid, test, vocabulary) = Task(1);
        var run = MemN2NTraining.Train(new MemN2NOptions(vocabulary.Count, Dim: 20), train, valid,
            new MemN2NTrainingOptions(Epochs: 60, AnnealEvery: 15, Seed: 0));
        Assert.False(run.Diverged);
        Assert.True(run.Losses[^1] < 0.3 * run.Losses[0], $"training loss {run.Losses[0]:F3} → {run.Losses[^1]:F3}");

        // The paper reaches 0% error on task 1. Threshold: 95% accuracy.
        var errors = MemN2NTraining.Evaluate(run.Model, test);
        Assert.True(errors.PerTask[1] <= 0.05, $"task 1 test error {errors.PerTask[1]:P1}");

        // Where it looks: at some hop, the most attended sentence is the supporting fact ("Mary went to the kitchen").
        var hits = 0;
        using (torch.no_grad())
        {
            foreach (var batch in new BabiBatcher(test, 100, run.Model.options.MemorySize).InOrder())
            {
                var attention = run.Model.call(batch).Attention.Select(a => a.argmax(1).ToArray()).ToArray();
                for (var i = 0; i < batch.Size; i++)
                {
                    var fact = batch.Slots[i][batch.Examples[i].Supporting[0]];
                    hits += attention.Any(hop => (int)hop[i] == fact) ? 1 : 0;
                }
            }
        }

        // Threshold 0.8 of the questions (chance: about 1/5 per hop for stories of 2–14 sentences).
        Assert.True(hits >= 0.8 * test.Count, $"a hop's most attended sentence is the supporting fact in {hits} of {test.Count}");
    }

    [Fact]
    public void Task6YesNoQuestionsAreLearnedAboveChance()
    {
        // Yes/no questions ("Is Mary in the kitchen?") alone are harder to learn than task 1 (the paper: 2.9% error
        // with best of 10 runs of 100 epochs; here one run of 60 epochs after linear start, d = 50, seed 0).
        // Chance is 50%; threshold: 70% accuracy.
        var (train, valid, test, vocabulary) = Task(6);
        var run = MemN2NTraining.Train(new MemN2NOptions(vocabulary.Count, Dim: 50), train, valid,
            new MemN2NTrainingOptions(Epochs: 60, AnnealEvery: 25, Seed: 0));
        var errors = MemN2NTraining.Evaluate(run.Model, test);
        Assert.True(errors.PerTask[6] <= 0.30, $"task 6 test error {errors.PerTask[6]:P1}");
    }

    [Fact]
    public void TheAuthorsCodesModelLearnsDeductionAndInductionJointly()
    {
        // Tasks 15 (deduction) and 16 (induction) trained together with the authors' released code's model and joint
        // configuration (MemN2NOptions.AuthorsCode, d = 50; Joint1k: 30 linear epochs, 60 annealed, time-gap noise,
        // per-matrix clipping), seed 0. Built as the paper's text describes it, the joint 1k model of chapter 6 failed
        // task 16 (about 50% error); the paper reports 0.0% and 2.7%. Threshold: both tasks at most 5% (a pass in
        // the paper's sense).
        var train = BabiData.Load(15, BabiSize.OneK, BabiPart.Train).Concat(BabiData.Load(16, BabiSize.OneK, BabiPart.Train)).ToList();
        var test = BabiData.Load(15, BabiSize.OneK, BabiPart.Test).Concat(BabiData.Load(16, BabiSize.OneK, BabiPart.Test)).ToList();
        var vocabulary = BabiVocabulary.Build(train.Concat(test));
        var (fit, valid) = BabiData.SplitValidation(train, 0.1, new Generator(0));
        IReadOnlyList<BabiEncoded> Encode(IEnumerable<BabiQuestion> q) => [.. q.Select(x => vocabulary.Encode(x))];
        var longest = train.Concat(test).Max(q => Math.Max(q.Question.Length, q.Story.Max(s => s.Length)));
        var run = MemN2NTraining.Train(MemN2NOptions.AuthorsCode(vocabulary.Count, longest), Encode(fit), Encode(valid),
            MemN2NTrainingOptions.Joint1k);
        var errors = MemN2NTraining.Evaluate(run.Model, Encode(test));
        Assert.True(errors.PerTask[15] <= 0.05 && errors.PerTask[16] <= 0.05,
            $"task 15 test error {errors.PerTask[15]:P1}, task 16 {errors.PerTask[16]:P1}");
    }
}
