using static Attend.Tests.TestData;

namespace Attend.Tests;

public class ReductionTests
{
    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Cases = new()
    {
        ["sum all"] = (x => x[0].sum(), () => [Randn(1, 2, 3, 4)]),
        ["sum all of a scalar"] = (x => x[0].sum(), () => [Leaf([1.5f])]),
        ["sum dim 0"] = (x => x[0].sum(0), () => [Randn(2, 2, 3, 4)]),
        ["sum dim 1"] = (x => x[0].sum(1), () => [Randn(3, 2, 3, 4)]),
        ["sum dim -1"] = (x => x[0].sum(-1), () => [Randn(4, 2, 3, 4)]),
        ["sum dim 1 keepdim"] = (x => x[0].sum(1, keepdim: true), () => [Randn(5, 2, 3, 4)]),
        ["sum dims [0,2]"] = (x => x[0].sum([0, 2]), () => [Randn(6, 2, 3, 4)]),
        ["sum dims [2,0] keepdim"] = (x => x[0].sum([2, 0], keepdim: true), () => [Randn(7, 2, 3, 4)]),
        ["mean all"] = (x => x[0].mean(), () => [Randn(8, 2, 3, 4)]),
        ["mean dim 1"] = (x => x[0].mean(1), () => [Randn(9, 2, 3, 4)]),
        ["mean dim -1 keepdim"] = (x => x[0].mean(-1, keepdim: true), () => [Randn(10, 2, 3, 4)]),
        ["mean dims [0,1]"] = (x => x[0].mean([0, 1]), () => [Randn(11, 2, 3, 4)]),
        ["max all"] = (x => x[0].max(), () => [Distinct(12, 2, 3, 4)]),
        ["min all"] = (x => x[0].min(), () => [Distinct(13, 2, 3, 4)]),
        ["max dim 0"] = (x => x[0].max(0).Values, () => [Distinct(14, 2, 3, 4)]),
        ["max dim 1"] = (x => x[0].max(1).Values, () => [Distinct(15, 2, 3, 4)]),
        ["max dim 2 keepdim"] = (x => x[0].max(2, keepdim: true).Values, () => [Distinct(16, 2, 3, 4)]),
        ["min dim 0"] = (x => x[0].min(0).Values, () => [Distinct(17, 2, 3, 4)]),
        ["min dim 1 keepdim"] = (x => x[0].min(1, keepdim: true).Values, () => [Distinct(18, 2, 3, 4)]),
        ["min dim -1"] = (x => x[0].min(-1).Values, () => [Distinct(19, 2, 3, 4)]),
        ["logsumexp dim 0"] = (x => x[0].logsumexp(0), () => [Randn(20, 2, 3, 4)]),
        ["logsumexp dim 1 keepdim"] = (x => x[0].logsumexp(1, keepdim: true), () => [Randn(21, 2, 3, 4)]),
        ["logsumexp dim 2"] = (x => x[0].logsumexp(2), () => [Randn(22, 2, 3, 4)]),
        ["norm 2"] = (x => x[0].norm(), () => [AwayFromZero(23, 2, 3)]),
        ["norm 1"] = (x => x[0].norm(1f), () => [AwayFromZero(24, 2, 3)]),
        ["norm 3"] = (x => x[0].norm(3f), () => [AwayFromZero(25, 2, 3)]),
        ["norm 2 dim 1"] = (x => x[0].norm(2f, 1), () => [AwayFromZero(26, 2, 3)]),
        ["norm 2 dim 0 keepdim"] = (x => x[0].norm(2f, 0, keepdim: true), () => [AwayFromZero(27, 2, 3)]),
        ["var all"] = (x => x[0].var(), () => [Randn(28, 2, 3)]),
        ["var all biased"] = (x => x[0].var(unbiased: false), () => [Randn(29, 2, 3)]),
        ["var dim 1"] = (x => x[0].var(1), () => [Randn(30, 2, 4)]),
        ["var dim 0 biased keepdim"] = (x => x[0].var(0, unbiased: false, keepdim: true), () => [Randn(31, 3, 4)]),
        ["std all"] = (x => x[0].std(), () => [Randn(32, 2, 3)]),
        ["std dim -1"] = (x => x[0].std(-1), () => [Randn(33, 3, 4)]),
    };

