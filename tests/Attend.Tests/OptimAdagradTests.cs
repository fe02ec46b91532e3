using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimAdagradTests
{
    private static readonly double[] Theta0 = [1, 2, 3];
    private static readonly double[] G = [0.5, -1, 2];

    [Fact]
    public void DividesByRootOfSumOfSquaredGradients()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.Adagrad([p], lr: 0.1);
        StepWith(opt, p, G);
        // s1 = g², θ1 = θ0 − 0.1·g/|g| = θ0 − 0.1·sign(g)
        Close([0.9, 2.1, 2.9], p);
        StepWith(opt, p, G);
        // s2 = 2·g², θ2 = θ1 − 0.1·g/(√2·|g|) = θ1 − (0.1/√2)·sign(g)
        var step2 = 0.1 / Math.Sqrt(2);
        Close([0.9 - step2, 2.1 + step2, 2.9 - step2], p);
        Close([0.5, 2, 8], opt.state[p].tensors["sum"]);
    }

    [Fact]
    public void LrDecayShrinksTheRateWithTheStepCount()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.Adagrad([p], lr: 0.1, lr_decay: 0.5);
        StepWith(opt, p, G);
        StepWith(opt, p, G);
        StepWith(opt, p, G);
        // step t uses γ/(1 + (t − 1)·0.5): 0.1, 0.1/1.5, 0.1/2; and s_t = t·g², so each step is rate/√t · sign(g)
        var total = 0.1 + (0.1 / 1.5 / Math.Sqrt(2)) + (0.1 / 2 / Math.Sqrt(3));
        Close([.. Enumerable.Range(0, 3).Select(i => Theta0[i] - (total * Math.Sign(G[i])))], p);
    }

    [Fact]
    public void InitialAccumulatorAndWeightDecay()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.Adagrad([p], lr: 0.1, weight_decay: 0.5, initial_accumulator_value: 1);
        StepWith(opt, p, [0.5, -1, -2]);
        // d = g + 0.5·θ0 = [1, 0, −0.5]; s = 1 + d² = [2, 1, 1.25]; θ1 = θ0 − 0.1·d/√s
        Close([1 - (0.1 / Math.Sqrt(2)), 2, 3 + (0.05 / Math.Sqrt(1.25))], p);
    }
}
