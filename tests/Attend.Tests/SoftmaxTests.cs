using static Attend.Tests.TestData;

namespace Attend.Tests;

public class SoftmaxTests
{
    public static TheoryData<int, bool> Dims => new()
    {
        { 0, false }, { 1, false }, { 2, false }, { -1, false },
        { 0, true }, { 1, true }, { 2, true }, { -2, true },
    };

    [Theory]
    [MemberData(nameof(Dims))]
    public void BackwardMatchesFiniteDifferencesAlongEveryDim(int dim, bool log)
    {
        GradOk(x => log ? x[0].log_softmax(dim) : x[0].softmax(dim), Randn(10 + dim, 2, 3, 4));
    }

    [Fact]
    public void SoftmaxInsideALargerExpression()
    {
        // Attention-like: softmax(q kᵀ) v, where the softmax gradient meets a matmul on both sides.
        GradOk(x => x[0].matmul(x[1].transpose(-1, -2)).softmax(-1).matmul(x[2]),
               Randn(20, 2, 3, 4), Randn(21, 2, 5, 4), Randn(22, 2, 5, 3));
    }

    [Fact]
    public void HandComputedValues()
    {
        // [0, ln 2, ln 5] → e^x = [1, 2, 5], sum 8 → [1/8, 2/8, 5/8].
        var x = torch.tensor([0f, MathF.Log(2f), MathF.Log(5f)]);
        Close([0.125f, 0.25f, 0.625f], x.softmax(0));
        Close([-2.0794415f, -1.3862944f, -0.47000363f], x.log_softmax(0)); // ln(1/8), ln(1/4), ln(5/8)
        Close([0.125f, 0.25f, 0.625f], x.softmax(-1));
        // Shifting every input by a constant changes nothing.
        Close([0.125f, 0.25f, 0.625f], x.add(100f).softmax(0));
    }

    [Fact]
    public void AlongEachDimensionOfAMatrix()
    {
        // [[0, 0], [ln 3, 0]]: along dim 0 column 0 is [1, 3]/4 and column 1 is [1, 1]/2; along dim 1 row 0 is
        // [1, 1]/2 and row 1 is [3, 1]/4.
        var m = torch.tensor([0f, 0f, MathF.Log(3f), 0f], [2, 2]);
        Close([0.25f, 0.5f, 0.75f, 0.5f], [2, 2], m.softmax(0));
        Close([0.5f, 0.5f, 0.75f, 0.25f], [2, 2], m.softmax(1));
        Close([MathF.Log(0.25f), MathF.Log(0.5f), MathF.Log(0.75f), MathF.Log(0.5f)], [2, 2], m.log_softmax(0));
    }

    [Fact]
    public void ProbabilitiesSumToOneAlongTheDim()
    {
        var x = torch.randn([2, 3, 4], new Generator(5)).mul(3f);
        for (var dim = 0; dim < 3; dim++)
        {
            var sums = x.softmax(dim).sum(dim).ToArray();
            Assert.All(sums, s => Assert.Equal(1f, s, 5));
            var expSums = x.log_softmax(dim).exp().sum(dim).ToArray();
            Assert.All(expSums, s => Assert.Equal(1f, s, 5));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void LargeInputsGiveNoNaNOrInfinity(int dim)
    {
        // Rows (dim 1, contiguous kernel) or columns (dim 0, strided kernel): [1000, 1000], [1000, 0], [−1000, −1000],
        // [−1000, 0]. e^1000 overflows float32, e^−1000 underflows; subtracting the max avoids both.
        float[] groups = [1000f, 1000f, 1000f, 0f, -1000f, -1000f, -1000f, 0f];
        var x = dim == 1 ? torch.tensor(groups, [4, 2]) : torch.tensor(groups, [4, 2]).t();
        var p = x.softmax(dim);
        var expected = new[] { 0.5f, 0.5f, 1f, 0f, 0.5f, 0.5f, 0f, 1f };
        Close(expected, dim == 1 ? p : p.t());
        var logp = x.log_softmax(dim);
        Assert.All(logp.ToArray(), v => Assert.True(float.IsFinite(v), $"log_softmax gave {v}"));
        // log softmax of [1000, 0] is [0, −1000]; of [−1000, −1000] is [−ln 2, −ln 2].
        Close([-0.6931472f, -0.6931472f, 0f, -1000f, -0.6931472f, -0.6931472f, -1000f, 0f], dim == 1 ? logp : logp.t());

        var leaf = torch.tensor(x.ToArray(), x.shape, requires_grad: true);
        leaf.softmax(dim).mul(torch.arange(8).reshape(x.shape)).sum().backward();
        Assert.All(leaf.grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
        leaf.grad = null;
        leaf.log_softmax(dim).sum().backward();
        Assert.All(leaf.grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void HandComputedGradient()
    {
        // L = softmax(x)_0 at x = [0, 0]: p = [½, ½], ∂p₀/∂x = p₀(δ − p) = [¼, −¼].
        var x = torch.tensor([0f, 0f], requires_grad: true);
        x.softmax(0).mul(torch.tensor([1f, 0f])).sum().backward();
        Close([0.25f, -0.25f], x.grad!);
    }

    [Fact]
    public void DimOutOfRangeIsNamed()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).softmax(2));
        Assert.Contains("softmax: dimension 2 is out of range", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).log_softmax(-3));
        Assert.Contains("log_softmax: dimension -3 is out of range", e.Message);
    }
}
