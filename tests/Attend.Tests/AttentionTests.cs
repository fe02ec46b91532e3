using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

using Attend.Attention;

/// <summary>The attention module on the worked example, masking of padding, and gradchecks of every score inside it.</summary>
public class AttentionTests
{
    private static Tensor Keys() => torch.tensor([1f, 0f, 0f, 1f, 1f, 1f], [1, 3, 2]);

    [Fact]
    public void DotAttentionWorkedExample()
    {
        // scores [1, 0, 1] → weights [e, 1, e] / (2e + 1); with values = keys the context is
        // w₁·[1, 0] + w₂·[0, 1] + w₃·[1, 1] = [w₁ + w₃, w₂ + w₃].
        var (context, weights) = new Attention(new DotScore()).call(torch.tensor([1f, 0f], [1, 2]), Keys());
        var e = Math.E;
        var w = new[] { e / ((2 * e) + 1), 1 / ((2 * e) + 1), e / ((2 * e) + 1) };
        Assert.Equal([1, 3], weights.shape); // a [B, dq] query gives [B, Tk] weights and a [B, dv] context
        Assert.Equal([1, 2], context.shape);
        Close(w, weights.ToArray(), 1e-6);
        Close([w[0] + w[2], w[1] + w[2]], context.ToArray(), 1e-6);
    }

    [Fact]
    public void ValuesCanDifferFromKeys()
    {
        var values = torch.tensor([10f, 20f, 30f], [1, 3, 1]);
        var (context, weights) = new Attention(new DotScore()).call(torch.tensor([1f, 0f], [1, 1, 2]), Keys(), values);
        Assert.Equal([1, 1, 3], weights.shape);
        var w = weights.ToArray();
        Close((10 * w[0]) + (20 * w[1]) + (30 * w[2]), context.item(), 1e-4);
    }

    [Fact]
    public void MaskedPositionsGetExactlyZeroWeight()
    {
        var mask = torch.tensor([1f, 1f, 0f], [1, 3]);
        var (context, weights) = new Attention(new DotScore()).call(torch.tensor([1f, 0f], [1, 2]), Keys(), mask: mask);
        var e = Math.E;
        Close([e / (e + 1), 1 / (e + 1), 0], weights.ToArray(), 1e-6);
        Assert.Equal(0f, weights.ToArray()[2]); // exactly
        Close([e / (e + 1), 1 / (e + 1)], context.ToArray(), 1e-6);
    }

