using Attend.Act;
using Attend.Modules;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>
/// Finite-difference gradient checks through the ACT ponder loop: the outputs, the mean-field state and the ponder
/// cost (through R), with respect to the inputs and every parameter. Every value comes from the test's own generator.
/// The halting decisions are discrete, so each check first asserts that no running sum lies near the threshold
/// 1 − ε, where a finite difference would jump.
/// </summary>
public class ActGradTests
{
    [Theory]
    [InlineData("rnn", 100)]
    [InlineData("gru", 100)]
    [InlineData("lstm", 100)]
    [InlineData("rnn", 2)] // every example hits the maximum: the last step's weight is the remainder
    public void GradientsThroughThePonderLoopMatchFiniteDifferences(string kind, int maxSteps)
    {
        var g = new Generator(23);
        Module cell = kind switch { "rnn" => new RNNCell(3, 3), "gru" => new GRUCell(3, 3), _ => new LSTMCell(3, 3) };
        var act = new AdaptiveComputationTime(cell, output_size: 2, max_steps: maxSteps);
        // h ≈ σ(−0.5) ≈ 0.38 per step (± a little from the state): sums ≈ 0.38, 0.76, 1.13, so N = 3 mostly.
        ActHaltingTests.Randomize(act, g, haltingBias: -0.5f, haltingScale: 0.05f);
        var x = Leaf(g, 2, 2, 2);
        var result = act.forward(x);
        AssertAwayFromThreshold(result, act.epsilon);
        if (maxSteps == 2)
        {
            Assert.All(result.Steps.Cast<int>(), n => Assert.Equal(2, n));
        }
        else
        {
            Assert.Contains(3, result.Steps.Cast<int>());
        }

        var mix = torch.tensor([0.3f, -0.7f], [1, 1, 2]);
        GradCheckModule(act, [x], xs =>
        {
            var r = act.forward(xs[0]);
            return r.Output.mul(mix).sum().add(r.State.h.sum().mul(0.5f)).add(r.Ponder.sum().mul(0.25f));
        });
    }

    [Fact]
    public void PonderCostPullsTheHaltingProbabilitiesOfTheStepsBeforeTheLastUp()
    {
        // ρ = N + R with R = 1 − Σ_{n<N} hⁿ: ∂ρ/∂b_h = −Σ_{n<N} hⁿ(1 − hⁿ) < 0, so descending the penalty raises b_h.
        var g = new Generator(29);
        var act = new AdaptiveComputationTime(new RNNCell(3, 2), max_steps: 10);
        ActHaltingTests.Randomize(act, g, haltingBias: -0.5f, haltingScale: 0.05f);
        var result = act.call(Leaf(g, 4, 2));
        result.Ponder.sum().backward();
        Assert.True(act.halting_unit.bias.grad!.item() < 0, $"∂ρ/∂b_h = {act.halting_unit.bias.grad!.item()}");
    }

    private static void AssertAwayFromThreshold(ActOutput result, double epsilon)
    {
        var (batch, steps) = (result.Steps.GetLength(0), result.Steps.GetLength(1));
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < steps; t++)
            {
                var p = result.HaltingOf(b, t);
                double sum = 0;
                for (var n = 0; n < p.Length - 1; n++)
                {
                    sum += p[n];
                    Assert.True(1 - epsilon - sum > 0.05, $"example {b}, step {t}: running sum {sum} too near 1 − ε");
                }
            }
        }
    }
}
