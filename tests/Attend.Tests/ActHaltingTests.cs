using Attend.Act;
using Attend.Modules;
using static Attend.Tests.NnTestHelpers;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>The halting rule, the remainder, the ponder cost and the mean-field state of ACT, computed by hand.</summary>
public class ActHaltingTests
{
    [Fact]
    public void ThreeStepsHaltWhenTheSumReachesOneMinusEpsilon()
    {
        // h = 0.2, 0.5, 0.6: running sums 0.2, 0.7, 1.3. The third crosses 0.99, so N = 3, R = 1 − (0.2 + 0.5) = 0.3.
        var (p, n, r) = HaltingDistribution.Of([0.2f, 0.5f, 0.6f, 0.9f]);
        Assert.Equal(3, n);
        Close(0.3, r);
        Close([0.2, 0.5, 0.3], p);
        Close(1.0, p.Sum());
    }

    [Fact]
    public void TheMaximumStepTakesWhateverIsLeft()
    {
        // h = 0.1, 0.2, 0.3 never reach 0.99; with at most 3 steps the third gets R = 1 − 0.3 = 0.7.
        var (p, n, r) = HaltingDistribution.Of([0.1f, 0.2f, 0.3f, 0.4f], max_steps: 3);
        Assert.Equal(3, n);
        Close(0.7, r);
        Close([0.1, 0.2, 0.7], p);
        // One step is a plain recurrent network: weight 1 on it, whatever h says.
        var single = HaltingDistribution.Of([0.3f], max_steps: 1);
        Assert.Equal([1f], single.Weights);
        Assert.Equal((1, 1f), (single.Steps, single.Remainder));
    }

    [Fact]
    public void EpsilonLetsTheFirstStepHaltAlone()
    {
        var (p, n, r) = HaltingDistribution.Of([0.995f]); // ≥ 1 − 0.01 at once: N = 1 and R = 1 (an empty sum)
        Assert.Equal((1, 1f), (n, r));
        Assert.Equal([1f], p);
        Assert.Equal(2, HaltingDistribution.Of([0.995f, 0.5f], epsilon: 0).Steps); // with ε = 0 a sigmoid could never stop at one step
        Throws(() => HaltingDistribution.Of([0.1f, 0.2f]), "run out", "max_steps is 100");
    }

    [Fact]
    public void BatchedRuleKeepsEachExampleApart()
    {
        var rule = new HaltingDistribution(2, 0.01, 10);
        var first = rule.Step([0.995f, 0.4f]);
        Assert.Equal([0f, 1f], first.Continues);
        Assert.Equal([1f, 0f], first.Halts);
        var second = rule.Step([0.9f, 0.7f]); // example 0 has halted: its 0.9 is ignored
        Assert.Equal([0f, 0f], second.Continues);
        Assert.Equal([0f, 1f], second.Halts);
        Close([0.0, 0.6], second.Weights);
        Assert.Equal([1, 2], rule.Steps);
        Close([1.0, 0.6], rule.Remainders);
        Assert.False(rule.AnyRunning);
        Assert.Equal(new float[,] { { 1f, 0f }, { 0.4f, 0.6f } }, rule.Weights());
        Assert.Throws<InvalidOperationException>(() => rule.Step([0.5f, 0.5f]));
    }

