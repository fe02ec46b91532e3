using static Attend.Tests.OpsAssert;
using F = Attend.torch.nn.functional;

namespace Attend.Tests;

public class PoolingTests
{
    private static readonly float[] Image3x3 = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>
    /// Distinct values 0.1 apart in shuffled order, requiring grad: finite differences (steps of about 0.03) then
    /// never change which value wins a window, so max pooling is differentiable at this point.
    /// </summary>
    private static Tensor Separated(long seed, params int[] shape)
    {
        var order = torch.randperm(Tensor.Product(shape), new Generator(seed)).ToArray();
        return torch.tensor(order.Select(v => v * 0.1f).ToArray(), shape, requires_grad: true);
    }

    [Fact]
    public void MaxPoolOfA3x3ImageByHand()
    {
        var x = T(Image3x3, 1, 1, 3, 3);
        // 2×2 windows with stride 1: the bottom-right of each window wins.
        var (values, indices) = F.max_pool2d_with_indices(x, (2, 2), (1, 1));
        Is([1, 1, 2, 2], [5, 6, 8, 9], values);
        Is([1, 1, 2, 2], [4, 5, 7, 8], indices); // flat positions ih·3 + iw in the plane
        // Default stride = kernel size: one window fits in 3×3.
        Is([1, 1, 1, 1], [5], F.max_pool2d(x, 2));
        // Padding 1 (with −∞) and stride 2: windows start at −1 and 1.
        Is([1, 1, 2, 2], [1, 3, 7, 9], F.max_pool2d(x, 2, stride: 2, padding: 1));
    }

    [Fact]
    public void MaxPoolTiesGoToTheFirstMaximumAndNaNPropagates()
    {
        var (values, indices) = F.max_pool2d_with_indices(T([1, 5, 5, 2], 1, 1, 2, 2), (2, 2));
        Is([1, 1, 1, 1], [5], values);
        Is([1, 1, 1, 1], [1], indices);
        Assert.True(float.IsNaN(F.max_pool2d(T([1, float.NaN, 3, 4], 1, 1, 2, 2), 2).item()));
    }

    [Fact]
    public void MaxPoolSendsTheGradientOnlyToEachWinner()
    {
        var x = T([1, 9, 2, 3, /**/ 4, 0, 8, 1, /**/ 5, 6, 7, 2, /**/ 0, 1, 3, 4], 1, 1, 4, 4).requires_grad_();
        var y = F.max_pool2d(x, 2);
        Is([1, 1, 2, 2], [9, 8, 6, 7], y);
        y.mul(T([1, 2, 3, 4], 1, 1, 2, 2)).sum().backward();
        Values([0, 1, 0, 0, /**/ 0, 0, 2, 0, /**/ 0, 3, 4, 0, /**/ 0, 0, 0, 0], x.grad!);

        // Overlapping windows (stride 1): a value that wins two windows gets both gradients.
        var z = T(Image3x3, 1, 1, 3, 3).requires_grad_();
        F.max_pool2d(z, 2, stride: 1).sum().backward();
        Values([0, 0, 0, 0, 1, 1, 0, 1, 1], z.grad!);
    }

    [Fact]
    public void MaxPoolGradcheck()
    {
        GradCheck(ts => F.max_pool2d(ts[0], 2), Separated(1, 2, 3, 4, 6));
        GradCheck(ts => F.max_pool2d(ts[0], 3, stride: 2, padding: 1), Separated(2, 1, 2, 5, 6));
        GradCheck(ts => F.max_pool2d(ts[0], (2, 3), (1, 2)), Separated(3, 2, 1, 4, 7));
    }

    [Fact]
    public void AvgPoolOfA3x3ImageByHand()
    {
        var x = T(Image3x3, 1, 1, 3, 3);
        Is([1, 1, 2, 2], [3, 4, 6, 7], F.avg_pool2d(x, 2, stride: 1)); // (1+2+4+5)/4 = 3, …
        // Padding 1, stride 2: the corner window holds x[0,0] and three padded zeros.
        Is([1, 1, 2, 2], [0.25f, 1.25f, 2.75f, 7], F.avg_pool2d(x, 2, stride: 2, padding: 1));
        // …or, without counting the padding, just x[0,0].
        Is([1, 1, 2, 2], [1, 2.5f, 5.5f, 7], F.avg_pool2d(x, 2, stride: 2, padding: 1, count_include_pad: false));
    }

