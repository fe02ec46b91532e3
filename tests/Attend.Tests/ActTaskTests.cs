using Attend.Act;

namespace Attend.Tests;

/// <summary>The generated parity and logic tasks.</summary>
public class ActTaskTests
{
    [Fact]
    public void ParityInputsHaveOneToSizeNonZeroEntriesAndTheParityOfThePlusOnes()
    {
        var task = ParityTask.Generate(500, 8, new Generator(3));
        Assert.Equal([500, 8], task.Inputs.shape);
        var x = task.Inputs.ToArray();
        var y = task.Targets.ToArray();
        for (var e = 0; e < 500; e++)
        {
            var row = x.AsSpan(e * 8, 8).ToArray();
            Assert.All(row, v => Assert.Contains(v, new[] { -1f, 0f, 1f }));
            Assert.Equal(task.Bits[e], row.Count(v => v != 0));
            Assert.Equal(row.Count(v => v == 1) % 2, (int)y[e]);
        }

        Assert.Equal(1, task.Bits.Min());
        Assert.Equal(8, task.Bits.Max());
        Assert.InRange(y.Average(), 0.4, 0.6);
        Assert.Equal(x, ParityTask.Generate(500, 8, new Generator(3)).Inputs.ToArray());
        Assert.NotEqual(x, ParityTask.Generate(500, 8, new Generator(4)).Inputs.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ParityTask.Generate(5, 0, new Generator(1)));
    }

