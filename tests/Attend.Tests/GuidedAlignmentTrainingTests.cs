using Attend.Seq2Seq;
using Attend.Seq2Seq.Recipes;
using Xunit.Abstractions;

namespace Attend.Tests;

/// <summary>
/// The date-normalization recipe, trained once without and once with the guide from the same seed (same data, same
/// initial weights, same batches; only the loss differs). Quick mode: 5,000 training dates, 2 epochs of batches of
/// 64, a 64-unit BiGRU with 16-dimensional character embeddings, Adam at 1e-2; 500 validation dates measured after
/// each epoch, 1,000 test dates at the end. The guide is λ = 1 during epoch 1 only.
/// </summary>
/// <remarks>
/// Measured at seed 0 (OpenBLAS GEMM), validation after epoch 1 → 2:
/// <code>
///            exact match      alignment accuracy     test (1,000): exact, alignment
/// no guide   0.860 → 1.000    0.743 → 0.769          1.000, 0.775
/// guide      0.748 → 1.000    1.000 → 0.997          1.000, 0.997
/// </code>
/// Without the guide the attention never reaches 90 % (it levels off near 0.77 even after 6 epochs of 10,000): the
/// model reads the century from the year's last digits and ends on the last digit instead of the source's &lt;eos&gt;,
/// which its bidirectional annotations make just as informative. The guide does not make exact match rise sooner on
/// this task (it is slightly behind after epoch 1); the tests assert only what was measured to hold.
/// </remarks>
[Collection(DefaultGeneratorCollection.Name)]
public class GuidedAlignmentTrainingTests(DateNormalizationRunsFixture runs, ITestOutputHelper output) : IClassFixture<DateNormalizationRunsFixture>
{
    [Fact]
    public void WithAttentionTheModelNormalizesHeldOutDates()
    {
        output.WriteLine($"no guide ({runs.PlainSeconds:F1} s):\n{runs.Plain}\n\nguide ({runs.GuidedSeconds:F1} s):\n{runs.Guided}");
        Assert.Equal(1000, runs.Plain.Test.Count);
        Assert.True(runs.Plain.Test.ExactMatch >= 0.99, $"no guide: {runs.Plain.Test}");
        Assert.True(runs.Guided.Test.ExactMatch >= 0.99, $"guide: {runs.Guided.Test}");
        Assert.Equal(2, runs.Plain.EpochsToExactMatch(0.99));
        Assert.Equal(2, runs.Guided.EpochsToExactMatch(0.99));
    }

    [Fact]
    public void TheGuideAlignsTheAttentionInTheFirstEpoch()
    {
        var (plain, guided) = (runs.Plain.History, runs.Guided.History);
        output.WriteLine($"alignment accuracy after each epoch: no guide {string.Join(", ", plain.Select(e => e.AlignmentAccuracy.ToString("F3")))}; " +
                         $"guide {string.Join(", ", guided.Select(e => e.AlignmentAccuracy.ToString("F3")))}");

        Assert.Equal(1, runs.Guided.EpochsToAlignment(0.9));
        Assert.Null(runs.Plain.EpochsToAlignment(0.9)); // not within the run (measured: it levels off near 0.77)
        Assert.True(guided[0].AlignmentAccuracy - plain[0].AlignmentAccuracy >= 0.2,
            $"after epoch 1: guide {guided[0].AlignmentAccuracy:F3}, no guide {plain[0].AlignmentAccuracy:F3} (need a margin of 0.2)");

        // Once switched off, the guide's alignment stays: the translation loss alone keeps it.
        Assert.Equal(0, guided[1].GuideWeight);
        Assert.True(runs.Guided.Test.Alignment.Accuracy >= 0.9, $"guide, test: {runs.Guided.Test}");
        Assert.True(guided[1].AlignmentLoss < plain[1].AlignmentLoss);
    }

    [Fact]
    public void TheSameSeedGivesTheSameNumbers()
    {
        var options = new DateNormalizationOptions
        {
            Seed = 3,
            TrainSize = 256,
            ValidationSize = 64,
            TestSize = 64,
            Epochs = 2,
            HiddenSize = 16,
            EmbeddingDim = 8,
            Guide = new GuidedAlignmentSchedule(1.0, 1),
        };
        var a = DateNormalization.Train(options);
        var b = DateNormalization.Train(options);
        Assert.Equal(a.History.Select(e => e with { Seconds = 0 }), b.History.Select(e => e with { Seconds = 0 }));
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Model.parameters().SelectMany(p => p.ToArray()), b.Model.parameters().SelectMany(p => p.ToArray()));
        Assert.Equal(a.Data.Test.Select(e => e.Input), b.Data.Test.Select(e => e.Input));
    }

    [Fact]
    public void DecodeNormalizesTypedDatesAndShowsTheAttention()
    {
        var decoded = DateNormalization.Decode(runs.Guided.Model, ["3 May 1979", "Thursday, 24 December 2037"]);
        Assert.Equal(["1979-05-03", "2037-12-24"], decoded.Select(DateNormalization.Text));
        Assert.Equal(11, decoded[0].Attention!.GetLength(0));          // 10 characters and <eos>
        Assert.Equal("3 May 1979".Length + 1, decoded[0].Attention!.GetLength(1));                // its own characters + <eos>, not the batch's padding
        Assert.Equal("Thursday, 24 December 2037".Length + 1, decoded[1].Attention!.GetLength(1));
    }
}

/// <summary>The two training runs the tests share (trained once, about half a minute on a busy 2-core machine).</summary>
public sealed class DateNormalizationRunsFixture
{
    /// <summary>The quick-mode settings (see <see cref="GuidedAlignmentTrainingTests"/>).</summary>
    public static DateNormalizationOptions Options { get; } = new()
    {
        Seed = 0,
        TrainSize = 5000,
        ValidationSize = 500,
        TestSize = 1000,
        Epochs = 2,
        BatchSize = 64,
        EmbeddingDim = 16,
        HiddenSize = 64,
        LearningRate = 1e-2,
        ClipNorm = 1.0,
    };

    public DateNormalizationRunsFixture()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Plain = DateNormalization.Train(Options);
        PlainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        Guided = DateNormalization.Train(Options with { Guide = new GuidedAlignmentSchedule(1.0, 1) });
        GuidedSeconds = clock.Elapsed.TotalSeconds;
    }

    public DateNormalizationRun Plain { get; }

    public DateNormalizationRun Guided { get; }

    public double PlainSeconds { get; }

    public double GuidedSeconds { get; }
}
