using static Attend.Tests.TestData;

namespace Attend.Tests;

public class LinearAlgebraTests
{
    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Cases = new()
    {
        ["matmul 1-D·1-D"] = (x => x[0].matmul(x[1]), () => [Randn(1, 4), Randn(2, 4)]),
        ["matmul 1-D·2-D"] = (x => x[0].matmul(x[1]), () => [Randn(3, 4), Randn(4, 4, 3)]),
        ["matmul 2-D·1-D"] = (x => x[0].matmul(x[1]), () => [Randn(5, 3, 4), Randn(6, 4)]),
        ["matmul 2-D·2-D"] = (x => x[0].matmul(x[1]), () => [Randn(7, 3, 4), Randn(8, 4, 2)]),
        ["matmul 3-D·3-D"] = (x => x[0].matmul(x[1]), () => [Randn(9, 2, 3, 4), Randn(10, 2, 4, 5)]),
        ["matmul [2,1,3,4]·[5,4,2]"] = (x => x[0].matmul(x[1]), () => [Randn(11, 2, 1, 3, 4), Randn(12, 5, 4, 2)]),
        ["matmul [B,T,D]·[D,H]"] = (x => x[0].matmul(x[1]), () => [Randn(13, 2, 3, 4), Randn(14, 4, 5)]),
        ["matmul [2,3]·[4,3,2]"] = (x => x[0].matmul(x[1]), () => [Randn(15, 2, 3), Randn(16, 4, 3, 2)]),
        ["matmul 1-D·3-D"] = (x => x[0].matmul(x[1]), () => [Randn(17, 3), Randn(18, 2, 3, 4)]),
        ["matmul 3-D·1-D"] = (x => x[0].matmul(x[1]), () => [Randn(19, 2, 3, 4), Randn(20, 4)]),
        ["matmul x·x (same input twice)"] = (x => x[0].matmul(x[0]), () => [Randn(21, 3, 3)]),
        ["mm"] = (x => x[0].mm(x[1]), () => [Randn(22, 3, 4), Randn(23, 4, 2)]),
        ["bmm"] = (x => x[0].bmm(x[1]), () => [Randn(24, 2, 3, 4), Randn(25, 2, 4, 5)]),
        ["dot"] = (x => x[0].dot(x[1]), () => [Randn(26, 5), Randn(27, 5)]),
        ["outer"] = (x => x[0].outer(x[1]), () => [Randn(28, 3), Randn(29, 4)]),
        // The primitive with its transpose flags, as linear layers and attention use it.
        ["gemm AᵀB"] = (x => Tensor.BatchedGemm(x[0], true, x[1], false, "gemm"), () => [Randn(30, 2, 4, 3), Randn(31, 2, 4, 5)]),
        ["gemm ABᵀ"] = (x => Tensor.BatchedGemm(x[0], false, x[1], true, "gemm"), () => [Randn(32, 2, 3, 4), Randn(33, 2, 5, 4)]),
        ["gemm AᵀBᵀ"] = (x => Tensor.BatchedGemm(x[0], true, x[1], true, "gemm"), () => [Randn(34, 2, 4, 3), Randn(35, 2, 5, 4)]),
    };