    /// <summary>
    /// An RNN of one unit whose halting unit ignores the state (W_h = 0), so every step halts with h = σ(b_h) = 0.4:
    /// running sums 0.4, 0.8, 1.2, so N = 3, p = (0.4, 0.4, 0.2), R = 0.2 and ρ = 3.2 (N = 2, p = (0.4, 0.6),
    /// R = 0.6, ρ = 2.6 when the maximum is 2). The states are computed by hand from the cell's weights.
    /// </summary>
    [Theory]
    [InlineData(100, 3)]
    [InlineData(2, 2)]
    public void MeanFieldStateAndOutputAreTheWeightedSumsOfThePonderSteps(int maxSteps, int expectedSteps)
    {
        var cell = new RNNCell(2, 1);
        var act = new AdaptiveComputationTime(cell, output_size: 1, max_steps: maxSteps);
        const float wx = 0.5f, wf = 0.8f, wh = -0.6f, b = 0.1f, wy = 1.5f, by = -0.2f;
        Set(cell.weight_ih, wx, wf); // [x, flag]
        Set(cell.weight_hh, wh);
        Set(cell.bias_ih!, b);
        Set(cell.bias_hh!, 0f);
        Set(act.halting_unit.weight, 0f);
        Set(act.halting_unit.bias, (float)Math.Log(0.4 / 0.6)); // σ(b_h) = 0.4
        var output = (Linear)act.named_children().Single(c => c.name == "output").module;
        Set(output.weight, wy);
        Set(output.bias!, by);

        const double x = 0.7;
        var s = new double[4];
        for (var n = 1; n <= 3; n++)
        {
            s[n] = Math.Tanh((wx * x) + (n == 1 ? wf : 0) + (wh * s[n - 1]) + b); // s⁰ = 0; the flag only on step 1
        }

        double[] p = expectedSteps == 3 ? [0, 0.4, 0.4, 0.2] : [0, 0.4, 0.6, 0];
        var mean = (p[1] * s[1]) + (p[2] * s[2]) + (p[3] * s[3]);
        var meanOutput = (p[1] * ((wy * s[1]) + by)) + (p[2] * ((wy * s[2]) + by)) + (p[3] * ((wy * s[3]) + by));

        var result = act.call(torch.tensor([(float)x], [1, 1]));
        Assert.Equal(expectedSteps, result.Steps[0, 0]);
        Close(expectedSteps == 3 ? 0.2 : 0.6, result.Remainders[0, 0]);
        Close(expectedSteps + result.Remainders[0, 0], result.Ponder.item());
        Close(p[1..(expectedSteps + 1)], result.HaltingOf(0));
        Close(mean, result.State.h.item());
        Close(meanOutput, result.Output.item());
        Assert.Equal([1, 1], result.Output.shape); // one input step given as [B, input]: outputs [B, output_size]
    }

    [Theory]
    [InlineData("rnn")]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void MatchesPonderingByHandWithTheCellItself(string kind)
    {
        // The reference: call the cell on [x, flag] step by step, read the halting unit, weight the states (h and, for
        // an LSTM, c) with the rule's weights; two input steps, so the second starts from the first's mean-field state.
        var g = new Generator(11);
        Module cell = kind switch { "rnn" => new RNNCell(4, 3), "gru" => new GRUCell(4, 3), _ => new LSTMCell(4, 3) };
        var act = new AdaptiveComputationTime(cell, max_steps: 6);
        Randomize(act, g, haltingBias: -0.1f, haltingScale: 4f);
        var x = torch.randn([3, 2, 3], g);
        var result = act.forward(x);

        using var _ = torch.no_grad();
        for (var b = 0; b < 3; b++)
        {
            var h = torch.zeros(1, 3);
            var c = torch.zeros(1, 3);
            for (var t = 0; t < 2; t++)
            {
                var xt = x.select(0, b).select(0, t).unsqueeze(0);
                var states = new List<(Tensor H, Tensor C)>();
                var halting = new List<float>();
                var (ph, pc) = (h, c);
                for (var n = 1; n <= 6; n++)
                {
                    var input = torch.cat([xt, torch.full([1, 1], n == 1 ? 1f : 0f)], 1);
                    (ph, pc) = cell switch
                    {
                        RNNCell r => (r.forward(input, ph), pc),
                        GRUCell gru => (gru.forward(input, ph), pc),
                        LSTMCell l => l.forward(input, (ph, pc)),
                        _ => throw new InvalidOperationException(),
                    };
                    states.Add((ph, pc));
                    halting.Add(act.halting_unit.call(ph).item());
                }

                var (p, steps, remainder) = HaltingDistribution.Of(halting, max_steps: 6);
                Assert.Equal(steps, result.Steps[b, t]);
                Close(remainder, result.Remainders[b, t]);
                Close(steps + remainder, result.Ponder.select(0, b).select(0, t).item(), 1e-5);
                h = Enumerable.Range(0, steps).Select(n => states[n].H.mul(p[n])).Aggregate((u, v) => u.add(v));
                c = Enumerable.Range(0, steps).Select(n => states[n].C.mul(p[n])).Aggregate((u, v) => u.add(v));
                Close(h.ToArray(), result.Output.select(0, b).select(0, t).ToArray(), 1e-5);
            }

            Close(h.ToArray(), result.State.h.select(0, b).ToArray(), 1e-5);
            if (kind == "lstm")
            {
                Close(c.ToArray(), result.State.c!.select(0, b).ToArray(), 1e-5);
            }
        }

        // The examples did not all halt at the same step: the batch kept going for the slower ones, masked.
        Assert.True(result.Steps.Cast<int>().Distinct().Count() > 1, string.Join(",", result.Steps.Cast<int>()));
    }

