using Attend.Modules;
using Init = Attend.torch.nn.init;

namespace Attend.Tests;

[Collection(DefaultGeneratorCollection.Name)]
public class NnInitTests
{
    private static (double Mean, double Std, double MaxAbs) Stats(Tensor t)
    {
        var v = t.ToArray().Select(x => (double)x).ToArray();
        var mean = v.Average();
        var std = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
        return (mean, std, v.Max(Math.Abs));
    }

    [Fact]
    public void XavierUniformStaysWithinItsBoundAndFillsIt()
    {
        var w = torch.empty(200, 300);
        Init.xavier_uniform_(w, generator: new Generator(1));
        var bound = Math.Sqrt(6.0 / (200 + 300)); // gain·√(6/(fan_in+fan_out))
        var (mean, std, maxAbs) = Stats(w);
        Assert.True(maxAbs <= bound, $"max |w| {maxAbs} exceeds {bound}");
        Assert.True(maxAbs > 0.99 * bound, $"max |w| {maxAbs} does not reach {bound}");
        Assert.InRange(mean, -0.01 * bound, 0.01 * bound);
        Assert.InRange(std, 0.98 * bound / Math.Sqrt(3), 1.02 * bound / Math.Sqrt(3)); // U(−a, a): std a/√3
    }

    [Fact]
    public void XavierNormalAndKaimingHaveTheirStandardDeviations()
    {
        var w = torch.empty(256, 128);
        Init.xavier_normal_(w, gain: 2, generator: new Generator(2));
        Assert.InRange(Stats(w).Std, 0.98 * 2 * Math.Sqrt(2.0 / 384), 1.02 * 2 * Math.Sqrt(2.0 / 384));

        Init.kaiming_normal_(w, nonlinearity: "relu", generator: new Generator(3));
        Assert.InRange(Stats(w).Std, 0.98 * Math.Sqrt(2.0 / 128), 1.02 * Math.Sqrt(2.0 / 128)); // √2/√fan_in

        Init.kaiming_normal_(w, mode: "fan_out", nonlinearity: "relu", generator: new Generator(3));
        Assert.InRange(Stats(w).Std, 0.98 * Math.Sqrt(2.0 / 256), 1.02 * Math.Sqrt(2.0 / 256));

        Init.kaiming_uniform_(w, a: Math.Sqrt(5), generator: new Generator(4));
        var bound = 1 / Math.Sqrt(128); // √3·√(2/(1+5))/√fan_in = 1/√fan_in
        Assert.True(Stats(w).MaxAbs <= bound && Stats(w).MaxAbs > 0.99 * bound);
    }

    [Fact]
    public void FansCountTheReceptiveField()
    {
        Assert.Equal((3 * 5 * 5, 8 * 5 * 5), Init.calculate_fan_in_and_fan_out(torch.empty(8, 3, 5, 5)));
        var ex = Assert.Throws<ArgumentException>(() => Init.xavier_uniform_(torch.empty(5)));
        Assert.Contains("[5]", ex.Message);
        Assert.Equal(5.0 / 3, Init.calculate_gain("tanh"), 12);
        Assert.Equal(Math.Sqrt(2.0 / (1 + 0.04)), Init.calculate_gain("leaky_relu", 0.2), 12);
        Assert.Throws<ArgumentException>(() => Init.calculate_gain("swish"));
        Assert.Throws<ArgumentException>(() => Init.kaiming_uniform_(torch.empty(2, 2), mode: "fan_avg"));
    }

    [Theory]
    [InlineData(6, 4)]
    [InlineData(4, 6)]
    [InlineData(5, 5)]
    public void OrthogonalGivesOrthonormalRowsOrColumns(int rows, int cols)
    {
        var w = torch.empty(rows, cols);
        Init.orthogonal_(w, generator: new Generator(5));
        // Tall: QᵀQ = I (orthonormal columns); wide: QQᵀ = I (orthonormal rows).
        var gram = rows >= cols ? w.t().matmul(w) : w.matmul(w.t());
        var n = Math.Min(rows, cols);
        var g = gram.ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Assert.True(Math.Abs(g[(i * n) + j] - (i == j ? 1 : 0)) < 1e-5, $"gram[{i},{j}] = {g[(i * n) + j]}");
            }
        }

        Init.orthogonal_(w, gain: 3, generator: new Generator(5));
        var scaled = (rows >= cols ? w.t().matmul(w) : w.matmul(w.t())).ToArray();
        Assert.True(Math.Abs(scaled[0] - 9) < 1e-4);
    }

    [Fact]
    public void InitializersUseTheDefaultGeneratorAndWorkOnParameters()
    {
        var p = new Parameter(torch.empty(3, 4));
        torch.manual_seed(11);
        Init.uniform_(p, -2, 2);
        var first = p.ToArray();
        torch.manual_seed(11);
        Init.uniform_(p, -2, 2);
        Assert.Equal(first, p.ToArray());
        Assert.All(first, v => Assert.InRange(v, -2f, 2f));
        Assert.True(p.requires_grad); // initialized in place without touching autograd

        Init.constant_(p, 0.5);
        Assert.All(p.ToArray(), v => Assert.Equal(0.5f, v));
        Init.zeros_(p);
        Assert.All(p.ToArray(), v => Assert.Equal(0f, v));
        Init.ones_(p);
        Assert.All(p.ToArray(), v => Assert.Equal(1f, v));
        Init.normal_(p, 3, 0);
        Assert.All(p.ToArray(), v => Assert.Equal(3f, v));
    }

    [Fact]
    public void LinearAndRecurrentDefaultsFollowPyTorch()
    {
        torch.manual_seed(0);
        var linear = torch.nn.Linear(400, 300);
        var bound = 1 / Math.Sqrt(400);
        foreach (var p in new Tensor[] { linear.weight, linear.bias! })
        {
            var (_, std, maxAbs) = Stats(p);
            Assert.True(maxAbs <= bound && maxAbs > 0.95 * bound, $"max {maxAbs}, bound {bound}");
            Assert.InRange(std, 0.9 * bound / Math.Sqrt(3), 1.1 * bound / Math.Sqrt(3));
        }

        var lstm = torch.nn.LSTM(10, 25);
        foreach (var (_, p) in lstm.named_parameters())
        {
            Assert.True(Stats(p).MaxAbs <= 1 / Math.Sqrt(25)); // U(±1/√hidden)
        }

        var embedding = torch.nn.Embedding(1000, 50);
        Assert.InRange(Stats(embedding.weight).Std, 0.97, 1.03); // N(0, 1)
    }
}
