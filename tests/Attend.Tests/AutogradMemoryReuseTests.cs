namespace Attend.Tests;

/// <summary>
/// The backward pass hands a gradient it alone holds straight to .grad and frees consumed gradients early
/// (their buffers go back to the pool). These tests use tensors large enough to be pooled (≥ 21,250 floats)
/// and check that no gradient the user can see is ever shared with, or overwritten by, another.
/// </summary>
public class AutogradMemoryReuseTests
{
    private const int Rows = 150, Cols = 160; // 24,000 floats: pooled

    [Fact]
    public void GradientsOfTwoInputsToAnAddAreSeparateTensors()
    {
        var a = torch.randn(Rows, Cols).requires_grad_();
        var b = torch.randn(Rows, Cols).requires_grad_();
        a.add(b).sum().backward();   // add hands the same gradient tensor to both inputs
        a.grad!.add_(1f);
        Assert.All(a.grad.ToArray(), v => Assert.Equal(2f, v));
        Assert.All(b.grad!.ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void TensorUsedTwiceGetsTheSumOfBothPaths()
    {
        torch.manual_seed(1);
        var x = torch.randn(Rows, Cols).requires_grad_();
        x.mul(x).add(x).sum().backward();   // d/dx (x² + x) = 2x + 1
        var xs = x.ToArray();
        var grad = x.grad!.ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            Close((2 * xs[i]) + 1, grad[i]);
        }
    }

    [Fact]
    public void GradientsThroughViewsAreNotFreedWhileAViewNeedsThem()
    {
        torch.manual_seed(2);
        var x = torch.randn(Rows, Cols).requires_grad_();
        var y = x.reshape(Cols, Rows).mul(3f).reshape(Rows * Cols).reshape(Rows, Cols);
        y.mul(y.detach()).sum().backward();   // d/dx Σ 3x·(3x) with the second factor constant = 9x
        var xs = x.ToArray();
        var grad = x.grad!.ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            Close(9 * xs[i], grad[i]);
        }
    }

    [Fact]
    public void AGradientTheUserKeptIsNeverReused()
    {
        torch.manual_seed(3);
        var x = torch.randn(Rows, Cols);
        var w = torch.randn(Rows, Cols).requires_grad_();
        x.mul(w).tanh().sum().backward();
        var kept = w.grad!;
        var before = kept.ToArray();

        // More passes allocate and free many buffers of the same size; the kept gradient must not change.
        for (var step = 0; step < 5; step++)
        {
            w.grad = null;
            x.mul(step + 2f).mul(w).tanh().mul(w).sum().backward();
        }

        Assert.Equal(before, kept.ToArray());
        Assert.NotSame(kept, w.grad);
    }

    [Fact]
    public void GradientsAccumulateOverBackwardCallsAndRetainedGraphs()
    {
        var x = torch.randn(Rows, Cols);
        var w = torch.randn(Rows, Cols).requires_grad_();
        var loss = x.mul(w).mul(2f).sum();
        loss.backward(retain_graph: true);
        loss.backward();
        var xs = x.ToArray();
        var grad = w.grad!.ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            Close(4 * xs[i], grad[i]);
        }
    }

    [Fact]
    public void AGradientPassedToBackwardIsNeitherFreedNorShared()
    {
        var x = torch.randn(Rows, Cols).requires_grad_();
        var seed = torch.full([Rows, Cols], 0.5f);
        x.add(1f).backward(seed);   // add(scalar) passes the incoming gradient through unchanged
        x.grad!.mul_(4f);
        Assert.All(seed.ToArray(), v => Assert.Equal(0.5f, v));
        Assert.All(x.grad.ToArray(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void ChainOfLargeOpsMatchesTheChainRule()
    {
        // y = Σ tanh(2x)·3: dy/dx = 6·(1 − tanh²(2x)); every intermediate gradient is freed along the way.
        torch.manual_seed(4);
        var x = torch.randn(Rows, Cols).requires_grad_();
        x.mul(2f).tanh().mul(3f).sum().backward();
        var xs = x.ToArray();
        var grad = x.grad!.ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            var t = MathF.Tanh(2 * xs[i]);
            Close(6 * (1 - (t * t)), grad[i]);
        }
    }

    [Fact]
    public void TwoViewsOfOneGradientToInputsThatAlsoGetOtherGradients()
    {
        // An op whose backward hands views of the same buffer to both inputs; b also gets 2 from another path and
        // a gets 5, so both sums must read the shared buffer before anything is freed.
        var a = torch.randn(Rows, Cols).requires_grad_();
        var b = torch.randn(Rows, Cols).requires_grad_();
        var joined = Tensor.Record(a.detach().add(b.detach()), "twoViews", [a, b],
                                   g => [g.reshape(Rows * Cols).reshape(Rows, Cols), g.reshape(Cols, Rows).reshape(Rows, Cols)]);
        joined.sum().add(b.mul(2f).sum()).add(a.mul(5f).sum()).backward();
        Assert.All(a.grad!.ToArray(), v => Assert.Equal(6f, v));
        Assert.All(b.grad!.ToArray(), v => Assert.Equal(3f, v));
    }

    [Fact]
    public void AGradientPassedThroughReshapesToALeafIsItsOwn()
    {
        var w = torch.randn(Rows, Cols).requires_grad_();
        var other = torch.randn(Rows, Cols).requires_grad_();
        w.reshape(Cols, Rows).mul(3f).reshape(Rows, Cols).add(other.mul(2f)).sum().backward();
        w.grad!.add_(1f);
        Assert.All(w.grad.ToArray(), v => Assert.Equal(4f, v));
        Assert.All(other.grad!.ToArray(), v => Assert.Equal(2f, v));
    }

    /// <summary>float32 agreement: a few units in the last place of the expected value.</summary>
    private static void Close(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5f * Math.Max(1f, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