    [Fact]
    public void ABatchGivesEachExampleWhatItGetsAlone()
    {
        var g = new Generator(5);
        var act = new AdaptiveComputationTime(new GRUCell(5, 4), output_size: 2, max_steps: 8);
        Randomize(act, g, haltingBias: -0.5f);
        var x = torch.randn([4, 3, 4], g);
        var batch = act.forward(x);
        for (var b = 0; b < 4; b++)
        {
            var alone = act.forward(x.narrow(0, b, 1));
            Close(alone.Output.ToArray(), batch.Output.narrow(0, b, 1).ToArray(), 1e-5);
            Close(alone.Ponder.ToArray(), batch.Ponder.narrow(0, b, 1).ToArray(), 1e-5);
            for (var t = 0; t < 3; t++)
            {
                Close(alone.HaltingOf(0, t), batch.HaltingOf(b, t), 1e-6);
            }
        }
    }

    [Fact]
    public void BadSettingsAndInputsGetClearErrors()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveComputationTime(new RNNCell(3, 2), max_steps: 0));
        Assert.Equal("max_steps", error.ParamName);
        Assert.Contains("max_steps (0)", error.Message, StringComparison.Ordinal);
        Assert.Equal("max_steps", Assert.Throws<ArgumentOutOfRangeException>(() => new HaltingDistribution(2, 0.01, 0)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveComputationTime(new RNNCell(3, 2), epsilon: 1)).ParamName);

        var tau = Assert.Throws<ArgumentOutOfRangeException>(() => PonderCost.Penalty(torch.ones(2, 1), -0.01));
        Assert.Equal("tau", tau.ParamName);
        Assert.Contains("tau (-0.01)", tau.Message, StringComparison.Ordinal);
        Assert.Equal("tau", Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(new ActOptions { Tau = -1 })).ParamName);
        Assert.Equal("max_steps", Assert.Throws<ArgumentOutOfRangeException>(() => ActTraining.Train(new ActOptions { MaxSteps = 0 })).ParamName);

        var act = new AdaptiveComputationTime(new LSTMCell(4, 2));
        Assert.Equal(3, act.input_size);
        var input = Throws(() => act.call(torch.zeros(2, 4)), "[B, T, 3] or [B, 3]", "input_size 4", "first-step flag", "[2, 4]");
        Assert.Equal("input", ((ArgumentException)input).ParamName);
        Throws(() => act.forward(torch.zeros(2, 3), new ActState(torch.zeros(2, 2))), "h and c", "[2, 2]");
        Throws(() => act.forward(torch.zeros(2, 3), new ActState(torch.zeros(3, 2), torch.zeros(3, 2))), "[2, 2]", "[3, 2]");
        Throws(() => new AdaptiveComputationTime(new Linear(3, 2)), "cannot wrap a Linear", "RNNCell, GRUCell or LSTMCell");
        Throws(() => new AdaptiveComputationTime(new RNNCell(1, 2)), "input_size (1)", "+ 1");
        Throws(() => PonderCost.Penalty(torch.ones(2, 3), 0.1, torch.ones(2, 2)), "mask", "[2, 2]", "[2, 3]");
    }

    [Fact]
    public void PenaltyIsTauTimesTheMeanSummedPonderCost()
    {
        var rho = torch.tensor(new float[,] { { 2.5f, 3.0f }, { 1.2f, 9.0f } });
        var mask = torch.tensor(new float[,] { { 1, 1 }, { 1, 0 } });
        Close(0.1 * ((2.5 + 3.0) + 1.2) / 2, PonderCost.Penalty(rho, 0.1, mask).item());
        Close(0.0, PonderCost.Penalty(rho, 0).item());
    }

    /// <summary>Every parameter from <paramref name="g"/> (not the shared default generator), the halting bias set by hand.</summary>
    internal static void Randomize(Module module, Generator g, float haltingBias, float haltingScale = 0.5f)
    {
        using var _ = torch.no_grad();
        foreach (var (name, p) in module.named_parameters())
        {
            var values = new float[p.numel()];
            g.FillNormal(values, 0, name.StartsWith("halting", StringComparison.Ordinal) ? haltingScale : 0.5f);
            p.copy_(torch.tensor(values, p.shape));
        }

        ((AdaptiveComputationTime)module).halting_unit.bias.fill_(haltingBias);
    }
}
