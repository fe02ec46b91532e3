using Attend.Optimizers;
using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimStateDictTests
{
    private static readonly double[][] Grads = [[0.5, -1, 2], [1, 1, -1], [-0.3, 0.2, 0.7], [2, -2, 0.1], [0.4, 0.4, 0.4], [-1, 0, 1]];

    [Fact]
    public void AdamRoundTripContinuesIdentically()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.Adam([p], lr: 0.05, amsgrad: true);
        var sched = torch.optim.lr_scheduler.StepLR(opt, step_size: 2, gamma: 0.5);
        for (var i = 0; i < 3; i++)
        {
            StepWith(opt, p, Grads[i]);
            sched.step();
        }

        var snapshot = opt.state_dict();
        var savedValues = p.detach().clone();

        // Continue the original for three more steps.
        for (var i = 3; i < 6; i++)
        {
            StepWith(opt, p, Grads[i]);
        }

        // Resume: a fresh parameter and a fresh optimizer (default hyper-parameters) loaded from the snapshot.
        var q = new Parameter(savedValues);
        var resumed = torch.optim.Adam([q]);
        resumed.load_state_dict(snapshot);
        Assert.Equal(opt.param_groups[0].lr, resumed.param_groups[0].lr);
        Assert.True(((Adam.Group)resumed.param_groups[0]).amsgrad);
        Assert.Equal(3, resumed.state[q].step);
        for (var i = 3; i < 6; i++)
        {
            StepWith(resumed, q, Grads[i]);
        }

        Assert.Equal(p.ToArray(), q.ToArray());
        Assert.Equal(opt.state[p].tensors["exp_avg_sq"].ToArray(), resumed.state[q].tensors["exp_avg_sq"].ToArray());
        Assert.Equal(6, resumed.state[q].step);
    }

    [Fact]
    public void SnapshotIsNotChangedByLaterSteps()
    {
        var p = Param(1, 2, 3);
        var opt = torch.optim.SGD([p], lr: 0.1, momentum: 0.9);
        StepWith(opt, p, Grads[0]);
        var snapshot = opt.state_dict();
        var before = snapshot.state[0].tensors["momentum_buffer"].ToArray();
        StepWith(opt, p, Grads[1]);
        Assert.Equal(before, snapshot.state[0].tensors["momentum_buffer"].ToArray());
        Assert.Equal(1, snapshot.state[0].step);
    }

    [Fact]
    public void MismatchedSnapshotsAreRejectedWithoutChanges()
    {
        var p = Param(1, 2, 3);
        var sgd = torch.optim.SGD([p], lr: 0.1, momentum: 0.9);
        StepWith(sgd, p, Grads[0]);
        var adam = torch.optim.Adam([p]);
        var e = Assert.Throws<ArgumentException>(() => adam.load_state_dict(sgd.state_dict()));
        Assert.Contains("taken from SGD", e.Message);

        var other = torch.optim.SGD([Param(1, 2)], lr: 0.1, momentum: 0.9);
        e = Assert.Throws<ArgumentException>(() => other.load_state_dict(sgd.state_dict()));
        Assert.Contains("[2]", e.Message);
        Assert.Empty(other.state);

        var twoGroups = torch.optim.SGD([Param(1, 2, 3)], lr: 0.1, momentum: 0.9);
        twoGroups.add_param_group([Param(4)]);
        e = Assert.Throws<ArgumentException>(() => twoGroups.load_state_dict(sgd.state_dict()));
        Assert.Contains("1 parameter group(s), this optimizer 2", e.Message);
    }
}
