using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimSgdTests
{
    // Every test: θ0 = [1, 2, 3], constant gradient g = [0.5, -1, 2], lr γ = 0.1.
    private static readonly double[] Theta0 = [1, 2, 3];
    private static readonly double[] G = [0.5, -1, 2];

    private static double[] Expect(Func<int, double> perElement) => [.. Enumerable.Range(0, 3).Select(perElement)];

    [Fact]
    public void PlainSgdTakesGammaTimesGradient()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1);
        StepWith(opt, p, G);
        // θ1 = θ0 − 0.1·g = [1 − 0.05, 2 + 0.1, 3 − 0.2]
        Close([0.95, 2.1, 2.8], p);
        StepWith(opt, p, G);
        Close([0.90, 2.2, 2.6], p);
    }

    [Fact]
    public void MomentumStartsBufferAtGradientThenAccumulates()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1, momentum: 0.9);
        StepWith(opt, p, G);
        // step 1: b = g, θ1 = θ0 − 0.1·g
        Close(Expect(i => Theta0[i] - (0.1 * G[i])), p);
        StepWith(opt, p, G);
        // step 2: b = 0.9·g + g = 1.9·g, θ2 = θ1 − 0.19·g = θ0 − 0.29·g
        Close(Expect(i => Theta0[i] - (0.29 * G[i])), p);
        Close(Expect(i => 1.9 * G[i]), opt.state[p].tensors["momentum_buffer"]);
    }

    [Fact]
    public void DampeningScalesNewGradientsAfterTheFirstStep()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.5);
        StepWith(opt, p, G);
        StepWith(opt, p, G);
        // step 1: b = g (no dampening on the first step); step 2: b = 0.9·g + (1 − 0.5)·g = 1.4·g
        // θ2 = θ0 − 0.1·g − 0.1·1.4·g = θ0 − 0.24·g
        Close(Expect(i => Theta0[i] - (0.24 * G[i])), p);
    }

    [Fact]
    public void NesterovLooksAheadAlongTheBuffer()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1, momentum: 0.9, nesterov: true);
        StepWith(opt, p, G);
        // step 1: b = g, update direction g + 0.9·b = 1.9·g, θ1 = θ0 − 0.19·g
        Close(Expect(i => Theta0[i] - (0.19 * G[i])), p);
        StepWith(opt, p, G);
        // step 2: b = 0.9·g + g = 1.9·g, direction g + 0.9·1.9·g = 2.71·g, θ2 = θ1 − 0.271·g = θ0 − 0.461·g
        Close(Expect(i => Theta0[i] - (0.461 * G[i])), p);
    }

    [Fact]
    public void WeightDecayAddsLambdaThetaToTheGradient()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1, weight_decay: 0.1);
        StepWith(opt, p, G);
        // θ1 = θ0 − 0.1·(g + 0.1·θ0): [1 − 0.1·(0.5 + 0.1), 2 − 0.1·(−1 + 0.2), 3 − 0.1·(2 + 0.3)]
        double[] theta1 = [0.94, 2.08, 2.77];
        Close(theta1, p);
        StepWith(opt, p, G);
        // θ2 = θ1 − 0.1·(g + 0.1·θ1)
        Close(Expect(i => theta1[i] - (0.1 * (G[i] + (0.1 * theta1[i])))), p);
    }

    [Fact]
    public void MomentumWithWeightDecayBuffersTheDecayedGradient()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1, momentum: 0.5, weight_decay: 0.1);
        StepWith(opt, p, G);
        // d1 = g + 0.1·θ0 = [0.6, −0.8, 2.3]; b1 = d1; θ1 = θ0 − 0.1·b1 = [0.94, 2.08, 2.77]
        double[] b1 = [0.6, -0.8, 2.3], theta1 = [0.94, 2.08, 2.77];
        Close(theta1, p);
        StepWith(opt, p, G);
        // d2 = g + 0.1·θ1; b2 = 0.5·b1 + d2; θ2 = θ1 − 0.1·b2
        Close(Expect(i => theta1[i] - (0.1 * ((0.5 * b1[i]) + G[i] + (0.1 * theta1[i])))), p);
    }

    [Fact]
    public void StepDoesNotModifyTheGradient()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1, momentum: 0.9, weight_decay: 0.1, nesterov: true);
        StepWith(opt, p, G);
        StepWith(opt, p, G);
        Close(G, p.grad!);
    }
}
