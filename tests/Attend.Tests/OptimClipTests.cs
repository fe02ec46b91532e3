using static Attend.Tests.OptimHelpers;

namespace Attend.Tests;

public class OptimClipTests
{
    private static (Parameter A, Parameter B) TwoWithGrads()
    {
        var a = Param(0, 0);
        var b = Param(0);
        a.grad = torch.tensor(new float[] { 3, 4 });
        b.grad = torch.tensor(new float[] { -12 });
        return (a, b);
    }

    [Fact]
    public void ClipGradNormScalesAllGradientsTogether()
    {
        var (a, b) = TwoWithGrads();
        var unused = Param(1);  // no grad: ignored
        // total 2-norm = √(3² + 4² + 12²) = √169 = 13; max_norm 6.5 → scale 6.5/(13 + 1e-6) ≈ 0.5
        var total = torch.nn.utils.clip_grad_norm_([a, b, unused], max_norm: 6.5);
        Assert.Equal(13f, total, 5);
        var scale = 6.5 / (13 + 1e-6);
        Close([3 * scale, 4 * scale], a.grad!);
        Close([-12 * scale], b.grad!);
        Assert.Null(unused.grad);
    }

    [Fact]
    public void ClipGradNormLeavesSmallGradientsAlone()
    {
        var (a, b) = TwoWithGrads();
        Assert.Equal(13f, torch.nn.utils.clip_grad_norm_([a, b], max_norm: 20), 5);
        Close([3, 4], a.grad!);
        Close([-12], b.grad!);
    }

    [Fact]
    public void ClipGradNormOtherNorms()
    {
        var (a, b) = TwoWithGrads();
        // ∞-norm: max |g| = 12; clip to 6 → scale 6/(12 + 1e-6)
        Assert.Equal(12f, torch.nn.utils.clip_grad_norm_([a, b], 6, double.PositiveInfinity), 5);
        Close([-12 * 6 / (12 + 1e-6)], b.grad!);
        (a, b) = TwoWithGrads();
        // 1-norm: 3 + 4 + 12 = 19
        Assert.Equal(19f, torch.nn.utils.clip_grad_norm_([a, b], 100, 1), 5);
    }

    [Fact]
    public void ClipGradValueClampsEachElement()
    {
        var (a, b) = TwoWithGrads();
        torch.nn.utils.clip_grad_value_([a, b], 3.5);
        Close([3, 3.5], a.grad!);
        Close([-3.5], b.grad!);
    }

    [Fact]
    public void ClipArgumentsAreChecked()
    {
        var (a, _) = TwoWithGrads();
        Assert.Contains("max_norm", Assert.ThrowsAny<ArgumentException>(() => torch.nn.utils.clip_grad_norm_([a], -1)).Message);
        Assert.Contains("clip_value", Assert.ThrowsAny<ArgumentException>(() => torch.nn.utils.clip_grad_value_([a], -1)).Message);
        Assert.Equal(0f, torch.nn.utils.clip_grad_norm_([Param(1)], 1));
    }
}
