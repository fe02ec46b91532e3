using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>split/unbind/chunk share one gradient buffer (O(T) backward for unrolled sequences).</summary>
public class SplitGradientTests
{
    [Fact]
    public void SplitCatAndStackMoveTheRightValues()
    {
        var x = torch.arange(12).reshape(2, 6);
        var parts = x.split([1, 3, 2], 1);
        Assert.Equal([0f, 6f], parts[0].ToArray());
        Assert.Equal([1f, 2f, 3f, 7f, 8f, 9f], parts[1].ToArray());
        Assert.Equal([2, 2], parts[2].shape);
        Assert.Equal(x.ToArray(), torch.cat(parts, 1).ToArray());

        var rows = x.unbind(0);
        Assert.Equal([6], rows[1].shape);
        Assert.Equal([6f, 7f, 8f, 9f, 10f, 11f], rows[1].ToArray());
        var stacked = torch.stack(rows, 1);
        Assert.Equal([6, 2], stacked.shape);
        Assert.Equal(x.t().ToArray(), stacked.ToArray());

        Assert.Equal(3, x.chunk(3, 1).Length);
        var ex = Assert.Throws<ArgumentException>(() => x.split([4, 4], 1));
        Assert.Contains("[2, 6]", ex.Message);
        var cat = Assert.Throws<ArgumentException>(() => torch.cat([x, torch.zeros(3, 6)], 1));
        Assert.Contains("tensor 1 has [3, 6]", cat.Message);
    }

    [Fact]
    public void Gradchecks()
    {
        var g = new Generator(1);
        // Weighted so each piece's gradient differs: a misplaced block would show.
        GradCheck(ts => ts[0].split([2, 1, 1], 1).Select((p, i) => p.mul(i + 1f).sum()).Aggregate((a, b) => a.add(b)),
                  Leaf(g, 3, 4, 2));
        GradCheck(ts => torch.cat([ts[0], ts[1], ts[0]], 1), Leaf(g, 2, 1, 3), Leaf(g, 2, 2, 3));
        GradCheck(ts => torch.stack(ts[0].unbind(1).Reverse().ToList(), 0), Leaf(g, 2, 3));
        GradCheck(ts => ts[0].chunk(2, 0)[1].tanh(), Leaf(g, 4, 2));
    }

    [Fact]
    public void SplitGradientReachesOnlyUsedPiecesAndSurvivesRetainGraph()
    {
        var x = torch.ones([4], requires_grad: true);
        var pieces = x.unbind(0);
        var y = pieces[1].mul(3f).add(pieces[3]);
        y.backward(retain_graph: true);
        Assert.Equal([0f, 3f, 0f, 1f], x.grad!.ToArray());
        y.backward();
        Assert.Equal([0f, 6f, 0f, 2f], x.grad!.ToArray()); // the second pass accumulates, from a fresh buffer
    }
}
