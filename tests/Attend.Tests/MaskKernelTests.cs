namespace Attend.Tests;

/// <summary>The branch-free derivative masks (sign, relu's step, clamp's range) on vector bodies and tails.</summary>
public class MaskKernelTests
{
    // 19 values: two 8-wide vectors (or four 4-wide) and a tail; NaN and infinities included.
    private static readonly float[] Values =
    [
        -2f, 0f, 3f, -0.5f, 0.25f, float.NaN, -0f, 7f, 1f, -1f, 0.5f, float.PositiveInfinity, float.NegativeInfinity,
        2f, -3f, 0.999f, 1.001f, 0f, -7f,
    ];

    [Fact]
    public void SignIsMinusOneZeroOrOne()
    {
        var expected = Values.Select(v => v > 0 ? 1f : v < 0 ? -1f : 0f).ToArray();
        Assert.Equal(expected, torch.tensor(Values).sign().ToArray());
    }

    [Fact]
    public void ReluGradientIsOneWherePositive()
    {
        var x = torch.tensor(Values, requires_grad: true);
        x.relu().backward(torch.ones(Values.Length));
        Assert.Equal(Values.Select(v => v > 0 ? 1f : 0f).ToArray(), x.grad!.ToArray());
    }

    [Fact]
    public void ClampGradientIsOneInsideTheRange()
    {
        var x = torch.tensor(Values, requires_grad: true);
        x.clamp(-1f, 1f).backward(torch.ones(Values.Length));
        Assert.Equal(Values.Select(v => v >= -1f && v <= 1f ? 1f : 0f).ToArray(), x.grad!.ToArray());
    }
}
