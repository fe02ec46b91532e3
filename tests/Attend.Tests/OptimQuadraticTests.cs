using Attend.Optimizers;

namespace Attend.Tests;

public class OptimQuadraticTests
{
    private static readonly float[] Target = [1, -2, 3];

    /// <summary>Minimizes f(x) = ‖x − c‖² from x = 0 and returns the largest |x_i − c_i| at the end.</summary>
    private static double Minimize(Func<Parameter, Optimizer> make, int steps, Func<Optimizer, LRScheduler>? schedule = null)
    {
        var x = new Parameter(torch.zeros(3));
        var c = torch.tensor(Target);
        var opt = make(x);
        var sched = schedule?.Invoke(opt);
        for (var i = 0; i < steps; i++)
        {
            opt.zero_grad();
            var loss = x.sub(c).square().sum();
            loss.backward();
            opt.step();
            sched?.step();
        }

        var values = x.ToArray();
        return values.Select((v, i) => Math.Abs(v - Target[i])).Max();
    }

    [Fact]
    public void Sgd() => Assert.True(Minimize(x => torch.optim.SGD([x], lr: 0.1), 100) < 1e-3);

    [Fact]
    public void SgdNesterovMomentum() =>
        Assert.True(Minimize(x => torch.optim.SGD([x], lr: 0.05, momentum: 0.9, nesterov: true), 200) < 1e-3);

    [Fact]
    public void Adam() => Assert.True(Minimize(x => torch.optim.Adam([x], lr: 0.1), 500) < 1e-3);

    [Fact]
    public void AdamAmsgrad() => Assert.True(Minimize(x => torch.optim.Adam([x], lr: 0.1, amsgrad: true), 500) < 1e-3);

    [Fact]
    public void AdamW() =>
        // weight decay pulls towards 0, so the minimum moves; with decay off AdamW is Adam
        Assert.True(Minimize(x => torch.optim.AdamW([x], lr: 0.1, weight_decay: 0), 500) < 1e-3);

    [Fact]
    public void RmspropCenteredWithMomentum() =>
        Assert.True(Minimize(x => torch.optim.RMSprop([x], lr: 0.01, momentum: 0.9, centered: true), 500,
                             o => torch.optim.lr_scheduler.ExponentialLR(o, 0.99)) < 1e-3);

    [Fact]
    public void Rmsprop() =>
        Assert.True(Minimize(x => torch.optim.RMSprop([x], lr: 0.05), 500, o => torch.optim.lr_scheduler.StepLR(o, 100, 0.1)) < 1e-3);

    [Fact]
    public void Adagrad() => Assert.True(Minimize(x => torch.optim.Adagrad([x], lr: 1), 300) < 1e-3);
}
