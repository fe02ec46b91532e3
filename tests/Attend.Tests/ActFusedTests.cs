using Attend.Act;
using Attend.Modules;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>
/// The fused ponder loop of a tanh RNN cell (<c>FusedRnnPonder</c>, one autograd node per input step) against the
/// composed loop it replaces, against finite differences, and on a two-step example computed by hand. Every value comes
/// from the test's own generator.
/// </summary>
public class ActFusedTests
{
    [Theory]
    [InlineData(100, 1)]
    [InlineData(100, 3)]
    [InlineData(2, 2)] // every example hits the maximum
    public void FusedLoopGivesTheComposedLoopsValuesAndGradients(int maxSteps, int steps)
    {
        var g = new Generator(41);
        var act = new AdaptiveComputationTime(new RNNCell(4 + 1, 6), output_size: 2, max_steps: maxSteps);
        ActHaltingTests.Randomize(act, g, haltingBias: -0.3f, haltingScale: 0.6f);
        var x = torch.randn([5, steps, 4], g);
        var mix = torch.randn([1, 1, 2], g);

        (float[] Values, float[][] Grads, ActOutput Result) Run(bool fused)
        {
            act.UseFused = fused;
            act.zero_grad();
            var input = x.detach().requires_grad_();
            var result = act.forward(input);
            result.Output.mul(mix).sum().add(result.State.h.sum().mul(0.5f)).add(result.Ponder.sum().mul(0.25f)).backward();
            float[] values = [.. result.Output.ToArray(), .. result.State.h.ToArray(), .. result.Ponder.ToArray()];
            var grads = act.parameters().Select(p => p.grad!.ToArray()).Append(input.grad!.ToArray()).ToArray();
            return (values, grads, result);
        }

        var composed = Run(false);
        var fused = Run(true);
        Close(composed.Values, fused.Values, 1e-5);
        Assert.Equal(composed.Result.Steps, fused.Result.Steps);
        Assert.Contains(composed.Result.Steps.Cast<int>(), n => n > 1); // the loop really ponders
        for (var i = 0; i < composed.Grads.Length; i++)
        {
            Close(composed.Grads[i], fused.Grads[i], 1e-4);
        }
    }

    [Fact]
    public void FusedLoopMatchesFiniteDifferences()
    {
        var g = new Generator(43);
        var act = new AdaptiveComputationTime(new RNNCell(3, 3), output_size: 2);
        // h ≈ σ(−0.5) ≈ 0.38 per step: running sums ≈ 0.38, 0.76, 1.13, so N = 3 mostly, away from the threshold.
        ActHaltingTests.Randomize(act, g, haltingBias: -0.5f, haltingScale: 0.05f);
        var x = Leaf(g, 3, 2, 2);
        var mix = torch.tensor([0.3f, -0.7f], [1, 1, 2]);
        GradCheckModule(act, [x], xs =>
        {
            var r = act.forward(xs[0]);
            return r.Output.mul(mix).sum().add(r.State.h.sum().mul(0.5f)).add(r.Ponder.sum().mul(0.25f));
        });
    }

    [Fact]
    public void TwoPonderStepsByHand()
    {
        // One unit, input x = 1, flag weight f, input weight w, recurrent weight u, no biases, halting weight 0 and
        // bias logit(0.6): h = 0.6 at every step, so step 1 goes on (0.6 < 0.99), step 2 halts (1.2 ≥ 0.99), R = 0.4.
        // s¹ = tanh(w + f), s² = tanh(w + u s¹), m = 0.6 s¹ + 0.4 s², ρ = 2.4.
        var act = new AdaptiveComputationTime(new RNNCell(2, 1), output_size: 0);
        var rnn = (RNNCell)act.cell;
        var (w, f, u) = (0.5f, -0.3f, 0.8f);
        Set(rnn.weight_ih, w, f);
        Set(rnn.weight_hh, u);
        Set(rnn.bias_ih!, 0f);
        Set(rnn.bias_hh!, 0f);
        Set(act.halting_unit.weight, 0f);
        Set(act.halting_unit.bias, (float)Math.Log(0.6 / 0.4));
        var result = act.forward(torch.tensor([1f], [1, 1]));

        var s1 = Math.Tanh(w + f);
        var s2 = Math.Tanh(w + (u * s1));
        Assert.Equal(2, result.Steps[0, 0]);
        Close(0.4, result.Remainders[0, 0]);
        Close((0.6 * s1) + (0.4 * s2), result.Output.item());
        Close(2.4, result.Ponder.item());

        // ∂m/∂u = 0.4 (1 − s²²) s¹; ∂ρ/∂b_h = −h(1 − h) = −0.24 (only h¹ enters R = 1 − h¹);
        // ∂m/∂b_h = (s¹ − s²) h(1 − h): raising h¹ moves weight from s² to s¹.
        result.Output.sum().add(result.Ponder.sum()).backward();
        Close(0.4 * (1 - (s2 * s2)) * s1, rnn.weight_hh.grad!.item());
        Close(-0.24 + ((s1 - s2) * 0.24), act.halting_unit.bias.grad!.item());
    }
}