    public static TheoryData<string> GradCases => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(GradCases))]
    public void BackwardMatchesFiniteDifferences(string op)
    {
        var (f, inputs) = Cases[op];
        GradOk(f, inputs());
    }

    [Fact]
    public void MatmulWithOnlyOneSideRequiringGrad()
    {
        var w = torch.randn([4, 3], new Generator(40));
        GradOk(x => x[0].matmul(w), Randn(41, 2, 4));
        GradOk(x => w.matmul(x[0]), Randn(42, 3, 2));
    }

    [Fact]
    public void HandComputedProducts()
    {
        var a = torch.tensor([1f, 2f, 3f]);
        var b = torch.tensor([4f, 5f, 6f]);
        Close([32f], [], a.dot(b));                               // 4 + 10 + 18
        Close([32f], [], a.matmul(b));
        Close([4f, 5f, 6f, 8f, 10f, 12f, 12f, 15f, 18f], [3, 3], a.outer(b));
        var m = torch.tensor([1f, 2f, 3f, 4f], [2, 2]);
        var n = torch.tensor([5f, 6f, 7f, 8f], [2, 2]);
        // [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]]
        Close([19f, 22f, 43f, 50f], [2, 2], m.mm(n));
        var r = torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);
        Close([9f, 12f, 15f], [3], torch.tensor([1f, 2f]).matmul(r));     // [1 + 8, 2 + 10, 3 + 12]
        Close([-2f, -2f], [2], r.matmul(torch.tensor([1f, 0f, -1f])));    // [1 − 3, 4 − 6]
        // bmm: batch 0 is m·n, batch 1 is n·I = n.
        var left = torch.tensor([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], [2, 2, 2]);
        var right = torch.tensor([5f, 6f, 7f, 8f, 1f, 0f, 0f, 1f], [2, 2, 2]);
        Close([19f, 22f, 43f, 50f, 5f, 6f, 7f, 8f], [2, 2, 2], left.bmm(right));
    }

    [Fact]
    public void BroadcastBatchMatmulEqualsALoopOfMatrixProducts()
    {
        // [2,1,3,4]·[5,4,2] → [2,5,3,2]: item (i, j) is a[i, 0]·b[j].
        var a = torch.randn([2, 1, 3, 4], new Generator(50));
        var b = torch.randn([5, 4, 2], new Generator(51));
        var c = a.matmul(b);
        Assert.Equal([2, 5, 3, 2], c.shape);
        var av = a.ToArray();
        var bv = b.ToArray();
        var cv = c.ToArray();
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                for (var r = 0; r < 3; r++)
                {
                    for (var col = 0; col < 2; col++)
                    {
                        double expected = 0;
                        for (var k = 0; k < 4; k++)
                        {
                            expected += av[(i * 12) + (r * 4) + k] * bv[(j * 8) + (k * 2) + col];
                        }

                        Assert.Equal(expected, cv[(((i * 5) + j) * 6) + (r * 2) + col], 4);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void GemmMatchesANaiveProductOnOddSizes(bool transA, bool transB)
    {
        // Sizes that are not multiples of any block or vector width.
        const int batch = 3, m = 37, n = 29, k = 53;
        var a = torch.randn(transA ? [batch, k, m] : [batch, m, k], new Generator(60));
        var b = torch.randn(transB ? [batch, n, k] : [batch, k, n], new Generator(61));
        var c = Tensor.BatchedGemm(a, transA, b, transB, "gemm").ToArray();
        var av = a.ToArray();
        var bv = b.ToArray();
        for (var p = 0; p < batch; p++)
        {
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    double expected = 0;
                    for (var q = 0; q < k; q++)
                    {
                        var x = transA ? av[(p * k * m) + (q * m) + i] : av[(p * m * k) + (i * k) + q];
                        var y = transB ? bv[(p * n * k) + (j * k) + q] : bv[(p * k * n) + (q * n) + j];
                        expected += x * y;
                    }

                    Assert.True(Math.Abs(expected - c[(p * m * n) + (i * n) + j]) < 1e-3,
                        $"C[{p},{i},{j}]: expected {expected}, got {c[(p * m * n) + (i * n) + j]}");
                }
            }
        }
    }

    [Fact]
    public void ProductWithAnEmptyInnerDimensionIsZero()
    {
        Close([0f, 0f, 0f, 0f, 0f, 0f], [2, 3], torch.zeros(2, 0).matmul(torch.zeros(0, 3)));
    }

    [Fact]
    public void MatmulShapeErrorsNameBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).matmul(torch.zeros(4, 5)));
        Assert.Contains("matmul: shapes [2, 3] and [4, 5] cannot be multiplied", e.Message);
        Assert.Contains("the last dimension of the first (3) must equal the second-to-last of the second (4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).matmul(torch.zeros(3, 4, 5)));
        Assert.Contains("matmul: shapes [2] and [3] cannot be broadcast", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(3).matmul(torch.zeros(4)));
        Assert.Contains("dot: expects two 1-D tensors of equal length, got shapes [3] and [4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.tensor(2f).matmul(torch.zeros(4)));
        Assert.Contains("matmul: both arguments need at least 1 dimension, got shapes [] and [4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).mm(torch.zeros(4, 5)));
        Assert.Contains("mm: expects two 2-D tensors, got shapes [2, 3, 4] and [4, 5]", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).bmm(torch.zeros(3, 4, 5)));
        Assert.Contains("bmm: batch sizes differ: [2, 3, 4] and [3, 4, 5]", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).bmm(torch.zeros(2, 5, 5)));
        Assert.Contains("bmm: shapes [2, 3, 4] and [2, 5, 5] cannot be multiplied", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 2).outer(torch.zeros(2)));
        Assert.Contains("outer: expects two 1-D tensors, got shapes [2, 2] and [2]", e.Message);
    }
}
