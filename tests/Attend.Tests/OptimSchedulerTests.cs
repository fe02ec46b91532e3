using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimSchedulerTests
{
    private static List<double> Run(Action step, Func<double> lr, int epochs)
    {
        var seen = new List<double> { lr() };
        for (var e = 0; e < epochs; e++)
        {
            step();
            seen.Add(lr());
        }

        return seen;
    }

    private static void SameRates(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"epoch {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void StepLRMultipliesByGammaEveryStepSizeEpochs()
    {
        var opt = torch.optim.SGD([Param(1)], lr: 1);
        var sched = torch.optim.lr_scheduler.StepLR(opt, step_size: 3, gamma: 0.5);
        // lr(e) = 1 · 0.5^⌊e/3⌋ for e = 0..7
        var rates = Run(sched.step, () => opt.param_groups[0].lr, 7);
        SameRates([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25], rates);
        Assert.Equal(7, sched.last_epoch);
        SameRates([0.25], sched.get_last_lr());
    }

    [Fact]
    public void ExponentialLRMultipliesEveryEpochForEachGroup()
    {
        var opt = torch.optim.SGD([Param(1)], lr: 1);
        opt.add_param_group([Param(2)], lr: 0.1);
        var sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma: 0.9);
        var first = Run(sched.step, () => opt.param_groups[0].lr, 3);
        SameRates([1, 0.9, 0.81, 0.729], first);
        // the second group keeps its own rate: 0.1·0.9³
        Assert.Equal(0.0729, opt.param_groups[1].lr, 12);
        SameRates([1, 0.1], sched.base_lrs);
        Assert.Equal(0.1, opt.param_groups[1].initial_lr);
    }

    [Fact]
    public void PlateauReducesAfterPatienceAndWaitsOutTheCooldown()
    {
        var opt = torch.optim.SGD([Param(1)], lr: 1);
        var sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor: 0.5, patience: 2, cooldown: 1);
        double[] losses = [10, 9, 9, 9, 9, 9, 9, 9, 9];
        var rates = new List<double>();
        foreach (var loss in losses)
        {
            sched.step(loss);
            rates.Add(opt.param_groups[0].lr);
        }

        // epochs 1–2 improve (best 9); 3, 4, 5 are bad epochs 1, 2, 3 → 3 > patience 2 → halve at epoch 5.
        // epoch 6 is the cooldown epoch (not counted); 7, 8, 9 are bad 1, 2, 3 → halve again at epoch 9.
        SameRates([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25], rates);
        Assert.Equal(9, sched.best);
    }

    [Fact]
    public void PlateauWithoutCooldownReducesEveryPatiencePlusOneEpochs()
    {
        var opt = torch.optim.SGD([Param(1)], lr: 1);
        var sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor: 0.5, patience: 1);
        var rates = new List<double>();
        foreach (var loss in new double[] { 5, 5, 5, 5, 5 })
        {
            sched.step(loss);
            rates.Add(opt.param_groups[0].lr);
        }

        // epoch 1 sets best 5; 2 bad (1), 3 bad (2 > 1) → halve; 4 bad (1), 5 bad (2) → halve
        SameRates([1, 1, 0.5, 0.5, 0.25], rates);
    }

    [Fact]
    public void PlateauImprovementMustBeatTheRelativeThreshold()
    {
        var opt = torch.optim.SGD([Param(1)], lr: 1);
        var sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience: 0, threshold: 0.1);
        sched.step(10);
        // 9.5 is not below 10·(1 − 0.1) = 9: a bad epoch, and patience 0 reduces at once (factor 0.1)
        sched.step(9.5);
        Assert.Equal(0.1, opt.param_groups[0].lr, 12);
        Assert.Equal(10, sched.best);
        // 8.9 is below 9: an improvement, no reduction
        sched.step(8.9);
        Assert.Equal(0.1, opt.param_groups[0].lr, 12);
        Assert.Equal(8.9, sched.best);
    }

    [Fact]
    public void PlateauMaxModeAbsoluteThresholdAndMinLr()
    {
        var opt = torch.optim.SGD([Param(1)], lr: 1);
        var sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode: "max", factor: 0.1, patience: 0, threshold: 0.5,
                                                               threshold_mode: "abs", min_lr: 0.05);
        sched.step(0.5);  // best 0.5
        sched.step(0.9);  // 0.9 is not above 0.5 + 0.5: bad → lr 0.1
        Assert.Equal(0.1, opt.param_groups[0].lr, 12);
        sched.step(0.8);  // bad → max(0.01, 0.05) = 0.05
        Assert.Equal(0.05, opt.param_groups[0].lr, 12);
        sched.step(0.7);  // bad, but already at min_lr
        Assert.Equal(0.05, opt.param_groups[0].lr, 12);
        sched.step(1.2);  // above 1.0: improvement
        Assert.Equal(1.2, sched.best);
    }

    [Fact]
    public void SchedulerArgumentsAreChecked()
    {
        var opt = torch.optim.SGD([Param(1)], lr: 1);
        Assert.Contains("step_size", Assert.ThrowsAny<ArgumentException>(() => torch.optim.lr_scheduler.StepLR(opt, 0)).Message);
        Assert.Contains("gamma", Assert.ThrowsAny<ArgumentException>(() => torch.optim.lr_scheduler.ExponentialLR(opt, -1)).Message);
        var e = Assert.ThrowsAny<ArgumentException>(() => torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor: 1.5));
        Assert.Contains("factor = 1.5", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode: "minimum"));
        Assert.Contains("mode = minimum", e.Message);
    }
}