    public static TheoryData<string> GradCases => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(GradCases))]
    public void BackwardMatchesFiniteDifferences(string op)
    {
        var (f, inputs) = Cases[op];
        GradOk(f, inputs());
    }

    private static Tensor M => torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]); // [[1, 2, 3], [4, 5, 6]]

    [Fact]
    public void SumAndMeanValues()
    {
        Close([21f], [], M.sum());
        Close([5f, 7f, 9f], [3], M.sum(0));            // column sums
        Close([6f, 15f], [2], M.sum(1));               // row sums: 1+2+3, 4+5+6
        Close([6f, 15f], [2, 1], M.sum(-1, keepdim: true));
        Close([21f], [], M.sum([0, 1]));
        Close([21f], [1, 1], M.sum([1, 0], keepdim: true));
        Close([3.5f], [], M.mean());                    // 21 / 6
        Close([2.5f, 3.5f, 4.5f], [3], M.mean(0));
        Close([2f, 5f], [2, 1], M.mean(1, keepdim: true));
        Close([3.5f], [], M.mean([0, 1]));
        Close([0f], [], torch.zeros(0).sum());          // an empty sum is 0
    }

    [Fact]
    public void SumOverSeveralDimsOfA3DTensor()
    {
        // x[i, j, k] = 100 i + 10 j + k over [2, 3, 2]; summing dims 0 and 2 leaves j:
        // Σ_i Σ_k = 2·2·10 j + 2·(0 + 100) + 2·(0 + 1) = 40 j + 202.
        var values = new List<float>();
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 2; k++)
                {
                    values.Add((100 * i) + (10 * j) + k);
                }
            }
        }

        var x = torch.tensor([.. values], [2, 3, 2]);
        Close([202f, 242f, 282f], [3], x.sum([0, 2]));
        Close([202f, 242f, 282f], [1, 3, 1], x.sum([0, -1], keepdim: true));
    }

    [Fact]
    public void MaxAndMinWithIndices()
    {
        Assert.Equal(6f, M.max().item());
        Assert.Equal(1f, M.min().item());
        var (values, indices) = M.max(1);
        Close([3f, 6f], [2], values);
        Close([2f, 2f], [2], indices);
        (values, indices) = M.min(0, keepdim: true);
        Close([1f, 2f, 3f], [1, 3], values);
        Close([0f, 0f, 0f], [1, 3], indices);
        var x = torch.tensor([3f, 9f, 1f, 7f, 2f, 8f], [2, 3]); // [[3, 9, 1], [7, 2, 8]]
        (values, indices) = x.max(0);
        Close([7f, 9f, 8f], values);
        Close([1f, 0f, 1f], indices);
        (values, indices) = x.min(-1);
        Close([1f, 2f], values);
        Close([2f, 1f], indices);
    }

    [Fact]
    public void ArgmaxAndArgminReturnTheFirstIndexOnTies()
    {
        Assert.Equal(1f, torch.tensor([1f, 3f, 3f, 2f]).argmax().item());
        Assert.Equal(1f, torch.tensor([2f, 0f, 5f, 0f]).argmin().item());
        // Contiguous rows (the vectorized path), long enough for several SIMD blocks: maxima at 5 and 33.
        var row = new float[40];
        row[5] = row[33] = 7f;
        row[12] = row[20] = -7f;
        Assert.Equal(5f, torch.tensor(row).argmax().item());
        Assert.Equal(12f, torch.tensor(row).argmin().item());
        Close([5f, 5f], torch.tensor([.. row, .. row], [2, 40]).argmax(1));
        // Along dim 0 (the strided path): ties between rows 0 and 2 → 0.
        var m = torch.tensor([4f, 1f, 2f, 1f, 4f, 2f], [3, 2]); // [[4, 1], [2, 1], [4, 2]]
        Close([0f, 2f], m.argmax(0));
        Close([1f, 0f], m.argmin(0));
        Close([1f, 2f], [1, 2], m.argmin(0, keepdim: true).add(torch.tensor([0f, 2f])));
        // With ties in max(dim) the gradient goes to the first winner only, as in PyTorch.
        var t = torch.tensor([5f, 5f, 1f], requires_grad: true);
        t.max(0).Values.backward();
        Assert.Equal([1f, 0f, 0f], t.grad!.ToArray());
    }

    [Fact]
    public void MaxGradientGoesToTheWinners()
    {
        var x = torch.tensor([3f, 9f, 1f, 7f, 2f, 8f], [2, 3], requires_grad: true);
        x.max(1).Values.mul(torch.tensor([10f, 20f])).sum().backward();
        // Row 0's max is 9 at column 1 (weight 10), row 1's is 8 at column 2 (weight 20).
        Assert.Equal([0f, 10f, 0f, 0f, 0f, 20f], x.grad!.ToArray());
    }

    [Fact]
    public void LogSumExpValues()
    {
        // log(e^0 + e^0) = ln 2; log(1 + 2 + 5) = ln 8 for [0, ln 2, ln 5].
        Close([0.6931472f], torch.tensor([0f, 0f]).logsumexp(0));
        Close([2.0794415f], torch.tensor([0f, MathF.Log(2f), MathF.Log(5f)]).logsumexp(0));
        // Along dim 0 of a [2, 3] (the strided path) and dim 1 (the contiguous path).
        var x = torch.tensor([0f, 1f, 2f, 0f, 1f, 2f], [2, 3]);
        Close([0.6931472f, 1.6931472f, 2.6931472f], [3], x.logsumexp(0));
        Close([2.4076059f, 2.4076059f], [2, 1], x.logsumexp(1, keepdim: true)); // ln(1 + e + e²)
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void LogSumExpDoesNotOverflowOrUnderflow(int dim)
    {
        // 1000 + ln 2 and −1000 + ln 2: e^1000 overflows float32 and e^−1000 underflows to 0, so the naive formula
        // gives inf and −inf. Laid out so that dim 0 exercises the strided kernel and dim 1 the contiguous one.
        var values = dim == 1 ? new[] { 1000f, 1000f, -1000f, -1000f } : new[] { 1000f, -1000f, 1000f, -1000f };
        var x = torch.tensor(values, [2, 2]);
        var y = x.logsumexp(dim).ToArray();
        Assert.Equal(1000.6931f, y[0], 3);
        Assert.Equal(-999.3069f, y[1], 3);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));

        // Its gradient is softmax, exp(x − lse) = 0.5 each. Near 1000 a float32 step is 6e-5, so x − lse carries an
        // error of that size and the 0.5 is good to about 3e-5 (PyTorch computes it the same way).
        var leaf = torch.tensor(values, [2, 2], requires_grad: true);
        leaf.logsumexp(dim).sum().backward();
        Close([0.5f, 0.5f, 0.5f, 0.5f], leaf.grad!, 1e-4f);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void LogSumExpOfInfinities(int dim)
    {
        // log(e^inf + e^1) = inf and log(e^−inf + e^−inf) = −inf, as PyTorch; not NaN from inf − inf.
        var inf = float.PositiveInfinity;
        var values = dim == 1 ? new[] { inf, 1f, -inf, -inf } : new[] { inf, -inf, 1f, -inf };
        var y = torch.tensor(values, [2, 2]).logsumexp(dim).ToArray();
        Assert.Equal([inf, -inf], y);
    }

    [Fact]
    public void NormVarAndStdValues()
    {
        Assert.Equal(5f, torch.tensor([3f, -4f]).norm().item(), 6);             // √(9 + 16)
        Assert.Equal(7f, torch.tensor([3f, -4f]).norm(1f).item(), 6);           // |3| + |−4|
        Assert.Equal(6f, torch.tensor([3f, -4f, 5f]).norm(3f).item(), 5);     // ∛(27 + 64 + 125) = ∛216
    }

    [Fact]
    public void NormAlongADim()
    {
        var x = torch.tensor([3f, 4f, 6f, 8f], [2, 2]); // rows [3, 4] and [6, 8]
        Close([5f, 10f], [2], x.norm(2f, 1));
        Close([6.7082039f, 8.944272f], [1, 2], x.norm(2f, 0, keepdim: true)); // √45, √80
        Close([7f, 14f], [2], x.norm(1f, -1));
    }

    [Fact]
    public void VarianceAndStandardDeviation()
    {
        // [1, 2, 3, 4]: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5.
        var x = torch.tensor([1f, 2f, 3f, 4f]);
        Assert.Equal(5f / 3f, x.var().item(), 6);                   // unbiased: / (n − 1)
        Assert.Equal(1.25f, x.var(unbiased: false).item(), 6);      // biased: / n
        Assert.Equal(MathF.Sqrt(5f / 3f), x.std().item(), 5);
        Assert.Equal(MathF.Sqrt(1.25f), x.std(unbiased: false).item(), 6);
        var m = torch.tensor([1f, 2f, 3f, 4f, 2f, 6f, 4f, 8f], [2, 4]);
        // Row 1 [2, 6, 4, 8]: mean 5, squared deviations 9 + 1 + 1 + 9 = 20 → 20/3.
        Close([5f / 3f, 20f / 3f], [2], m.var(1));
        Close([1.25f, 5f], [2, 1], m.var(1, unbiased: false, keepdim: true));
        // Columns: [1, 2], [2, 6], [3, 4], [4, 8] → biased variances 0.25, 4, 0.25, 4.
        Close([0.25f, 4f, 0.25f, 4f], [4], m.var(0, unbiased: false));
        Close([0.5f, 2f, 0.5f, 2f], [4], m.std(0, unbiased: false));
    }

    [Fact]
    public void SumDimOutOfRangeNamesTheOpAndTheRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).sum(2));
        Assert.Contains("sum: dimension 2 is out of range for a tensor of 2 dimension(s)", e.Message);
        Assert.Contains("-2 to 1", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).max(-3));
        Assert.Contains("max: dimension -3", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).logsumexp(5));
        Assert.Contains("logsumexp", e.Message);
    }

    [Fact]
    public void ReducingAnEmptyTensorIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => torch.zeros(0, 3).max(0));
        Assert.Contains("max", e.Message);
        Assert.Contains("[0, 3]", e.Message);
    }
}
