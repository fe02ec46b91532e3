using Attend.Autograd;
using static Attend.Tests.TestData;

namespace Attend.Tests;

/// <summary>
/// The gradient checker is what every other gradient test trusts, so it is tested both ways: it accepts correct
/// backwards, and it rejects backwards that are wrong in the ways real bugs are (a factor, a dropped term, a
/// transposed matrix). Each broken op is built with <see cref="Tensor.Record"/> next to its correct twin.
/// </summary>
public class GradCheckTests
{
    /// <summary>An op computed without recording, then given the hand-written <paramref name="backward"/>.</summary>
    private static Tensor Custom(string name, Tensor[] inputs, Func<Tensor> forward, Func<Tensor, Tensor?[]> backward)
    {
        Tensor result;
        using (torch.no_grad())
        {
            result = forward();
        }

        return Tensor.Record(result, name, inputs, backward);
    }

    // f(x) = 3x²: the right gradient is 6x·g; the broken one is off by a factor 2.
    private static Tensor ThreeSquared(Tensor x, float factor) =>
        Custom("three_squared", [x], () => x.mul(x).mul(3f), g => [g.mul(x).mul(6f * factor)]);

    // f(x, y) = x·y + x: ∂f/∂x = y + 1; the broken one drops the "+ 1".
    private static Tensor MulAdd(Tensor x, Tensor y, bool dropTerm) =>
        Custom("mul_add", [x, y], () => x.mul(y).add(x), g => [dropTerm ? g.mul(y) : g.mul(y).add(g), g.mul(x)]);

    // f(A, B) = A·B: ∂L/∂A = G·Bᵀ; the broken one returns its transpose (same shape for square matrices).
    private static Tensor Product(Tensor a, Tensor b, bool transposeGrad) =>
        Custom("product", [a, b], () => a.matmul(b), g =>
        {
            var ga = g.matmul(b.t());
            return [transposeGrad ? ga.t() : ga, a.t().matmul(g)];
        });

    [Fact]
    public void AcceptsCorrectBackwards()
    {
        GradOk(x => ThreeSquared(x[0], 1f), Randn(1, 2, 3));
        GradOk(x => MulAdd(x[0], x[1], dropTerm: false), Randn(2, 2, 3), Randn(3, 2, 3));
        GradOk(x => Product(x[0], x[1], transposeGrad: false), Randn(4, 3, 3), Randn(5, 3, 3));
        Assert.True(torch.autograd.gradcheck(x => x[0].tanh().matmul(x[1]).softmax(-1).log().sum(0), [Randn(6, 2, 3), Randn(7, 3, 4)]));
    }

    [Fact]
    public void CatchesAGradientOffByAFactorOfTwo()
    {
        var result = GradCheck.Check(x => ThreeSquared(x[0], 2f), [Randn(1, 2, 3)]);
        Assert.False(result.Passed, result.Report);
        Assert.Contains("MISMATCH", result.Report);
        // Half as large is caught too.
        Assert.False(GradCheck.Check(x => ThreeSquared(x[0], 0.5f), [Randn(1, 2, 3)]).Passed);
    }

    [Fact]
    public void CatchesADroppedTerm()
    {
        var result = GradCheck.Check(x => MulAdd(x[0], x[1], dropTerm: true), [Randn(2, 2, 3), Randn(3, 2, 3)]);
        Assert.False(result.Passed, result.Report);
    }

    [Fact]
    public void CatchesATransposedGradient()
    {
        var result = GradCheck.Check(x => Product(x[0], x[1], transposeGrad: true), [Randn(4, 3, 3), Randn(5, 3, 3)]);
        Assert.False(result.Passed, result.Report);
    }

    [Fact]
    public void CatchesAWrongSignAndAMissingGradient()
    {
        var x = Randn(8, 4);
        Assert.False(GradCheck.Check(v => Custom("neg_sin", [v[0]], () => v[0].sin(), g => [g.mul(v[0].cos()).neg()]), [x]).Passed);
        Assert.False(GradCheck.Check(v => Custom("no_grad", [v[0]], () => v[0].exp(), _ => [null]), [x]).Passed);
    }

    [Fact]
    public void CatchesAnErrorInTheSecondInputOnly()
    {
        // ∂(x·y)/∂y = x, but this backward returns 2x for y while x's part is right.
        var result = GradCheck.Check(
            v => Custom("half_wrong", [v[0], v[1]], () => v[0].mul(v[1]), g => [g.mul(v[1]), g.mul(v[0]).mul(2f)]),
            [Randn(9, 3), Randn(10, 3)]);
        Assert.False(result.Passed, result.Report);
    }

    [Fact]
    public void TorchGradcheckThrowsWithTheReportOrReturnsFalse()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            torch.autograd.gradcheck(x => ThreeSquared(x[0], 2f), [Randn(1, 2, 3)]));
        Assert.Contains("gradcheck: backward disagrees with finite differences", e.Message);
        Assert.Contains("MISMATCH", e.Message);
        Assert.False(torch.autograd.gradcheck(x => ThreeSquared(x[0], 2f), [Randn(1, 2, 3)], raise_exception: false));
    }

    [Fact]
    public void ReportHasOneLinePerDirectionAndLeavesNoGradients()
    {
        var x = Randn(11, 3);
        var result = GradCheck.Check(v => v[0].exp(), [x], directions: 5);
        Assert.True(result.Passed, result.Report);
        Assert.Equal(5, result.Report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(result.Report.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.EndsWith("ok", line.TrimEnd()));
        Assert.Null(x.grad);
    }

    [Fact]
    public void InputsMustRequireGrad()
    {
        var e = Assert.Throws<ArgumentException>(() => GradCheck.Check(x => x[0].exp(), [torch.ones(2, 2)]));
        Assert.Contains("gradcheck: input 0 (shape [2, 2]) does not require grad", e.Message);
    }
}
