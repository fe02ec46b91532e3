using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimAdamTests
{
    // θ0 = [1, 2, 3]; step 1 gradient g1, step 2 gradient g2 (different, so the averages matter).
    private static readonly double[] Theta0 = [1, 2, 3];
    private static readonly double[] G1 = [0.5, -1, 2];
    private static readonly double[] G2 = [1, 1, -1];

    [Fact]
    public void FirstStepMovesEachWeightByLrTimesSignOfGradient()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.Adam([p], lr: 0.1);
        StepWith(opt, p, G1);
        // m1 = 0.1·g, v1 = 0.001·g²; m̂ = m1/(1 − 0.9) = g, v̂ = v1/(1 − 0.999) = g²
        // θ1 = θ0 − 0.1·g/(|g| + 1e-8) ≈ θ0 − 0.1·sign(g) = [0.9, 2.1, 2.9]
        Close([0.9, 2.1, 2.9], p);
    }

    [Fact]
    public void SecondStepUsesBiasCorrectedAverages()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.Adam([p], lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        StepWith(opt, p, G1);
        StepWith(opt, p, G2);
        var expected = new double[3];
        for (var i = 0; i < 3; i++)
        {
            // step 1 (see above): θ1 = θ0 − 0.1·g1/(|g1| + ε)
            var theta1 = Theta0[i] - (0.1 * G1[i] / (Math.Abs(G1[i]) + 1e-8));
            // step 2: m2 = 0.9·(0.1·g1) + 0.1·g2, v2 = 0.999·(0.001·g1²) + 0.001·g2²
            var m2 = (0.9 * 0.1 * G1[i]) + (0.1 * G2[i]);
            var v2 = (0.999 * 0.001 * G1[i] * G1[i]) + (0.001 * G2[i] * G2[i]);
            // bias corrections 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999
            var mHat = m2 / 0.19;
            var vHat = v2 / 0.001999;
            expected[i] = theta1 - (0.1 * mHat / (Math.Sqrt(vHat) + 1e-8));
        }

        Close(expected, p, 1e-5);
        // the stored moments are the raw (uncorrected) averages
        Close([.. Enumerable.Range(0, 3).Select(i => (0.09 * G1[i]) + (0.1 * G2[i]))], opt.state[p].tensors["exp_avg"]);
        Assert.Equal(2, opt.state[p].step);
    }

    [Fact]
    public void WeightDecayIsAddedToTheGradient()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.Adam([p], lr: 0.1, weight_decay: 0.5);
        StepWith(opt, p, [0.5, -1, -2]);
        // d = g + 0.5·θ0 = [1, 0, −0.5]; first step moves by −0.1·d/(|d| + 1e-8): [−0.1, 0, +0.1]
        Close([0.9, 2.0, 3.1], p);
    }

    [Fact]
    public void AmsgradDividesByTheLargestSecondMomentSoFar()
    {
        // β2 = 0.5 so the second moment can shrink between steps: that is when AMSGrad differs from Adam.
        double[] g1 = [2, -2, 1], g2 = [0.1, 0.1, 3];
        var pa = Param(1, 2, 3);
        var pb = Param(1, 2, 3);
        var ams = torch.optim.Adam([pa], lr: 0.1, beta1: 0.9, beta2: 0.5, amsgrad: true);
        var adam = torch.optim.Adam([pb], lr: 0.1, beta1: 0.9, beta2: 0.5);
        StepWith(ams, pa, g1);
        StepWith(ams, pa, g2);
        StepWith(adam, pb, g1);
        StepWith(adam, pb, g2);
        double[] withMax = new double[3], without = new double[3];
        for (var i = 0; i < 3; i++)
        {
            // step 1 is the same for both: v1 = 0.5·g1² = vmax1, update −0.1·sign(g1)
            var theta1 = Theta0[i] - (0.1 * Math.Sign(g1[i]));
            var v1 = 0.5 * g1[i] * g1[i];
            // step 2: m2 = 0.09·g1 + 0.1·g2, v2 = 0.5·v1 + 0.5·g2², vmax2 = max(v1, v2)
            var m2 = (0.09 * g1[i]) + (0.1 * g2[i]);
            var v2 = (0.5 * v1) + (0.5 * g2[i] * g2[i]);
            var vmax = Math.Max(v1, v2);
            // θ2 = θ1 − 0.1/(1 − 0.9²) · m2 / (√v / √(1 − 0.5²) + ε)
            withMax[i] = theta1 - (0.1 / 0.19 * m2 / ((Math.Sqrt(vmax) / Math.Sqrt(0.75)) + 1e-8));
            without[i] = theta1 - (0.1 / 0.19 * m2 / ((Math.Sqrt(v2) / Math.Sqrt(0.75)) + 1e-8));
        }

        // elements 0 and 1: v1 = 2, v2 = 1.005 → AMSGrad keeps 2; element 2: v2 = 4.75 > v1 = 0.5 → both use 4.75
        Close(withMax, pa, 1e-5);
        Close(without, pb, 1e-5);
        Assert.NotEqual(pa.ToArray()[0], pb.ToArray()[0]);
        Close([2, 2, 4.75], ams.state[pa].tensors["max_exp_avg_sq"], 1e-5);
    }

    [Fact]
    public void AdamWShrinksWeightsBeforeTheAdamStep()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.AdamW([p], lr: 0.1, weight_decay: 0.1);
        StepWith(opt, p, G1);
        // θ ← θ0·(1 − 0.1·0.1) = 0.99·θ0, then the Adam first step −0.1·sign(g1)
        double[] theta1 = [0.99 - 0.1, 1.98 + 0.1, 2.97 - 0.1];
        Close(theta1, p);
        StepWith(opt, p, G2);
        var expected = new double[3];
        for (var i = 0; i < 3; i++)
        {
            // decay uses only θ, not the gradient: the moments are those of plain Adam
            var m2 = (0.9 * 0.1 * G1[i]) + (0.1 * G2[i]);
            var v2 = (0.999 * 0.001 * G1[i] * G1[i]) + (0.001 * G2[i] * G2[i]);
            expected[i] = (0.99 * theta1[i]) - (0.1 / 0.19 * m2 / ((Math.Sqrt(v2) / Math.Sqrt(0.001999)) + 1e-8));
        }

        Close(expected, p, 1e-5);
    }

    [Fact]
    public void AdamWDefaultsToWeightDecayOneHundredth()
    {
        var opt = torch.optim.AdamW([Param(1)]);
        var group = (Attend.Optimizers.Adam.Group)opt.param_groups[0];
        Assert.Equal(1e-2, group.weight_decay);
        Assert.Equal(1e-3, group.lr);
        Assert.Equal("AdamW", group.optimizer);
    }
}
