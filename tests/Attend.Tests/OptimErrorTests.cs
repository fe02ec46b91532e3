using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimErrorTests
{
    private static string Fails(Action make) => Assert.ThrowsAny<ArgumentException>(make).Message;

    [Fact]
    public void NegativeLearningRateIsNamedWithItsValue()
    {
        Assert.Contains("lr = -0.1", Fails(() => torch.optim.SGD([Param(1)], lr: -0.1)));
        Assert.Contains("lr = -1", Fails(() => torch.optim.Adam([Param(1)], lr: -1)));
        Assert.Contains("lr = -1", Fails(() => torch.optim.AdamW([Param(1)], lr: -1)));
        Assert.Contains("lr = -1", Fails(() => torch.optim.RMSprop([Param(1)], lr: -1)));
        Assert.Contains("lr = -1", Fails(() => torch.optim.Adagrad([Param(1)], lr: -1)));
    }

    [Fact]
    public void BetasOutsideZeroOneAreRejected()
    {
        var m = Fails(() => torch.optim.Adam([Param(1)], beta1: 1));
        Assert.Contains("Adam", m);
        Assert.Contains("beta1 = 1", m);
        Assert.Contains("[0, 1)", m);
        Assert.Contains("beta2 = -0.5", Fails(() => torch.optim.Adam([Param(1)], beta2: -0.5)));
        Assert.Contains("AdamW: invalid beta2 = 1.5", Fails(() => torch.optim.AdamW([Param(1)], beta2: 1.5)));
    }

    [Fact]
    public void EmptyParameterListIsRejected()
    {
        var m = Fails(() => torch.optim.SGD([], lr: 0.1));
        Assert.Contains("SGD", m);
        Assert.Contains("empty", m);
        Assert.Contains("empty", Fails(() => torch.optim.Adam(Array.Empty<Parameter>())));
    }

    [Fact]
    public void OtherInvalidSettings()
    {
        Assert.Contains("momentum = -1", Fails(() => torch.optim.SGD([Param(1)], lr: 0.1, momentum: -1)));
        Assert.Contains("Nesterov momentum requires", Fails(() => torch.optim.SGD([Param(1)], lr: 0.1, nesterov: true)));
        Assert.Contains("weight_decay = -1", Fails(() => torch.optim.Adam([Param(1)], weight_decay: -1)));
        Assert.Contains("alpha = -1", Fails(() => torch.optim.RMSprop([Param(1)], alpha: -1)));
        Assert.Contains("lr_decay = -1", Fails(() => torch.optim.Adagrad([Param(1)], lr_decay: -1)));
        Assert.Contains("eps = -1", Fails(() => torch.optim.Adagrad([Param(1)], eps: -1)));
    }

    [Fact]
    public void DuplicateAndNonLeafParametersAreRejected()
    {
        var p = Param(1);
        var opt = torch.optim.SGD([p], lr: 0.1);
        Assert.Contains("more than once", Fails(() => opt.add_param_group([p])));
        var leaf = torch.ones([2], requires_grad: true);
        var computed = leaf.mul(2f);
        Assert.Contains("not a leaf", Fails(() => torch.optim.SGD([computed], lr: 0.1)));
    }

    [Fact]
    public void BadValueSetLaterIsCaughtAtTheNextStep()
    {
        var p = Param(1);
        var opt = torch.optim.SGD([p], lr: 0.1);
        opt.param_groups[0].lr = -5;
        p.grad = torch.ones(1);
        Assert.Contains("lr = -5", Fails(() => opt.step()));
        Assert.Equal([1f], p.ToArray());
    }
}