    [Fact]
    public void ParityCurriculumLimitsTheNonZeroEntriesInFullSizeInputs()
    {
        var task = ParityTask.Generate(400, 16, new Generator(5), maxNonZero: 3);
        Assert.Equal([400, 16], task.Inputs.shape);
        var x = task.Inputs.ToArray();
        for (var e = 0; e < 400; e++)
        {
            Assert.Equal(task.Bits[e], x.AsSpan(e * 16, 16).ToArray().Count(v => v != 0));
        }

        Assert.Equal(1, task.Bits.Min());
        Assert.Equal(3, task.Bits.Max());
        // maxNonZero = size is the task itself, draw for draw.
        Assert.Equal(ParityTask.Generate(50, 16, new Generator(5)).Inputs.ToArray(),
                     ParityTask.Generate(50, 16, new Generator(5), maxNonZero: 16).Inputs.ToArray());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ParityTask.Generate(5, 16, new Generator(1), maxNonZero: 17));
        Assert.Equal("maxNonZero", error.ParamName);
        Assert.Contains("17", error.Message);
    }

    [Fact]
    public void ParityMinNonZeroDrawsFromTheUpperCounts()
    {
        var task = ParityTask.Generate(400, 16, new Generator(6), maxNonZero: 9, minNonZero: 6);
        var x = task.Inputs.ToArray();
        for (var e = 0; e < 400; e++)
        {
            Assert.Equal(task.Bits[e], x.AsSpan(e * 16, 16).ToArray().Count(v => v != 0));
        }

        Assert.Equal(6, task.Bits.Min());
        Assert.Equal(9, task.Bits.Max());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ParityTask.Generate(5, 16, new Generator(1), maxNonZero: 4, minNonZero: 5));
        Assert.Equal("minNonZero", error.ParamName);
        Assert.Contains("5", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ParityTask.Generate(5, 16, new Generator(1), minNonZero: 0));
    }

    [Fact]
    public void CurriculumBatchMixesAnEasyShareWithTheFrontier()
    {
        var options = new ActOptions { Bits = 32, BatchSize = 100, CurriculumStart = 1, CurriculumEasyShare = 0.25, CurriculumFrontier = 3 };
        var batch = ActTraining.CurriculumBatch(options, 20, new Generator(7));
        Assert.Equal([100, 32], batch.Inputs.shape);
        Assert.Equal(100, batch.Targets.size(0));
        // The first quarter over everything reached, [1, 20]; the rest at the frontier, [18, 20].
        Assert.All(batch.Bits[..25], k => Assert.InRange(k, 1, 20));
        Assert.Contains(batch.Bits[..25], k => k < 18);
        Assert.All(batch.Bits[25..], k => Assert.InRange(k, 18, 20));
        var x = batch.Inputs.ToArray();
        var y = batch.Targets.ToArray();
        for (var e = 0; e < 100; e++)
        {
            var row = x.AsSpan(e * 32, 32).ToArray();
            Assert.Equal(batch.Bits[e], row.Count(v => v != 0));
            Assert.Equal(row.Count(v => v == 1f) % 2, (int)y[e]);
        }

        // Near the start the frontier is clipped at 1; an easy share of 1 (the default) is one plain draw.
        Assert.All(ActTraining.CurriculumBatch(options, 2, new Generator(7)).Bits, k => Assert.InRange(k, 1, 2));
        var plain = options with { CurriculumEasyShare = 1 };
        Assert.Equal(ParityTask.Generate(100, 32, new Generator(8), maxNonZero: 20).Inputs.ToArray(),
                     ActTraining.CurriculumBatch(plain, 20, new Generator(8)).Inputs.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(options with { CurriculumEasyShare = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(options with { CurriculumFrontier = 0 }));
    }

    [Fact]
    public void GatesComputeTheirTruthTables()
    {
        int[][] tables =
        [
            [0, 0, 0, 1], [0, 1, 1, 1], [0, 1, 1, 0], [1, 1, 1, 0], [1, 0, 0, 0],
            [1, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 1, 1], [1, 1, 0, 1],
        ]; // (a, b) = (0, 0), (0, 1), (1, 0), (1, 1)
        for (var g = 0; g < 10; g++)
        {
            Assert.Equal(tables[g], new[] { LogicTask.Apply(g, 0, 0), LogicTask.Apply(g, 0, 1), LogicTask.Apply(g, 1, 0), LogicTask.Apply(g, 1, 1) });
        }
    }

    [Fact]
    public void LogicTargetsFollowTheGatesStepByStep()
    {
        var task = LogicTask.Generate(200, 4, 5, new Generator(9));
        Assert.Equal([200, 4, 102], task.Inputs.shape);
        var x = task.Inputs.ToArray();
        var y = task.Targets.ToArray();
        var mask = task.Mask.ToArray();
        for (var e = 0; e < 200; e++)
        {
            var (a, b) = ((int)x[e * 4 * 102], (int)x[(e * 4 * 102) + 1]);
            for (var t = 0; t < 4; t++)
            {
                var offset = ((e * 4) + t) * 102;
                var k = task.Gates[e, t];
                Assert.Equal(k > 0 ? 1f : 0f, mask[(e * 4) + t]);
                if (t > 0)
                {
                    Assert.Equal(0f, x[offset] + x[offset + 1]); // the bits come on the first step only
                }

                for (var i = 0; i < 10; i++)
                {
                    var slot = x.AsSpan(offset + 2 + (i * 10), 10).ToArray();
                    Assert.Equal(i < k ? 1f : 0f, slot.Sum());
                    if (i < k)
                    {
                        (a, b) = (b, LogicTask.Apply(Array.IndexOf(slot, 1f), a, b));
                    }
                }

                if (k > 0)
                {
                    Assert.InRange(k, 1, 5);
                    Assert.Equal(b, (int)y[(e * 4) + t]);
                }
            }
        }

        Assert.Contains(0, task.Gates.Cast<int>()); // some sequences are shorter than 4
        Assert.Throws<ArgumentOutOfRangeException>(() => LogicTask.Generate(5, 3, 11, new Generator(1)));
    }

    [Fact]
    public void EvaluationGroupsPonderAndErrorsByDifficulty()
    {
        // Four measured outputs: difficulties 1, 1, 2, 3; ponder 1, 2, 3, 4; the first and third wrong.
        var evaluation = new ActEvaluation(2, 4, [1, 1, 2, 3], [1, 2, 3, 4], [true, false, true, false]);
        Assert.Equal([(1, 1.5), (2, 3.0), (3, 4.0)], evaluation.PonderByDifficulty());
        Assert.Equal([(1, 0.5), (2, 1.0), (3, 0.0)], evaluation.ErrorByDifficulty());
        Assert.Equal(0.5, evaluation.ErrorRate);
        Assert.Throws<InvalidOperationException>(() => (evaluation with { Wrong = null }).ErrorByDifficulty());
    }
}