    [Fact]
    public void AvgPoolGradcheck()
    {
        GradCheck(ts => F.avg_pool2d(ts[0], 2), Randn(4, 2, 3, 4, 6));
        GradCheck(ts => F.avg_pool2d(ts[0], 3, stride: 2, padding: 1), Randn(5, 1, 2, 5, 6));
        GradCheck(ts => F.avg_pool2d(ts[0], 3, stride: 2, padding: 1, count_include_pad: false), Randn(6, 1, 2, 5, 6));
        GradCheck(ts => F.avg_pool2d(ts[0], (3, 2), (1, 2)), Randn(7, 2, 1, 4, 7));
        // The adjoint pair backs each other up: the second derivative goes through AvgPool again.
        var x = Randn(8, 1, 1, 4, 4);
        var g = torch.ones(1, 1, 2, 2).requires_grad_();
        var adjoint = g.AvgPoolAdjointOp(new Backends.Window2d(1, 1, 4, 4, 2, 2, 2, 2, 0, 0), true, "test");
        Values(Enumerable.Repeat(0.25f, 16).ToArray(), adjoint);
        GradCheck(ts => ts[0].AvgPoolAdjointOp(new Backends.Window2d(1, 1, 4, 4, 2, 2, 2, 2, 0, 0), true, "test").mul(x), g);
    }

    [Fact]
    public void AdaptiveAvgPoolMatchesAvgPoolWhenTheSizeDividesAndSplitsOtherwiseAsPyTorch()
    {
        var x = Randn(9, 2, 3, 8, 6);
        Values(F.avg_pool2d(x, (4, 3)).ToArray(), F.adaptive_avg_pool2d(x, 2), 1e-5f);

        // 3 → 2 cells: rows [0, 2) and [1, 3), overlapping as in PyTorch.
        var y = F.adaptive_avg_pool2d(T(Image3x3, 1, 1, 3, 3), (2, 1));
        Is([1, 1, 2, 1], [(1 + 2 + 3 + 4 + 5 + 6) / 6f, (4 + 5 + 6 + 7 + 8 + 9) / 6f], y);
        GradCheck(ts => F.adaptive_avg_pool2d(ts[0], (3, 2)), Randn(10, 1, 2, 5, 7));
        Assert.Equal([4, 2, 2], torch.nn.AdaptiveAvgPool2d(2).call(torch.zeros(4, 7, 7)).shape);
    }

    [Fact]
    public void PoolModulesHaveNoParametersAndTheirDefaultStrideIsTheKernel()
    {
        var pool = torch.nn.MaxPool2d(2);
        Assert.Empty(pool.parameters());
        Assert.Equal("MaxPool2d(kernel_size=2, stride=2, padding=0)", pool.ToString());
        Assert.Equal([2, 3, 4, 5], pool.call(torch.zeros(2, 3, 8, 11)).shape);
        Assert.Equal([3, 2, 2], torch.nn.AvgPool2d(3, stride: 2).call(torch.zeros(3, 5, 6)).shape);
    }

    [Fact]
    public void PoolErrorsNameTheProblem()
    {
        Throws(() => F.max_pool2d(torch.zeros(1, 1, 4, 4), 3, padding: 2), "max_pool2d", "padding (2, 2)", "at most half", "(3, 3)");
        Throws(() => F.avg_pool2d(torch.zeros(1, 1, 2, 2), 3), "avg_pool2d", "3×3 kernel", "2×2", "[1, 1, 2, 2]");
        Throws(() => F.max_pool2d(torch.zeros(4, 4), 2), "max_pool2d", "4-D input", "[4, 4]");
        Throws(() => F.adaptive_avg_pool2d(torch.zeros(1, 1, 4, 4), 0), "adaptive_avg_pool2d", "positive");
    }
}
