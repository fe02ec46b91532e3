using static Attend.Tests.TestData;

namespace Attend.Tests;

public class CreationTests
{
    [Fact]
    public void FilledTensors()
    {
        Close([0f, 0f, 0f, 0f, 0f, 0f], [2, 3], torch.zeros(2, 3));
        Close([1f, 1f, 1f], [3], torch.ones(3));
        Close([2.5f, 2.5f], [1, 2], torch.full([1, 2], 2.5f));
        Close([0f, 0f], [2], torch.empty(2));
        Close([7f], [], torch.scalar_tensor(7f));
        Assert.Equal([], torch.zeros().shape);
        Assert.Equal(1, torch.zeros().numel());
        Assert.Equal(0, torch.zeros(3, 0).numel());
        var like = torch.ones(2, 4);
        Close(new float[8], [2, 4], torch.zeros_like(like));
        Close(Enumerable.Repeat(1f, 8).ToArray(), [2, 4], torch.ones_like(like));
        Close(Enumerable.Repeat(-3f, 8).ToArray(), [2, 4], torch.full_like(like, -3f));
    }

    [Fact]
    public void RequiresGradFlag()
    {
        Assert.False(torch.zeros(2).requires_grad);
        Assert.True(torch.zeros([2], requires_grad: true).requires_grad);
        Assert.True(torch.ones([2], requires_grad: true).requires_grad);
        Assert.True(torch.full([2], 1f, requires_grad: true).requires_grad);
        Assert.True(torch.tensor([1f], requires_grad: true).is_leaf);
        Assert.True(torch.randn([2], null, requires_grad: true).requires_grad);
        Assert.False(torch.zeros_like(torch.ones([2], requires_grad: true)).requires_grad);
    }

    [Fact]
    public void RangesAndIdentity()
    {
        Close([0f, 1f, 2f, 3f, 4f], [5], torch.arange(5));
        Close([0f, 0.25f, 0.5f, 0.75f], torch.arange(0f, 1f, 0.25f));
        Close([5f, 3f, 1f], torch.arange(5f, 0f, -2f));                // 5, 3, 1 (0 excluded)
        Close([1f, 1.5f, 2f, 2.5f], torch.arange(1f, 2.6f, 0.5f));      // ceil((2.6 − 1)/0.5) = 4 values
        Assert.Equal([0], torch.arange(3f, 1f).shape);
        Close([0f, 0.25f, 0.5f, 0.75f, 1f], torch.linspace(0f, 1f, 5));
        Close([-1f, 1f], torch.linspace(-1f, 1f, 2));
        Close([3f], torch.linspace(3f, 9f, 1));
        Assert.Equal([0], torch.linspace(0f, 1f, 0).shape);
        Close([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f], [3, 3], torch.eye(3));
        Close([1f, 0f, 0f, 0f, 1f, 0f], [2, 3], torch.eye(2, 3));
        Close([1f, 0f, 0f, 1f, 0f, 0f], [3, 2], torch.eye(3, 2));
    }

    [Fact]
    public void FromHostArrays()
    {
        Close([1f, 2f, 3f, 4f], [2, 2], torch.tensor([1f, 2f, 3f, 4f], [2, 2]));
        Close([1f, 2f, 3f, 4f], [2, 2], torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }));
        Close([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], [2, 2, 2], torch.tensor(new float[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } }));
        Close([1f, 2f, 3f, 4f], [2, 2], torch.tensor([[1f, 2f], [3f, 4f]]));
        Close([0.5f, 1.5f], [2], torch.tensor([0.5, 1.5]));
        Close([3f, 1f], [2], torch.tensor([3, 1]));
        Close([3f, 1f], [2], torch.tensor([3L, 1L]));
        Close([2.5f], [], torch.tensor(2.5f));
        Assert.Equal(2.5f, torch.tensor(2.5f).item());
        var m = torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]).ToArray2D();
        Assert.Equal(6f, m[1, 2]);
        Assert.Equal(2f, m[0, 1]);
        // The tensor owns a copy: changing the source array afterwards changes nothing.
        var values = new[] { 1f, 2f };
        var t = torch.tensor(values);
        values[0] = 99f;
        Assert.Equal(1f, t.ToArray()[0]);
    }

    [Fact]
    public void CreationErrorsExplainTheMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.tensor([1f, 2f, 3f], [2, 2]));
        Assert.Contains("tensor: 3 values cannot fill shape [2, 2] (4 elements)", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.tensor([[1f, 2f], [3f]]));
        Assert.Contains("tensor: row 1 has 1 values but row 0 has 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, -1));
        Assert.Contains("negative dimension in shape [2, -1]", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.arange(0f, 1f, 0f));
        Assert.Contains("arange: step must be non-zero", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.linspace(0f, 1f, -1));
        var i = Assert.Throws<InvalidOperationException>(() => torch.zeros(2, 3).item());
        Assert.Contains("item: only one-element tensors can be converted to a number, but this tensor has shape [2, 3]", i.Message);
        i = Assert.Throws<InvalidOperationException>(() => torch.zeros(3).ToArray2D());
        Assert.Contains("ToArray2D: needs a 2-D tensor, got shape [3]", i.Message);
    }

    [Fact]
    public void RandomRangesAndMoments()
    {
        var gen = new Generator(3);
        var u = torch.rand([4000], gen).ToArray();
        Assert.All(u, x => Assert.InRange(x, 0f, 0.99999994f));
        Assert.InRange(u.Average(), 0.47, 0.53);                 // mean ½, sd of the mean ≈ 0.0046
        var n = torch.randn([4000], gen);
        Assert.InRange(n.mean().item(), -0.06f, 0.06f);           // sd of the mean ≈ 0.016
        Assert.InRange(n.std().item(), 0.94f, 1.06f);
        var ints = torch.randint(-2, 3, [500], gen).ToArray();
        Assert.All(ints, x => Assert.Contains(x, new[] { -2f, -1f, 0f, 1f, 2f }));
        Assert.Equal(5, ints.Distinct().Count());
        Assert.All(torch.randint(4, [50], gen).ToArray(), x => Assert.InRange(x, 0f, 3f));
        var perm = torch.randperm(10, gen).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), perm.Order());
        Assert.Equal([3, 2], torch.rand_like(torch.zeros(3, 2)).shape);
        Assert.Equal([3, 2], torch.randn_like(torch.zeros(3, 2)).shape);
    }
}

/// <summary>Reseeds the default generator, so it runs apart from tests that draw from it.</summary>
[Collection(GlobalStateCollection.Name)]
public class DefaultGeneratorTests
{
    [Fact]
    public void SameSeedGivesBitIdenticalSamples()
    {
        torch.manual_seed(123);
        var a = torch.randn([64], null).ToArray();
        var u = torch.rand([64], null).ToArray();
        torch.manual_seed(123);
        var b = torch.randn([64], null).ToArray();
        var v = torch.rand([64], null).ToArray();
        Assert.Equal(a, b);
        Assert.Equal(u, v);
        Assert.Equal(torch.randn([10], new Generator(7)).ToArray(), torch.randn([10], new Generator(7)).ToArray());
        Assert.NotEqual(torch.randn([10], new Generator(7)).ToArray(), torch.randn([10], new Generator(8)).ToArray());
    }
}
