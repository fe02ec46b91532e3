using static Attend.Tests.TestData;

namespace Attend.Tests;

public class ElementwiseTests
{
    // ---- gradient checks ---------------------------------------------------------------------------------

    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Unary = new()
    {
        ["neg"] = (x => x[0].neg(), () => [Randn(1, 2, 3)]),
        ["exp"] = (x => x[0].exp(), () => [Randn(2, 2, 3)]),
        ["log"] = (x => x[0].log(), () => [Positive(3, 2, 3)]),
        ["sqrt"] = (x => x[0].sqrt(), () => [Positive(4, 2, 3)]),
        ["abs"] = (x => x[0].abs(), () => [AwayFromZero(5, 2, 3)]),
        ["tanh"] = (x => x[0].tanh(), () => [Randn(6, 2, 3)]),
        ["sigmoid"] = (x => x[0].sigmoid(), () => [Randn(7, 2, 3)]),
        ["relu"] = (x => x[0].relu(), () => [AwayFromZero(8, 2, 3)]),
        ["softplus"] = (x => x[0].softplus(), () => [Randn(9, 2, 3)]),
        ["sin"] = (x => x[0].sin(), () => [Randn(10, 2, 3)]),
        ["cos"] = (x => x[0].cos(), () => [Randn(11, 2, 3)]),
        // Inside, below and above [-1, 1], every value at least 0.3 from a bound.
        ["clamp"] = (x => x[0].clamp(-1f, 1f), () => [Leaf([-2f, -1.5f, -0.5f, 0f, 0.6f, 1.4f, 2.5f, -0.2f], 2, 4)]),
        ["clamp min only"] = (x => x[0].clamp(min: 0.5f), () => [Leaf([-1f, 0.1f, 0.9f, 2f], 4)]),
        ["clamp max only"] = (x => x[0].clamp(max: 0.5f), () => [Leaf([-1f, 0.1f, 0.9f, 2f], 4)]),
        ["pow 3"] = (x => x[0].pow(3f), () => [Randn(12, 2, 3)]),
        ["pow 2"] = (x => x[0].pow(2f), () => [Randn(13, 2, 3)]),
        ["pow -1.5"] = (x => x[0].pow(-1.5f), () => [Positive(14, 2, 3)]),
        ["pow 0.5"] = (x => x[0].pow(0.5f), () => [Positive(15, 2, 3)]),
        ["square"] = (x => x[0].square(), () => [Randn(16, 3)]),
        ["reciprocal"] = (x => x[0].reciprocal(), () => [Positive(17, 3)]),
        ["add scalar"] = (x => x[0].add(2.5f), () => [Randn(18, 2, 3)]),
        ["sub scalar"] = (x => x[0].sub(2.5f), () => [Randn(19, 2, 3)]),
        ["mul scalar"] = (x => x[0].mul(-3f), () => [Randn(20, 2, 3)]),
        ["div scalar"] = (x => x[0].div(4f), () => [Randn(21, 2, 3)]),
        ["rsub"] = (x => x[0].rsub(2f), () => [Randn(22, 2, 3)]),
        ["rdiv"] = (x => x[0].rdiv(3f), () => [Positive(23, 2, 3)]),
        ["operators with scalars"] = (x => (2f - x[0]) * 3f + (1f / x[0]) - x[0] / 2f + (1f + x[0]), () => [Positive(24, 2, 3)]),
        ["scalar (0-D) input"] = (x => x[0].exp().mul(x[0]), () => [Leaf([0.7f])]),
    };

    public static TheoryData<string> UnaryCases => [.. Unary.Keys];

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void UnaryBackwardMatchesFiniteDifferences(string op)
    {
        var (f, inputs) = Unary[op];
        GradOk(f, inputs());
    }

    // Each binary op on four broadcasting patterns. Inputs: a is a safe base (positive) for every op; b is
    // positive (a divisor), and max/min get b = a ± something so no pair ties.
    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> BinaryOps = new()
    {
        ["add"] = (a, b) => a.add(b),
        ["add alpha"] = (a, b) => a.add(b, -2f),
        ["sub"] = (a, b) => a.sub(b),
        ["mul"] = (a, b) => a.mul(b),
        ["div"] = (a, b) => a.div(b),
        ["pow"] = (a, b) => a.pow(b),
        ["maximum"] = (a, b) => a.maximum(b),
        ["minimum"] = (a, b) => a.minimum(b),
        ["operators"] = (a, b) => (a + b) * (a - b) / b,
    };

