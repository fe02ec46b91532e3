using Attend.Act;
using Xunit.Abstractions;

namespace Attend.Tests;

/// <summary>ACT learns parity from a fixed seed; runs are reproducible. (Training seeds the default generator.)</summary>
[Collection(DefaultGeneratorCollection.Name)]
public class ActLearningTests(ITestOutputHelper output)
{
    /// <summary>
    /// 8-bit parity, a tanh RNN of 128 units with ACT (τ = 10⁻³), batches of 128, Adam at 10⁻², 3,000 batches
    /// (about 45 s on a busy 2-core machine; the error crosses 10 % near 2,000 batches): the held-out sequence error falls from chance (≈ 50 %) to under 5 %.
    /// </summary>
    [Fact]
    public void ActLearnsEightBitParityFromAFixedSeed()
    {
        var run = ActTraining.Train(new ActOptions { Bits = 8, Steps = 3000, LearningRate = 1e-2, Tau = 1e-3, EvaluateEvery = 500 });
        foreach (var c in run.History)
        {
            output.WriteLine($"{c.Step}: loss {c.Loss:0.0000}, error {c.ErrorRate:P1}, ponder {c.MeanPonder:0.00}, {c.Seconds:0.0} s");
        }

        Assert.True(run.History[0].ErrorRate > 0.3, $"the first checkpoint should still be near chance, got {run.History[0].ErrorRate:P1}");
        Assert.True(run.Test.ErrorRate < 0.05, $"held-out sequence error {run.Test.ErrorRate:P1} after 3,000 batches; expected < 5 %");
        Assert.True(run.Test.MeanPonder >= 1, "every example takes at least one ponder step");
        Assert.Equal(1000, run.Test.PonderSteps.Length);
    }

    [Fact]
    public void SameSeedSameLosses()
    {
        var options = new ActOptions { Bits = 6, HiddenSize = 16, BatchSize = 16, Steps = 6, TestSize = 50, EvaluateEvery = 3, LearningRate = 1e-2 };
        var first = ActTraining.Train(options);
        var second = ActTraining.Train(options);
        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(first.Test, second.Test with { }, new EvaluationComparer());
        var other = ActTraining.Train(options with { Seed = 1 });
        Assert.NotEqual(first.Losses, other.Losses);
        // τ only enters the loss: the first batch's task loss (same weights, same batch) is the same.
        var penalised = ActTraining.Train(options with { Tau = 0.1 });
        Assert.Equal(first.Losses[0], penalised.Losses[0]);
        Assert.NotEqual(first.Losses[^1], penalised.Losses[^1]);

        var logic = options with { Task = ActTask.Logic, MaxLength = 3, MaxGates = 3, Cell = "lstm" };
        Assert.Equal(ActTraining.Train(logic).Losses, ActTraining.Train(logic).Losses);
    }

    [Fact]
    public void CurriculumRaisesTheNonZeroEntriesAsTheTrainingErrorFalls()
    {
        // 8-bit parity from at most 1 non-zero entry (its sign is the answer): the limit must rise, one at a time,
        // and only after windows with a training error under the threshold; the same seed gives the same levels.
        var options = new ActOptions
        {
            Bits = 8,
            HiddenSize = 32,
            Steps = 600,
            EvaluateEvery = 50,
            TestSize = 200,
            LearningRate = 1e-2,
            CurriculumStart = 1,
            CurriculumWindow = 25,
            CurriculumThreshold = 0.05,
        };
        var run = ActTraining.Train(options);
        var levels = run.History.Select(c => c.MaxNonZero).ToArray();
        Assert.All(levels.Zip(levels.Skip(1)), p => Assert.InRange(p.Second - p.First, 0, 2)); // ≤ 2 windows per checkpoint
        Assert.True(levels[^1] >= 3, $"the curriculum should reach at least 3 non-zero entries in 600 batches; levels: {string.Join(" ", levels)}");
        Assert.Equal(levels, ActTraining.Train(options).History.Select(c => c.MaxNonZero).ToArray());
        // Without a curriculum the checkpoints report the full size.
        Assert.All(ActTraining.Train(options with { CurriculumStart = 0, Steps = 100 }).History, c => Assert.Equal(8, c.MaxNonZero));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(options with { CurriculumStart = 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(options with { CurriculumWindow = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(options with { CurriculumThreshold = 0 }));
        Assert.Throws<ArgumentException>(() => ActTraining.Train(options with { Task = ActTask.Logic }));
    }

    [Fact]
    public void InputScaleMultipliesTrainingAndHeldOutInputs()
    {
        var options = new ActOptions { Bits = 6, HiddenSize = 16, BatchSize = 16, Steps = 6, TestSize = 50, EvaluateEvery = 3, LearningRate = 1e-2, Seed = 2 };
        var scaled = ActTraining.Train(options with { InputScale = 4 });
        Assert.Equal(scaled.Losses, ActTraining.Train(options with { InputScale = 4 }).Losses);
        // Same weights, same batch, larger inputs: a different first loss.
        Assert.NotEqual(ActTraining.Train(options).Losses[0], scaled.Losses[0]);
        // The held-out set is scaled too: measuring the trained model on the held-out inputs times 4 gives its result.
        var held = ParityTask.Generate(50, 6, new Generator(2 + 1_000_003));
        var measured = ActTraining.Evaluate(scaled.Model, held with { Inputs = held.Inputs.mul(4f) });
        Assert.Equal(scaled.Test, measured, new EvaluationComparer());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(options with { InputScale = 0 }));
        Assert.Contains("InputScale", error.Message);
    }

    private sealed class EvaluationComparer : IEqualityComparer<ActEvaluation>
    {
        public bool Equals(ActEvaluation? x, ActEvaluation? y) =>
            x is not null && y is not null && x.Errors == y.Errors && x.Difficulty.SequenceEqual(y.Difficulty) &&
            x.PonderSteps.SequenceEqual(y.PonderSteps);

        public int GetHashCode(ActEvaluation obj) => obj.Errors;
    }
}
