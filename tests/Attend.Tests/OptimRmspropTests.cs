using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimRmspropTests
{
    private static readonly double[] Theta0 = [1, 2, 3];
    private static readonly double[] G1 = [0.5, -1, 2];
    private static readonly double[] G2 = [1, 1, -1];

    [Fact]
    public void PlainRmspropDividesByRootMeanSquare()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.RMSprop([p], lr: 0.01, alpha: 0.99, eps: 1e-8);
        StepWith(opt, p, G1);
        // v1 = 0.01·g1², √v1 = 0.1·|g1|, θ1 = θ0 − 0.01·g1/(0.1·|g1| + ε) ≈ θ0 − 0.1·sign(g1)
        Close([0.9, 2.1, 2.9], p, 1e-6);
        StepWith(opt, p, G2);
        var expected = new double[3];
        for (var i = 0; i < 3; i++)
        {
            var theta1 = Theta0[i] - (0.01 * G1[i] / ((0.1 * Math.Abs(G1[i])) + 1e-8));
            // v2 = 0.99·v1 + 0.01·g2²
            var v2 = (0.99 * 0.01 * G1[i] * G1[i]) + (0.01 * G2[i] * G2[i]);
            expected[i] = theta1 - (0.01 * G2[i] / (Math.Sqrt(v2) + 1e-8));
        }

        Close(expected, p, 1e-5);
    }

    [Fact]
    public void MomentumAccumulatesNormalizedGradients()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.RMSprop([p], lr: 0.01, alpha: 0.9, momentum: 0.5);
        StepWith(opt, p, G1);
        StepWith(opt, p, G2);
        var expected = new double[3];
        for (var i = 0; i < 3; i++)
        {
            // step 1: v1 = 0.1·g1², b1 = g1/(√v1 + ε), θ1 = θ0 − 0.01·b1
            var v1 = 0.1 * G1[i] * G1[i];
            var b1 = G1[i] / (Math.Sqrt(v1) + 1e-8);
            var theta1 = Theta0[i] - (0.01 * b1);
            // step 2: v2 = 0.9·v1 + 0.1·g2², b2 = 0.5·b1 + g2/(√v2 + ε), θ2 = θ1 − 0.01·b2
            var v2 = (0.9 * v1) + (0.1 * G2[i] * G2[i]);
            var b2 = (0.5 * b1) + (G2[i] / (Math.Sqrt(v2) + 1e-8));
            expected[i] = theta1 - (0.01 * b2);
        }

        Close(expected, p, 1e-5);
    }

    [Fact]
    public void CenteredWithMomentumAsUsedByTheNtm()
    {
        // NTM-style settings: centered, momentum 0.9, α = 0.95, ε = 1e-4 (so ε visibly matters).
        var p = Param(1, 2, 3);
        var opt = torch.optim.RMSprop([p], lr: 1e-2, alpha: 0.95, eps: 1e-4, momentum: 0.9, centered: true);
        StepWith(opt, p, G1);
        var theta1 = new double[3];
        var b1 = new double[3];
        for (var i = 0; i < 3; i++)
        {
            // v1 = 0.05·g1², ḡ1 = 0.05·g1, ṽ1 = v1 − ḡ1² = (0.05 − 0.0025)·g1² = 0.0475·g1²
            var variance = 0.0475 * G1[i] * G1[i];
            b1[i] = G1[i] / (Math.Sqrt(variance) + 1e-4);
            theta1[i] = Theta0[i] - (0.01 * b1[i]);
        }

        Close(theta1, p, 1e-5);
        StepWith(opt, p, G2);
        var expected = new double[3];
        for (var i = 0; i < 3; i++)
        {
            // v2 = 0.95·v1 + 0.05·g2², ḡ2 = 0.95·ḡ1 + 0.05·g2, ṽ2 = v2 − ḡ2²
            var v2 = (0.95 * 0.05 * G1[i] * G1[i]) + (0.05 * G2[i] * G2[i]);
            var gAvg2 = (0.95 * 0.05 * G1[i]) + (0.05 * G2[i]);
            var variance = v2 - (gAvg2 * gAvg2);
            // b2 = 0.9·b1 + g2/(√ṽ2 + ε), θ2 = θ1 − 0.01·b2
            var b2 = (0.9 * b1[i]) + (G2[i] / (Math.Sqrt(variance) + 1e-4));
            expected[i] = theta1[i] - (0.01 * b2);
        }

        Close(expected, p, 1e-5);
        Close([.. Enumerable.Range(0, 3).Select(i => (0.95 * 0.05 * G1[i]) + (0.05 * G2[i]))], opt.state[p].tensors["grad_avg"]);
    }

    [Fact]
    public void WeightDecayIsAddedToTheGradient()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.RMSprop([p], lr: 0.01, alpha: 0.99, weight_decay: 0.5);
        StepWith(opt, p, [0.5, -1, -2]);
        // d = g + 0.5·θ0 = [1, 0, −0.5]; the first step is −0.01·d/(0.1·|d| + ε) ≈ −0.1·sign(d)
        Close([0.9, 2.0, 3.1], p, 1e-6);
    }
}