    [Fact]
    public void GradientsDoNotFlowToPaddedPositions()
    {
        var g = new Generator(3);
        var queries = Leaf(g, 2, 2, 4);
        var keys = Leaf(g, 2, 5, 4);
        var values = Leaf(g, 2, 5, 3);
        var mask = AttentionMask.FromLengths([5, 2], 5);
        var (context, weights) = new Attention(new ScaledDotScore()).call(queries, keys, values, mask);
        context.mul(Leaf(g, 2, 2, 3).detach()).sum().add(weights.mul(Leaf(g, 2, 2, 5).detach()).sum()).backward();
        var kg = keys.grad!.ToArray();
        var vg = values.grad!.ToArray();
        for (var j = 2; j < 5; j++)
        {
            // example 1, padded position j: no gradient at all, exactly
            Assert.All(kg.AsSpan(((5 + j) * 4), 4).ToArray(), x => Assert.Equal(0f, x));
            Assert.All(vg.AsSpan(((5 + j) * 3), 3).ToArray(), x => Assert.Equal(0f, x));
        }

        Assert.Contains(kg.AsSpan(5 * 4, 2 * 4).ToArray(), x => x != 0); // the real positions do get one
        Assert.All(weights.ToArray().AsSpan(2 * 5).ToArray().Chunk(5).SelectMany(row => row[2..]), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void MaskedScoresReceiveNoGradient()
    {
        var scores = torch.tensor([1f, 2f, 3f, 0.5f], [1, 1, 4], requires_grad: true);
        var weights = AttentionMask.MaskedSoftmax(scores, torch.tensor([1f, 0f, 1f, 0f], [1, 4]));
        weights.mul(torch.tensor([1f, 2f, 3f, 4f], [1, 1, 4])).sum().backward();
        var grad = scores.grad!.ToArray();
        Assert.Equal(0f, grad[1]);
        Assert.Equal(0f, grad[3]);
        Assert.NotEqual(0f, grad[0]);
    }

    [Fact]
    public void AFullyMaskedRowGivesZerosNotNaN()
    {
        var queries = torch.tensor([1f, 0f, 0f, 1f], [2, 2], requires_grad: true);
        var keys = torch.tensor([1f, 0f, 0f, 1f, 1f, 1f, 1f, 0f, 0f, 1f, 1f, 1f], [2, 3, 2], requires_grad: true);
        var mask = torch.tensor([1f, 1f, 1f, 0f, 0f, 0f], [2, 3]); // the second example has no real token
        var (context, weights) = new Attention(new DotScore()).call(queries, keys, mask: mask);
        Assert.Equal([0f, 0f, 0f], weights.ToArray()[3..]);
        Assert.Equal([0f, 0f], context.ToArray()[2..]);
        Close(1, weights.sum(-1).ToArray()[0], 1e-6);
        context.sum().backward();
        Assert.All(queries.grad!.ToArray().Concat(keys.grad!.ToArray()), x => Assert.True(float.IsFinite(x)));
        Assert.Equal([0f, 0f], queries.grad!.ToArray()[2..]);
    }

    [Fact]
    public void WeightsSumToOneForEveryQuery()
    {
        var g = new Generator(5);
        var mask = AttentionMask.FromLengths([4, 1, 3], 4);
        AttentionScore[] scores = [new DotScore(), new ScaledDotScore(), new GeneralScore(3, 3), new AdditiveScore(3, 3, 5), new LocationScore(3, 6)];
        foreach (var score in scores)
        {
            var weights = new Attention(score).call(Leaf(g, 3, 2, 3), Leaf(g, 3, 4, 3), mask: mask).Weights;
            Assert.Equal([3, 2, 4], weights.shape);
            Assert.All(weights.sum(-1).ToArray(), s => Close(1, s, 1e-6));
            Assert.All(weights.ToArray(), w => Assert.True(w >= 0));
        }
    }

    [Fact]
    public void FromLengthsAndFromPadding()
    {
        Assert.Equal([1f, 1f, 0f, 1f, 0f, 0f], AttentionMask.FromLengths([2, 1], 3).ToArray());
        var tokens = torch.tensor([5f, 3f, 0f, 4f, 0f, 0f], [2, 3]);
        Assert.Equal([1f, 1f, 0f, 1f, 0f, 0f], AttentionMask.FromPadding(tokens, 0).ToArray());
        var e = Assert.Throws<ArgumentException>(() => AttentionMask.MaskedSoftmax(torch.zeros(2, 1, 3), torch.ones(2, 4)));
        Assert.Contains("[2, 4]", e.Message);
    }

    public static TheoryData<string> ScoreNames => new() { "dot", "scaled", "general", "additive", "location" };

    private static AttentionScore Create(string name, Generator g)
    {
        AttentionScore score = name switch
        {
            "dot" => new DotScore(),
            "scaled" => new ScaledDotScore(),
            "general" => new GeneralScore(3, 3),
            "additive" => new AdditiveScore(3, 3, 4),
            _ => new LocationScore(3, 5),
        };

        // Every parameter from g, not from the default generator's init: other test classes draw from the default
        // generator in parallel, so its state here varies from run to run, and so would the point the gradient is
        // checked at. (This also moves the additive score's v off zero, so every parameter has a gradient to check.)
        foreach (var parameter in score.parameters())
        {
            Set(parameter, Leaf(g, parameter.shape).ToArray());
        }

        return score;
    }

    [Theory]
    [MemberData(nameof(ScoreNames))]
    public void ScoreGradcheck(string name)
    {
        var g = new Generator(11);
        var score = Create(name, g);
        GradCheckModule(score, [Leaf(g, 2, 2, 3), Leaf(g, 2, 4, 3)], ts => score.call(ts[0], ts[1]));
    }

    [Theory]
    [MemberData(nameof(ScoreNames))]
    public void AttentionGradcheckWithMask(string name)
    {
        var g = new Generator(12);
        var attention = new Attention(Create(name, g));
        var mask = AttentionMask.FromLengths([4, 2], 4);
        GradCheckModule(attention, [Leaf(g, 2, 2, 3), Leaf(g, 2, 4, 3), Leaf(g, 2, 4, 2)], ts =>
        {
            var (context, weights) = attention.call(ts[0], ts[1], ts[2], mask);
            return torch.cat([context.reshape(-1), weights.reshape(-1)]);
        });
    }
}
