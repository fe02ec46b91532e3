using static Attend.Tests.TestData;

namespace Attend.Tests;

public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateOverTwoBackwardCalls()
    {
        var x = torch.tensor([2f, -1f], requires_grad: true);
        x.mul(3f).sum().backward();
        Assert.Equal([3f, 3f], x.grad!.ToArray());
        x.mul(x).sum().backward(); // adds 2x = [4, −2]
        Assert.Equal([7f, 1f], x.grad!.ToArray());
        x.grad = null;
        x.mul(x).sum().backward();
        Assert.Equal([4f, -2f], x.grad!.ToArray());
    }

    [Fact]
    public void BackwardTwiceThroughTheSameGraphNeedsRetainGraph()
    {
        var x = torch.tensor([2f], requires_grad: true);
        var y = x.mul(x).sum();
        y.backward();
        var e = Assert.Throws<InvalidOperationException>(() => y.backward());
        Assert.Contains("backward through the graph a second time", e.Message);
        Assert.Contains("retain_graph: true", e.Message);

        var z = torch.tensor([2f], requires_grad: true);
        var w = z.mul(z).sum();
        w.backward(retain_graph: true);
        w.backward();
        Assert.Equal([8f], z.grad!.ToArray()); // 2·(2z) = 8
    }

    [Fact]
    public void BackwardOfANonScalarNeedsAGradient()
    {
        var x = torch.ones([2, 3], requires_grad: true);
        var y = x.mul(2f);
        var e = Assert.Throws<InvalidOperationException>(() => y.backward());
        Assert.Contains("backward: grad can be implicitly created only for scalar outputs", e.Message);
        Assert.Contains("[2, 3]", e.Message);

        var wrong = Assert.Throws<ArgumentException>(() => y.backward(torch.ones(3, 2)));
        Assert.Contains("backward: gradient has shape [3, 2] but the tensor has shape [2, 3]", wrong.Message);
    }

    [Fact]
    public void BackwardWithAGivenGradient()
    {
        var x = torch.tensor([1f, 2f, 3f], requires_grad: true);
        var y = x.mul(x); // dy/dx = 2x
        y.backward(torch.tensor([1f, 0.5f, -1f]));
        Assert.Equal([2f, 2f, -6f], x.grad!.ToArray());
        // A one-element non-scalar also works without a gradient.
        var s = torch.tensor([4f], requires_grad: true);
        s.mul(3f).backward();
        Assert.Equal([3f], s.grad!.ToArray());
    }

    [Fact]
    public void BackwardOnATensorWithoutGradIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => torch.ones(1).mul(2f).sum().backward());
        Assert.Contains("does not require grad", e.Message);
    }

    [Fact]
    public void DetachStopsGradients()
    {
        var x = torch.tensor([3f], requires_grad: true);
        var d = x.detach();
        Assert.False(d.requires_grad);
        Assert.True(d.is_leaf);
        Assert.Equal(x.ToArray(), d.ToArray());
        // z = x · stop(x): dz/dx = stop(x) = 3, not 2x = 6.
        x.mul(x.detach()).sum().backward();
        Assert.Equal([3f], x.grad!.ToArray());
    }

    [Fact]
    public void RequiresGradOfANonLeafCannotBeTurnedOff()
    {
        var x = torch.ones([2], requires_grad: true);
        var y = x.mul(2f);
        Assert.False(y.is_leaf);
        Assert.True(y.requires_grad);
        Assert.NotNull(y.grad_fn);
        Assert.Equal("mul", y.grad_fn!.Name);
        var e = Assert.Throws<InvalidOperationException>(() => y.requires_grad = false);
        Assert.Contains("only change requires_grad of leaf tensors", e.Message);
        Assert.Contains("detach()", e.Message);
        // On a leaf it can be switched freely.
        var leaf = torch.ones(2).requires_grad_();
        Assert.True(leaf.requires_grad);
        leaf.requires_grad = false;
        Assert.False(leaf.requires_grad);
    }

    [Fact]
    public void ADiamondGraphSumsTheGradientsOfBothPaths()
    {
        // y = 3x is used twice: z = y·y + y, dz/dx = (2y + 1)·3 = 39 at x = 2 (y = 6).
        var x = torch.tensor(2f, requires_grad: true);
        var y = x.mul(3f);
        y.mul(y).add(y).backward();
        Assert.Equal(39f, x.grad!.item());
        // x used twice directly: d(x·x + x)/dx = 2x + 1 = 5.
        var t = torch.tensor(2f, requires_grad: true);
        t.mul(t).add(t).backward();
        Assert.Equal(5f, t.grad!.item());
        GradOk(v => v[0].exp().mul(v[0].sin()).add(v[0].exp()), Randn(3, 4));
    }

    [Fact]
    public void ALongChainDoesNotOverflowTheStack()
    {
        // 10 000 recorded ops: a recursive graph walk would blow the stack long before this.
        var x = torch.tensor([1f], requires_grad: true);
        var y = x;
        for (var i = 0; i < 10_000; i++)
        {
            y = y.add(1f);
        }

        y.mul(2f).sum().backward();
        Assert.Equal(10_001f, y.item());
        Assert.Equal([2f], x.grad!.ToArray());
    }

    [Fact]
    public void GradientsAreNotRecordedAndDoNotAlias()
    {
        var x = torch.tensor([1f, 2f], requires_grad: true);
        x.mul(x).sum().backward();
        Assert.False(x.grad!.requires_grad);
        Assert.Null(x.grad.grad_fn);
        // Two leaves receiving the same upstream gradient each own a copy.
        var a = torch.tensor([1f], requires_grad: true);
        var b = torch.tensor([1f], requires_grad: true);
        a.add(b).sum().backward();
        using (torch.no_grad())
        {
            a.grad!.add_(10f);
        }

        Assert.Equal([1f], b.grad!.ToArray());
    }

    [Fact]
    public void GradAssignmentChecksTheShape()
    {
        var x = torch.zeros([2, 3], requires_grad: true);
        x.grad = torch.ones(2, 3);
        Assert.Equal(6f, x.grad.sum().item());
        var e = Assert.Throws<ArgumentException>(() => x.grad = torch.ones(3));
        Assert.Contains("grad: assigned gradient has shape [3] but the tensor has shape [2, 3]", e.Message);
    }

    [Fact]
    public void InPlaceUpdateOfALeafThatRequiresGradNeedsNoGrad()
    {
        var w = torch.ones([2], requires_grad: true);
        var e = Assert.Throws<InvalidOperationException>(() => w.add_(torch.ones(2)));
        Assert.Contains("add_: a tensor that requires grad is being modified in place", e.Message);
        Assert.Contains("torch.no_grad()", e.Message);
        Assert.Throws<InvalidOperationException>(() => w.mul_(2f));
        Assert.Throws<InvalidOperationException>(() => w.zero_());
        using (torch.no_grad())
        {
            w.add_(torch.ones(2)).mul_(3f);
        }

        Assert.Equal([6f, 6f], w.ToArray());
    }

    [Fact]
    public void NoGradScopesNestAndRestore()
    {
        var x = torch.ones([2], requires_grad: true);
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(x.mul(2f).requires_grad);
            using (torch.enable_grad())
            {
                Assert.True(torch.is_grad_enabled());
                Assert.True(x.mul(2f).requires_grad);
            }

            Assert.False(torch.is_grad_enabled());
            var scope = torch.no_grad();
            scope.Dispose();
            scope.Dispose(); // a second dispose changes nothing
            Assert.False(torch.is_grad_enabled());
        }

        Assert.True(torch.is_grad_enabled());
        Assert.True(x.mul(2f).requires_grad);
    }

    [Fact]
    public async Task NoGradFollowsTheCodeAcrossAwaitsAndThreadHops()
    {
        var x = torch.ones([2], requires_grad: true);
        await HopAroundInsideNoGrad(x);
        Assert.True(torch.is_grad_enabled());
        Assert.True(x.mul(2f).requires_grad);
    }

    // Not the test method itself: xunit forbids ConfigureAwait(false) there, and the hop to a pool thread is the point.
    private static async Task HopAroundInsideNoGrad(Tensor x)
    {
        using (torch.no_grad())
        {
            await Task.Yield();
            Assert.False(torch.is_grad_enabled());
            Assert.False(x.mul(2f).requires_grad);

            var insideRun = await Task.Run(() => (torch.is_grad_enabled(), x.mul(2f).requires_grad)).ConfigureAwait(false);
            Assert.Equal((false, false), insideRun);
            // Now on a pool thread (ConfigureAwait(false)): the scope came along.
            Assert.False(torch.is_grad_enabled());
            Assert.False(x.mul(2f).requires_grad);

            await Task.Delay(1).ConfigureAwait(false);
            Assert.False(torch.is_grad_enabled());
        }

        // Disposed on whatever thread we ended up on: recording is back on here too.
        Assert.True(torch.is_grad_enabled());
        Assert.True(x.mul(2f).requires_grad);
    }

    [Fact]
    public void NoGradDoesNotLeakIntoAThreadStartedOutsideTheScope()
    {
        var x = torch.ones([2], requires_grad: true);
        using var scopeOpened = new ManualResetEventSlim();
        (bool Enabled, bool Records)? other = null;
        // Started before the scope opens, so it does not inherit it; it runs its op while the scope is open.
        var thread = new Thread(() =>
        {
            scopeOpened.Wait();
            other = (torch.is_grad_enabled(), x.mul(2f).requires_grad);
        });
        thread.Start();
        using (torch.no_grad())
        {
            scopeOpened.Set();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
            Assert.False(torch.is_grad_enabled());
            Assert.False(x.mul(2f).requires_grad);
        }

        Assert.Equal((true, true), other);
    }

    [Fact]
    public void ABackwardWithTheWrongGradientShapeNamesTheOp()
    {
        var x = torch.ones([2, 3], requires_grad: true);
        Tensor y;
        using (torch.no_grad())
        {
            y = x.sum(1);
        }

        // A deliberately broken op whose backward forgets to expand the gradient back to [2, 3].
        y = Tensor.Record(y, "broken_sum", [x], g => [g]);
        var e = Assert.Throws<InvalidOperationException>(() => y.sum().backward());
        Assert.Contains("op 'broken_sum' returned a gradient of shape [2] for its input 0 of shape [2, 3]", e.Message);
    }
}

/// <summary>Changes the process-wide grad mode, so it runs apart from every other test.</summary>
[Collection(GlobalStateCollection.Name)]
public class GlobalGradModeTests
{
    [Fact]
    public async Task SetGradEnabledPersistsOutsideAnyScope()
    {
        var x = torch.ones([2], requires_grad: true);
        try
        {
            torch.set_grad_enabled(false);
            Assert.False(torch.is_grad_enabled());
            Assert.False(x.mul(2f).requires_grad);
            await Task.Run(() => Assert.False(torch.is_grad_enabled()));
            Assert.False(torch.is_grad_enabled());
            // A thread that knows nothing of this code sees it too: it is the process-wide default.
            var seen = true;
            var thread = new Thread(() => seen = torch.is_grad_enabled());
            thread.Start();
            thread.Join();
            Assert.False(seen);
            using (torch.enable_grad())
            {
                Assert.True(x.mul(2f).requires_grad);
            }

            Assert.False(torch.is_grad_enabled());
        }
        finally
        {
            torch.set_grad_enabled(true);
        }

        Assert.True(torch.is_grad_enabled());
        Assert.True(x.mul(2f).requires_grad);
    }
}
