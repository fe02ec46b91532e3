using Attend.Ntm.Tasks;
using static Attend.Tests.NnTestHelpers;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>Chapter 5's generated tasks (layouts, seeds, bad parameters) and the bit metrics by hand.</summary>
public class NtmTaskTests
{
    [Fact]
    public void CopyShowsTheSequenceThenADelimiterThenBlanks()
    {
        var batch = new CopyTask(bits: 4).Sample(2, 3, new Generator(801));
        Assert.Equal([7, 2, 5], batch.Inputs.shape);
        Assert.Equal([3, 2, 4], batch.Targets.shape);
        var x = batch.Inputs;
        for (var b = 0; b < 2; b++)
        {
            for (var t = 0; t < 3; t++)
            {
                Assert.Equal(batch.Targets.select(0, t).select(0, b).ToArray(), x.select(0, t).select(0, b).ToArray()[..4]);
                Assert.Equal(0f, x.select(0, t).select(0, b).ToArray()[4]);
            }

            Assert.Equal([0f, 0, 0, 0, 1], x.select(0, 3).select(0, b).ToArray());
            Assert.All(x.narrow(0, 4, 3).select(1, b).ToArray(), v => Assert.Equal(0f, v));
        }

        Assert.All(batch.Targets.ToArray(), v => Assert.True(v is 0f or 1f));
        // The same seed gives the same data; a random length is within the range.
        Assert.Equal(new CopyTask().Sample(1, new Generator(9)).Inputs.ToArray(), new CopyTask().Sample(1, new Generator(9)).Inputs.ToArray());
        var g = new Generator(10);
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(new CopyTask(8, 2, 5).Sample(1, g).OutputSteps, 2, 5);
        }
    }

    [Fact]
    public void RepeatCopyCarriesTheNormalizedCountAndAnEndMarker()
    {
        var task = new RepeatCopyTask(bits: 3, min_repeats: 1, max_repeats: 10);
        // Counts 1…10: mean 5.5, variance (10² − 1)/12 = 8.25.
        Close((3 - 5.5) / Math.Sqrt(8.25), task.NormalizedRepeats(3), 1e-6);
        var batch = task.Sample(1, 2, 3, new Generator(802));
        Assert.Equal([2 + 1 + 7, 1, 5], batch.Inputs.shape);
        Assert.Equal([7, 1, 4], batch.Targets.shape);
        var delimiter = batch.Inputs.select(0, 2).select(0, 0).ToArray();
        Assert.Equal(1f, delimiter[3]);
        Close((3 - 5.5) / Math.Sqrt(8.25), delimiter[4], 1e-6);
        for (var r = 0; r < 3; r++)
        {
            for (var t = 0; t < 2; t++)
            {
                Assert.Equal(batch.Inputs.select(0, t).select(0, 0).ToArray()[..3], batch.Targets.select(0, (r * 2) + t).select(0, 0).ToArray()[..3]);
            }
        }

        Assert.Equal([0f, 0, 0, 1], batch.Targets.select(0, 6).select(0, 0).ToArray());
    }

    [Fact]
    public void AssociativeRecallAsksForTheItemAfterTheQuery()
    {
        var task = new AssociativeRecallTask(bits: 4, vectors_per_item: 2);
        var batch = task.Sample(1, 3, new Generator(803));
        // 3 items × (delimiter + 2 vectors) + query delimiter + 2 + query delimiter + 2 answer steps.
        Assert.Equal([9 + 1 + 2 + 1 + 2, 1, 6], batch.Inputs.shape);
        Assert.Equal([2, 1, 4], batch.Targets.shape);
        float[] Step(int t) => batch.Inputs.select(0, t).select(0, 0).ToArray();
        Assert.Equal(1f, Step(0)[4]);
        Assert.Equal(1f, Step(9)[5]);
        Assert.Equal(1f, Step(12)[5]);
        var query = Enumerable.Range(0, 2).Select(k => Step(10 + k)[..4]).ToArray();
        var item = Enumerable.Range(0, 2).Count(i => Step((i * 3) + 1)[..4].SequenceEqual(query[0]) && Step((i * 3) + 2)[..4].SequenceEqual(query[1]));
        Assert.True(item >= 1);
        var found = Enumerable.Range(0, 2).First(i => Step((i * 3) + 1)[..4].SequenceEqual(query[0]) && Step((i * 3) + 2)[..4].SequenceEqual(query[1]));
        Assert.Equal(Step(((found + 1) * 3) + 1)[..4], batch.Targets.select(0, 0).select(0, 0).ToArray());
        Assert.Equal(Step(((found + 1) * 3) + 2)[..4], batch.Targets.select(0, 1).select(0, 0).ToArray());
    }

    [Fact]
    public void MetricsAreBitsAndWrongBitsPerSequence()
    {
        // Two sequences, one step of two bits. Logits 0 → p = ½ costs exactly 1 bit per output bit.
        var logits = torch.tensor(new float[] { 0, 0, 2, -3 }, [1, 2, 2]);
        var targets = torch.tensor(new float[] { 1, 0, 1, 1 }, [1, 2, 2]);
        double Bits(double logit, double target) => -((target * Math.Log2(Sigmoid(logit))) + ((1 - target) * Math.Log2(1 - Sigmoid(logit))));
        var expected = (2 + Bits(2, 1) + Bits(-3, 1)) / 2;
        Close(expected, SequenceMetrics.BitsPerSequence(logits, targets).item(), 1e-5);
        // Logit 0 thresholds to 0: sequence 0 gets bit 0 wrong; sequence 1 gets bit 1 wrong.
        Assert.Equal([1, 1], SequenceMetrics.BitErrors(logits, targets));
        Assert.Equal(1.0, SequenceMetrics.BitErrorsPerSequence(logits, targets));
        Throws(() => SequenceMetrics.BitErrors(logits, torch.zeros(1, 2, 3)), "targets", "[1, 2, 2]", "[1, 2, 3]");
    }

    [Fact]
    public void ImpossibleTaskParametersAreNamed()
    {
        Throws(() => new CopyTask(8, 5, 3), "max_length", "min_length = 5", "max_length = 3");
        Throws(() => new CopyTask(0), "bits", "got 0");
        Throws(() => new CopyTask().Sample(1, 0, new Generator(1)), "length", "got 0");
        Throws(() => new CopyTask().Sample(0, new Generator(1)), "batch", "got 0");
        Throws(() => new RepeatCopyTask(min_repeats: 0), "max_repeats", "min_repeats = 0");
        Throws(() => new AssociativeRecallTask(min_items: 1), "min_items", "min_items = 1");
        Throws(() => new AssociativeRecallTask().Sample(1, 1, new Generator(1)), "items", "got 1");
    }
    [Fact]
    public void AnEasierRepeatCopyStageKeepsTheFullTasksCountNormalisation()
    {
        var task = new RepeatCopyTask(bits: 3, min_repeats: 1, max_repeats: 10);
        var stage = task.Easier(max_length: 2, max_repeats: 3);
        Assert.Equal(3, stage.MaxRepeats);
        Assert.Equal(2, stage.MaxLength);
        // The count 3 is fed as the full task feeds it, not as a 1…3 task would (where 3 would read +1.22).
        Close((3 - 5.5) / Math.Sqrt(8.25), stage.NormalizedRepeats(3), 1e-6);
        var batch = stage.Sample(1, 2, 3, new Generator(803));
        Close((3 - 5.5) / Math.Sqrt(8.25), batch.Inputs.select(0, 2).select(0, 0).ToArray()[4], 1e-6);
        Throws(() => task.Easier(11, 3), "max_length", "max_length = 11");
    }

    [Fact]
    public void CurriculaRampTheSizeLimitLinearlyThenHoldIt()
    {
        // From 2 to 10 over 900 sequences: nine values, each for a ninth of the ramp.
        Assert.Equal(2, Attend.Ntm.Recipes.Curricula.Ramp(0, 900, 2, 10));
        Assert.Equal(2, Attend.Ntm.Recipes.Curricula.Ramp(99, 900, 2, 10));
        Assert.Equal(3, Attend.Ntm.Recipes.Curricula.Ramp(100, 900, 2, 10));
        Assert.Equal(10, Attend.Ntm.Recipes.Curricula.Ramp(899, 900, 2, 10));
        Assert.Equal(10, Attend.Ntm.Recipes.Curricula.Ramp(5000, 900, 2, 10));
        var recall = Attend.Ntm.Recipes.Curricula.AssociativeRecall(new AssociativeRecallTask(min_items: 2, max_items: 6), over: 500);
        Assert.Equal(2, ((AssociativeRecallTask)recall(0)).MaxItems);
        Assert.Equal(6, ((AssociativeRecallTask)recall(500)).MaxItems);
        var repeat = Attend.Ntm.Recipes.Curricula.RepeatCopy(new RepeatCopyTask(), over: 1000, start_length: 3, start_repeats: 1);
        var first = (RepeatCopyTask)repeat(0);
        Assert.Equal((3, 1), (first.MaxLength, first.MaxRepeats));
        Assert.Same(first, repeat(1));
        Throws(() => Attend.Ntm.Recipes.Curricula.Copy(new CopyTask(max_length: 20), over: 100, start_length: 30), "start_length", "got 30");
        Throws(() => Attend.Ntm.Recipes.Curricula.Copy(new CopyTask(), over: 0), "over", "got 0");
    }
    [Fact]
    public void AnAdaptiveCurriculumMovesOnOnlyWhenTheStageIsLearned()
    {
        // Repeat copy from 2 to 10: nine stages (L ≤ k, R ≤ k). Window 3, threshold 0.01 bits per target bit.
        var curriculum = Attend.Ntm.Recipes.AdaptiveCurriculum.RepeatCopy(new RepeatCopyTask(), start: 2, threshold: 0.01, window: 3);
        Assert.Equal(9, curriculum.Stages.Count);
        Assert.Equal((2, 2), (((RepeatCopyTask)curriculum.Current).MaxLength, ((RepeatCopyTask)curriculum.Current).MaxRepeats));
        // 100 target bits: 0.5 bits is 0.005 per bit, 5 bits is 0.05. Two good batches are not a full window yet.
        Assert.False(curriculum.Observe(0.5, 100, 32));
        Assert.False(curriculum.Observe(0.5, 100, 64));
        // (0.005 + 0.005 + 0.05) / 3 = 0.02: not yet.
        Assert.False(curriculum.Observe(5, 100, 96));
        Assert.False(curriculum.Observe(0.5, 100, 128));   // window 0.005, 0.05, 0.005: 0.02
        Assert.False(curriculum.Observe(0.5, 100, 160));   // window 0.05, 0.005, 0.005: 0.02
        Assert.Equal(0.02, curriculum.RecentCost, 6);
        Assert.Equal(0, curriculum.Stage);
        Assert.True(curriculum.Observe(0.5, 100, 192));    // window 0.005 × 3: learned
        Assert.Equal(1, curriculum.Stage);
        Assert.Equal(new[] { 192 }, curriculum.AdvancedAt);
        Assert.Equal((3, 3), (((RepeatCopyTask)curriculum.Current).MaxLength, ((RepeatCopyTask)curriculum.Current).MaxRepeats));
        // The count channel keeps the full task's normalisation at every stage.
        Assert.Equal(new RepeatCopyTask().NormalizedRepeats(3), ((RepeatCopyTask)curriculum.Current).NormalizedRepeats(3));
        // The window starts afresh with the new stage.
        Assert.False(curriculum.Observe(0.1, 100, 224));
        Assert.False(curriculum.Observe(0.1, 100, 256));
        Assert.True(curriculum.Observe(0.1, 100, 288));
        Assert.Equal(2, curriculum.Stage);

        var recall = Attend.Ntm.Recipes.AdaptiveCurriculum.AssociativeRecall(new AssociativeRecallTask(min_items: 2, max_items: 6), start_items: 3);
        Assert.Equal(new[] { 3, 4, 5, 6 }, recall.Stages.Select(s => ((AssociativeRecallTask)s).MaxItems));
        Throws(() => Attend.Ntm.Recipes.AdaptiveCurriculum.RepeatCopy(new RepeatCopyTask(), start: 11), "start", "got 11");
        Throws(() => new Attend.Ntm.Recipes.AdaptiveCurriculum([new CopyTask(bits: 8), new CopyTask(bits: 4)]), "stages", "9/8, 5/4");
        Throws(() => curriculum.Observe(1, 0, 10), "targetBits", "got 0");
    }
}