    private static readonly Dictionary<string, (int[] A, int[] B)> Shapes = new()
    {
        ["[2,3]·[2,3]"] = ([2, 3], [2, 3]),
        ["[2,3]·[3]"] = ([2, 3], [3]),
        ["[2,1]·[1,3]"] = ([2, 1], [1, 3]),
        ["[4,1,3]·[2,3]"] = ([4, 1, 3], [2, 3]),
        ["[2,3]·scalar"] = ([2, 3], []),
        ["scalar·[2,3]"] = ([], [2, 3]),
    };

    public static TheoryData<string, string> BinaryCases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var op in BinaryOps.Keys)
            {
                foreach (var shape in Shapes.Keys)
                {
                    data.Add(op, shape);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void BinaryBackwardMatchesFiniteDifferencesWithBroadcasting(string op, string shapes)
    {
        var (shapeA, shapeB) = Shapes[shapes];
        var a = Positive(31, shapeA);
        var b = Positive(32, shapeB);
        if (op is "maximum" or "minimum")
        {
            // Distinct values 0.5 apart on one side and 0.25 offsets on the other: never closer than 0.25.
            a = Leaf(Distinct(33, shapeA).ToArray(), shapeA);
            b = Leaf(Distinct(34, shapeB).ToArray().Select(v => v + 0.25f).ToArray(), shapeB);
        }

        var f = BinaryOps[op];
        GradOk(x => f(x[0], x[1]), a, b);
    }

    [Fact]
    public void BinaryOpWithOneInputNotRequiringGradChecksTheOther()
    {
        var a = Positive(40, 2, 3);
        var constant = torch.tensor([0.5f, 1.5f, 2f]);
        GradOk(x => x[0].mul(constant).div(constant.add(1f)).pow(constant), a);
        GradOk(x => constant.div(x[0]).sub(constant.pow(x[0])), a);
    }

    // ---- forward values, computed by hand ------------------------------------------------------------------

    [Fact]
    public void UnaryForwardValues()
    {
        Close([-1f, 2f, -0f], torch.tensor([1f, -2f, 0f]).neg());
        Close([1f, MathF.E, 1f / MathF.E], torch.tensor([0f, 1f, -1f]).exp());
        Close([0f, 1f, -0.6931472f], torch.tensor([1f, MathF.E, 0.5f]).log());
        Close([2f, 0.5f, 1.4142135f], torch.tensor([4f, 0.25f, 2f]).sqrt());
        Close([3f, 0f, 2.5f], torch.tensor([-3f, 0f, 2.5f]).abs());
        Close([-1f, 0f, 1f], torch.tensor([-3f, 0f, 2.5f]).sign());
        // tanh 1 = (e − 1/e)/(e + 1/e) = 0.7615942; σ(2) = 1/(1 + e^−2) = 0.8807971.
        Close([0f, 0.7615942f, -0.7615942f], torch.tensor([0f, 1f, -1f]).tanh());
        Close([0.5f, 0.8807971f, 0.1192029f], torch.tensor([0f, 2f, -2f]).sigmoid());
        Close([0f, 0f, 2f], torch.tensor([-1f, 0f, 2f]).relu());
        Close([1f, 0f], torch.tensor([MathF.PI / 2, 0f]).sin());
        Close([1f, -1f], torch.tensor([0f, MathF.PI]).cos());
        Close([-1f, 0.5f, 1f], torch.tensor([-2f, 0.5f, 3f]).clamp(-1f, 1f));
        Close([0f, 0.5f, 3f], torch.tensor([-2f, 0.5f, 3f]).clamp(min: 0f));
        Close([-2f, 0.5f, 1f], torch.tensor([-2f, 0.5f, 3f]).clip(max: 1f));
        Close([8f, 27f, -8f], torch.tensor([2f, 3f, -2f]).pow(3f));
        Close([0.5f, 2f], torch.tensor([4f, 0.25f]).pow(-0.5f));
        Close([1f, 1f], torch.tensor([5f, -3f]).pow(0f));
        Close([9f, 0.25f], torch.tensor([3f, -0.5f]).square());
        Close([0.5f, -4f], torch.tensor([2f, -0.25f]).reciprocal());
    }

    [Fact]
    public void SoftplusIsStableForLargeInputs()
    {
        // softplus(0) = ln 2; softplus(100) = 100 + ln(1 + e^−100) = 100; softplus(−100) = e^−100 ≈ 0.
        var y = torch.tensor([0f, 100f, -100f, 1f]).softplus().ToArray();
        Assert.Equal(0.6931472f, y[0], 6);
        Assert.Equal(100f, y[1]);
        Assert.InRange(y[2], 0f, 1e-40f);
        Assert.Equal(1.3132616f, y[3], 6); // ln(1 + e)
    }

    [Fact]
    public void ScalarArithmeticForwardValues()
    {
        var x = torch.tensor([0.25f, 3f]);
        Close([2.75f, 5.5f], x.add(2.5f));
        Close([-0.75f, 2f], x.sub(1f));
        Close([-0.5f, -6f], x.mul(-2f));
        Close([0.125f, 1.5f], x.div(2f));
        Close([0.75f, -2f], x.rsub(1f));       // 1 − x
        Close([24f, 2f], x.rdiv(6f));           // 6 / x
        Close([0.75f, -2f], 1f - x);
        Close([24f, 2f], 6f / x);
        Close([1.25f, 4f], 1f + x);
        Close([0.5f, 6f], 2f * x);
        Close([-0.25f, -3f], -x);
    }

    [Fact]
    public void BroadcastingForwardValues()
    {
        var m = torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);
        // [2,3] + [3]: the row vector is added to each row.
        Close([11f, 22f, 33f, 14f, 25f, 36f], [2, 3], m.add(torch.tensor([10f, 20f, 30f])));
        // [2,1] * [1,3]: an outer product.
        Close([3f, 4f, 5f, 6f, 8f, 10f], [2, 3], torch.tensor([1f, 2f], [2, 1]).mul(torch.tensor([3f, 4f, 5f], [1, 3])));
        // [4,1,3] / [2,3] → [4,2,3]: slice i is [i+1, i+1, i+1] / each row.
        var num = torch.tensor(Enumerable.Range(1, 4).SelectMany(i => new float[] { i, i, i }).ToArray(), [4, 1, 3]);
        var den = torch.tensor([1f, 2f, 4f, 8f, 1f, 0.5f], [2, 3]);
        // q[i, j, k] = (i + 1) / den[j, k].
        Close([1f, 0.5f, 0.25f, 0.125f, 1f, 2f,
               2f, 1f, 0.5f, 0.25f, 2f, 4f,
               3f, 1.5f, 0.75f, 0.375f, 3f, 6f,
               4f, 2f, 1f, 0.5f, 4f, 8f], [4, 2, 3], num.div(den));
        // Scalar tensor − [2,3], and [2,3] − scalar tensor.
        Close([9f, 8f, 7f, 6f, 5f, 4f], torch.tensor(10f).sub(m));
        Close([-9f, -8f, -7f, -6f, -5f, -4f], m.sub(torch.tensor(10f)));
        Close([2f, 4f, 8f, 16f, 32f, 64f], torch.tensor(2f).pow(m));
        Close([1f, 4f, 9f, 16f, 25f, 36f], m.pow(torch.tensor(2f)));
        Close([1f, 4f, 27f, 16f, 125f, 36f], m.pow(torch.tensor([1f, 2f, 3f, 2f, 3f, 2f], [2, 3])));
    }

    [Fact]
    public void MaximumMinimumAndComparisons()
    {
        var a = torch.tensor([1f, 5f, 3f]);
        var b = torch.tensor([2f, 4f, 3f]);
        Close([2f, 5f, 3f], a.maximum(b));
        Close([1f, 4f, 3f], a.minimum(b));
        Close([0f, 0f, 1f], a.eq(b));
        Close([1f, 1f, 0f], a.ne(b));
        Close([1f, 0f, 0f], a.lt(b));
        Close([1f, 0f, 1f], a.le(b));
        Close([0f, 1f, 0f], a.gt(b));
        Close([0f, 1f, 1f], a.ge(b));
        Close([0f, 1f, 1f], a.ge(3f));
        Close([0f, 0f, 1f], a.eq(3f));
        Close([1f, 0f, 0f], a.lt(3f));
        // Broadcast comparison [2,1] vs [3] → [2,3].
        Close([0f, 1f, 0f, 0f, 1f, 0f], [2, 3], torch.tensor([3f, 3f], [2, 1]).gt(torch.tensor([3f, 2f, 4f])));
    }

    [Fact]
    public void MaximumSplitsTheGradientEvenlyOnTies()
    {
        // PyTorch's rule: where a == b each side gets half of the gradient.
        var a = torch.tensor([1f, 2f, 5f], requires_grad: true);
        var b = torch.tensor([1f, 3f, 4f], requires_grad: true);
        a.maximum(b).sum().backward();
        Assert.Equal([0.5f, 0f, 1f], a.grad!.ToArray());
        Assert.Equal([0.5f, 1f, 0f], b.grad!.ToArray());
    }

    [Fact]
    public void HandComputedGradientsOfBinaryOps()
    {
        var a = torch.tensor([2f, 3f], requires_grad: true);
        var b = torch.tensor([4f], requires_grad: true);
        // L = Σ a·b + a/b: dL/da = b + 1/b = 4.25; dL/db = Σ (a − a/b²) = (2 + 3) − 5/16 = 4.6875.
        a.mul(b).add(a.div(b)).sum().backward();
        Close([4.25f, 4.25f], a.grad!);
        Close([4.6875f], b.grad!);

        // d(x^y)/dx = y·x^(y−1) = 3·4 = 12 at (2, 3); d/dy = x^y·ln x = 8 ln 2.
        var x = torch.tensor(2f, requires_grad: true);
        var y = torch.tensor(3f, requires_grad: true);
        x.pow(y).backward();
        Assert.Equal(12f, x.grad!.item(), 5);
        Assert.Equal(8f * MathF.Log(2f), y.grad!.item(), 5);
    }

    [Fact]
    public void ClampMinGreaterThanMaxIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.ones(2).clamp(2f, 1f));
        Assert.Contains("clamp", e.Message);
        Assert.Contains("greater than max", e.Message);
    }

    [Fact]
    public void BroadcastErrorNamesTheOpAndBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).add(torch.zeros(4)));
        Assert.StartsWith("add:", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Contains("cannot be broadcast", e.Message);

        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).mul(torch.zeros(3, 2)));
        Assert.StartsWith("mul:", e.Message);
        Assert.Contains("[2, 3] and [3, 2]", e.Message);
    }

    // ---- in place ------------------------------------------------------------------------------------------

    [Fact]
    public void InPlaceOpsComputeInPlace()
    {
        var x = torch.tensor([1f, 2f, 3f, 4f], [2, 2]);
        var same = x.add_(torch.tensor([10f, 20f])).mul_(2f).sub_(torch.ones(2, 2)).div_(torch.tensor(2f));
        Assert.Same(x, same);
        // ((1+10)·2 − 1)/2 = 10.5, ((2+20)·2 − 1)/2 = 21.5, ...
        Close([10.5f, 21.5f, 12.5f, 23.5f], x);
        x.clamp_(11f, 22f);
        Close([11f, 21.5f, 12.5f, 22f], x);
        x.add_(1f).add_(torch.ones(2, 2), alpha: -2f);
        Close([10f, 20.5f, 11.5f, 21f], x);
        x.copy_(torch.tensor([7f, 8f]));
        Close([7f, 8f, 7f, 8f], x);
        x.fill_(3f).mul_(torch.tensor([1f, 2f, 3f, 4f], [2, 2]));
        Close([3f, 6f, 9f, 12f], x);
        x.zero_();
        Close([0f, 0f, 0f, 0f], x);
    }

    [Fact]
    public void InPlaceOpCannotGrowItsTarget()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.zeros(3).add_(torch.zeros(2, 3)));
        Assert.Contains("add_", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[3]", e.Message);
    }
}
