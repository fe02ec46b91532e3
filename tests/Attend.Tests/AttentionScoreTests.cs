using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

using Attend.Attention;

/// <summary>
/// Each score on the chapter's worked example: one query q = [1, 0] and three keys k₁ = [1, 0], k₂ = [0, 1],
/// k₃ = [1, 1]; the expected numbers are written out from the formulas.
/// </summary>
public class AttentionScoreTests
{
    private static Tensor Query() => torch.tensor([1f, 0f], [1, 1, 2]);

    private static Tensor Keys() => torch.tensor([1f, 0f, 0f, 1f, 1f, 1f], [1, 3, 2]);

    [Fact]
    public void DotScoreIsQTransposeK()
    {
        // q·k₁ = 1, q·k₂ = 0, q·k₃ = 1
        var scores = new DotScore().call(Query(), Keys());
        Assert.Equal([1, 1, 3], scores.shape);
        Assert.Equal([1f, 0f, 1f], scores.ToArray());
    }

    [Fact]
    public void ScaledDotScoreDividesBySqrtD()
    {
        var s = 1 / Math.Sqrt(2); // d = 2
        Close([s, 0, s], new ScaledDotScore().call(Query(), Keys()).ToArray(), 1e-6);
    }

    [Fact]
    public void GeneralScoreIsBilinear()
    {
        var score = new GeneralScore(queryDim: 2, keyDim: 2);
        Assert.Equal([2, 2], score.W.weight.shape); // W [dq, dk]
        Set(score.W.weight, 1, 2, 0, 1);            // W = [[1, 2], [0, 1]]
        // qᵀW = [1, 2], so the scores are [1, 2]·k: 1, 2, 3.
        Close([1, 2, 3], score.call(Query(), Keys()).ToArray(), 1e-6);
    }

    [Fact]
    public void GeneralScoreAllowsDifferentSizes()
    {
        var score = new GeneralScore(queryDim: 3, keyDim: 2);
        Set(score.W.weight, 1, 0, 0, 1, 1, 1); // W [3, 2]
        var q = torch.tensor([1f, 2f, 3f], [1, 1, 3]);
        // qᵀW = [1 + 3, 2 + 3] = [4, 5]; scores [4, 5]·k = 4, 5, 9.
        Close([4, 5, 9], score.call(q, Keys()).ToArray(), 1e-6);
    }

    [Fact]
    public void AdditiveScoreIsVTanhWqPlusUk()
    {
        var score = new AdditiveScore(queryDim: 2, keyDim: 2, attentionDim: 2);
        Set(score.W.weight, 1, 0, 0, 1);  // W = I: Wq = [1, 0]
        Set(score.U.weight, 1, 0, 0, -1); // U k = [k₁, −k₂]
        Set(score.v, 1, 1);
        // k₁: tanh([2, 0]) → tanh 2;  k₂: tanh([1, −1]) → 0;  k₃: tanh([2, −1]) → tanh 2 − tanh 1.
        Close([Math.Tanh(2), 0, Math.Tanh(2) - Math.Tanh(1)], score.call(Query(), Keys()).ToArray(), 1e-6);
    }

    [Fact]
    public void AdditiveScoreStartsUniformBecauseVIsZero()
    {
        var score = new AdditiveScore(2, 2, 4);
        Assert.All(score.v.ToArray(), x => Assert.Equal(0f, x));
        var weights = new Attention(score).call(Query(), Keys()).Weights;
        Close([1 / 3.0, 1 / 3.0, 1 / 3.0], weights.ToArray(), 1e-7);
    }

    [Fact]
    public void LocationScoreDependsOnlyOnTheQuery()
    {
        var score = new LocationScore(queryDim: 2, maxLength: 4);
        Set(score.W.weight, 1, 0, 0, 1, 2, 0, 5, 5); // rows: positions 0…3
        // W q = [1, 0, 2, 5], cut to the 3 keys.
        var scores = score.call(Query(), Keys());
        Assert.Equal([1, 1, 3], scores.shape);
        Close([1, 0, 2], scores.ToArray(), 1e-6);
        var otherKeys = torch.tensor([9f, 9f, -4f, 2f, 0f, 0f], [1, 3, 2]);
        Assert.Equal(scores.ToArray(), score.call(Query(), otherKeys).ToArray());
    }

    [Fact]
    public void ShapeErrorsNameTheScoreAndTheShapes()
    {
        var keys3 = torch.zeros(1, 3, 3);
        var e = Assert.Throws<ArgumentException>(() => new DotScore().call(Query(), keys3));
        Assert.Contains("DotScore", e.Message);
        Assert.Contains("[1, 3, 3]", e.Message);
        e = Assert.Throws<ArgumentException>(() => new GeneralScore(2, 2).call(Query(), keys3));
        Assert.Contains("GeneralScore", e.Message);
        e = Assert.Throws<ArgumentException>(() => new LocationScore(2, 2).call(Query(), Keys()));
        Assert.Contains("at most 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new DotScore().call(torch.zeros(2), Keys()));
        Assert.Contains("[B, Tq, dq]", e.Message);
    }
}
