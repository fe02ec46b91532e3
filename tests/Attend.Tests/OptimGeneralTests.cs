using Attend.Optimizers;
using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimGeneralTests
{
    [Fact]
    public void ParametersWithoutGradientAreSkipped()
    {
        var a = Param(1, 2);
        var b = Param(3, 4);
        var opt = torch.optim.Adam([a, b], lr: 0.1);
        a.grad = torch.tensor(new float[] { 1, -1 });
        opt.step();
        Assert.Equal([3f, 4f], b.ToArray());
        Assert.False(opt.state.ContainsKey(b));
        Close([0.9, 2.1], a);
    }

    [Fact]
    public void ZeroGradSetsGradientsToNullOrZero()
    {
        var a = Param(1, 2);
        var opt = torch.optim.SGD([a], lr: 0.1);
        a.grad = torch.tensor(new float[] { 1, -1 });
        opt.zero_grad(set_to_none: false);
        Assert.Equal([0f, 0f], a.grad!.ToArray());
        opt.zero_grad();
        Assert.Null(a.grad);
    }

    [Fact]
    public void GroupsHaveTheirOwnLearningRate()
    {
        var slow = Param(1);
        var fast = Param(1);
        var opt = torch.optim.SGD([slow], lr: 0.01, momentum: 0.5);
        opt.add_param_group([fast], lr: 1);
        slow.grad = torch.tensor(new float[] { 1 });
        fast.grad = torch.tensor(new float[] { 1 });
        opt.step();
        Close([0.99], slow);
        Close([0.0], fast);
        // the added group copied the other defaults
        Assert.Equal(0.5, ((SGD.Group)opt.param_groups[1]).momentum);
    }

    [Fact]
    public void StepRunsTheClosureAndReturnsItsLoss()
    {
        var x = Param(3);
        var opt = torch.optim.SGD([x], lr: 0.25);
        var loss = opt.step(() =>
        {
            opt.zero_grad();
            var l = x.square().sum();  // f = x², f' = 2x = 6
            l.backward();
            return l;
        });
        Assert.Equal(9f, loss!.item());
        Close([1.5], x);  // 3 − 0.25·6
    }

    [Fact]
    public void WorksOnModuleParametersWithGradEnabled()
    {
        var w = new Parameter(torch.tensor(new float[] { 1, 2 }));
        var opt = torch.optim.RMSprop(new[] { w });
        Assert.True(torch.is_grad_enabled());
        w.sum().backward();
        opt.step();
        Assert.True(w.requires_grad);
        Assert.True(w.is_leaf);
    }

    [Fact]
    public void InPlaceHelpersComputeTheirFormulas()
    {
        var x = torch.tensor(new float[] { 1, 2, 3 });
        var a = torch.tensor(new float[] { 2, 4, 6 });
        var b = torch.tensor(new float[] { 4, 2, 1 });
        x.addcmul_(a, b, 0.5f);          // 1 + 0.5·8, 2 + 0.5·8, 3 + 0.5·6
        Close([5, 6, 6], x);
        x.addcdiv_(a, b, -1);            // 5 − 0.5, 6 − 2, 6 − 6
        Close([4.5, 4, 0], x);
        x.div_(2).sqrt_();               // √2.25, √2, 0
        Close([1.5, Math.Sqrt(2), 0], x);
        x.maximum_(torch.tensor(1f));    // broadcast scalar
        Close([1.5, Math.Sqrt(2), 1], x);
        x.sub_(a, 0.25f).neg_();         // −(1.5 − 0.5), −(√2 − 1), −(1 − 1.5)
        Close([-1, 1 - Math.Sqrt(2), 0.5], x);
        var p = torch.ones([2], requires_grad: true);
        var e = Assert.Throws<InvalidOperationException>(() => p.addcmul_(torch.ones(2), torch.ones(2)));
        Assert.Contains("addcmul_", e.Message);
    }
}
