using static Attend.Tests.NnTestHelpers;
using F = Attend.torch.nn.functional;

namespace Attend.Tests;

[Collection(DefaultGeneratorCollection.Name)]
public class NnFunctionalTests
{
    private static Tensor Logits(bool requiresGrad = false) =>
        torch.tensor(new float[,] { { 1, 2, 3 }, { 1, 0, -1 } }, requires_grad: requiresGrad);

    // −log softmax of the rows above: row 0 → [2.4076, 1.4076, 0.4076], row 1 → [0.4076, 1.4076, 2.4076].
    private const double Nlp0 = 0.40760596444438, Nlp1 = 1.40760596444438, Nlp2 = 2.40760596444438;

    [Fact]
    public void LinearComputesXTimesWTransposedPlusB()
    {
        var x = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var w = torch.tensor(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } }); // [out 3, in 2]
        var b = torch.tensor([10f, 20f, 30f]);
        var y = F.linear(x, w, b);
        Assert.Equal([2, 3], y.shape);
        Assert.Equal([11f, 22f, 33f, 13f, 24f, 37f], y.ToArray());
        Assert.Equal([3, 2, 3], F.linear(torch.ones(3, 2, 2), w).shape); // leading dimensions are kept
        var ex = Assert.Throws<ArgumentException>(() => F.linear(torch.ones(2, 5), w));
        Assert.Contains("[2, 5]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
    }

    [Fact]
    public void LinearGradcheck()
    {
        var g = new Generator(1);
        GradCheck(ts => F.linear(ts[0], ts[1], ts[2]), Leaf(g, 2, 3, 4), Leaf(g, 5, 4), Leaf(g, 5));
    }

    [Fact]
    public void CrossEntropyMatchesHandComputedValue()
    {
        var target = torch.tensor([2f, 1f]);
        Close((Nlp0 + Nlp1) / 2, F.cross_entropy(Logits(), target).item());
        Close(Nlp0 + Nlp1, F.cross_entropy(Logits(), target, reduction: "sum").item());
        Close([Nlp0, Nlp1], F.cross_entropy(Logits(), target, reduction: "none").ToArray());
    }

    [Fact]
    public void CrossEntropyIgnoreIndexSkipsAndIsNotCounted()
    {
        Close(Nlp0, F.cross_entropy(Logits(), torch.tensor([2f, -100f])).item());
        Close(Nlp0, F.cross_entropy(Logits(), torch.tensor([2f, 1f]), ignore_index: 1).item());
        Close([Nlp0, 0], F.cross_entropy(Logits(), torch.tensor([2f, -100f]), reduction: "none").ToArray());

        // The ignored row gets no gradient.
        var x = Logits(requiresGrad: true);
        F.cross_entropy(x, torch.tensor([2f, -100f])).backward();
        Assert.Equal([0f, 0f, 0f], x.grad!.ToArray()[3..]);
    }

    [Fact]
    public void CrossEntropyLabelSmoothingFollowsPyTorchFormula()
    {
        // loss = (1 − ε)·(−logp[y]) + (ε/C)·Σ_c −logp[c]
        const double eps = 0.1;
        var sum = Nlp0 + Nlp1 + Nlp2;
        var row0 = ((1 - eps) * Nlp0) + (eps / 3 * sum);
        var row1 = ((1 - eps) * Nlp1) + (eps / 3 * sum);
        Close((row0 + row1) / 2, F.cross_entropy(Logits(), torch.tensor([2f, 1f]), label_smoothing: eps).item());
        Close(0.95760596444438, F.cross_entropy(Logits(), torch.tensor([2f, 1f]), label_smoothing: eps).item());
        // With an ignored row, only row 0 counts (smoothing term masked too).
        Close(row0, F.cross_entropy(Logits(), torch.tensor([2f, -100f]), label_smoothing: eps).item());
    }

    [Fact]
    public void CrossEntropyClassWeightsNormalizeByTheWeightsOfTheTargets()
    {
        var w = torch.tensor([1f, 2f, 0.5f]);
        Close(((0.5 * Nlp0) + (2 * Nlp1)) / 2.5, F.cross_entropy(Logits(), torch.tensor([2f, 1f]), w).item());
        // PyTorch: the smoothing term is −Σ_c w_c·logp_c, divided by the same Σ w[y].
        const double eps = 0.1;
        var smooth = ((1 * Nlp2) + (2 * Nlp1) + (0.5 * Nlp0) + (1 * Nlp0) + (2 * Nlp1) + (0.5 * Nlp2)) / 2.5;
        var expected = ((1 - eps) * ((0.5 * Nlp0) + (2 * Nlp1)) / 2.5) + (eps / 3 * smooth);
        Close(expected, F.cross_entropy(Logits(), torch.tensor([2f, 1f]), w, label_smoothing: eps).item());
    }

    [Fact]
    public void CrossEntropyAcceptsSpatialAndUnbatchedInputs()
    {
        // [N=1, C=3, d=2] whose two positions hold the two rows above.
        var spatial = torch.tensor(new float[] { 1, 1, 2, 0, 3, -1 }, [1, 3, 2]);
        var target = torch.tensor([2f, 1f], [1, 2]);
        Close((Nlp0 + Nlp1) / 2, F.cross_entropy(spatial, target).item());
        var none = F.cross_entropy(spatial, target, reduction: "none");
        Assert.Equal([1, 2], none.shape);
        Close([Nlp0, Nlp1], none.ToArray());

        Close(Nlp1, F.cross_entropy(torch.tensor([1f, 0f, -1f]), torch.tensor(1f)).item());
    }

    [Fact]
    public void CrossEntropyWithProbabilityTargets()
    {
        var probabilities = torch.tensor(new float[,] { { 0, 0, 1 }, { 0.5f, 0.5f, 0 } });
        Close((Nlp0 + ((Nlp0 + Nlp1) / 2)) / 2, F.cross_entropy(Logits(), probabilities).item());
    }

    [Fact]
    public void CrossEntropyRejectsBadTargetsWithTheValueAndClassCount()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => F.cross_entropy(Logits(), torch.tensor([3f, 0f])));
        Assert.Contains("target 3", ex.Message);
        Assert.Contains("3 classes", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.cross_entropy(Logits(), torch.tensor([0.5f, 0f])));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.cross_entropy(Logits(), torch.tensor([-1f, 0f])));
        var shape = Assert.Throws<ArgumentException>(() => F.cross_entropy(Logits(), torch.tensor([1f, 0f], [2, 1])));
        Assert.Contains("[2, 1]", shape.Message);
        Assert.Throws<ArgumentException>(() => F.cross_entropy(Logits(), torch.tensor([1f, 0f]), reduction: "avg"));
    }

    [Fact]
    public void CrossEntropyGradientIsSoftmaxMinusOneHot()
    {
        var x = Logits(requiresGrad: true);
        F.cross_entropy(x, torch.tensor([2f, 1f]), reduction: "sum").backward();
        var expected = new List<double>();
        foreach (var (row, target) in new[] { (new[] { 1.0, 2, 3 }, 2), (new[] { 1.0, 0, -1 }, 1) })
        {
            var z = row.Sum(Math.Exp);
            expected.AddRange(row.Select((v, c) => (Math.Exp(v) / z) - (c == target ? 1 : 0)));
        }

        Close(expected.ToArray(), x.grad!.ToArray());
    }

    [Fact]
    public void CrossEntropyGradcheck()
    {
        var g = new Generator(2);
        var target = torch.tensor([2f, 0f, -100f, 1f]);
        var weight = torch.tensor([1f, 2f, 0.5f]);
        GradCheck(ts => F.cross_entropy(ts[0], target), Leaf(g, 4, 3));
        GradCheck(ts => F.cross_entropy(ts[0], target, weight, label_smoothing: 0.2), Leaf(g, 4, 3));
        GradCheck(ts => F.cross_entropy(ts[0], target.reshape(2, 2), reduction: "none"), Leaf(g, 2, 3, 2));
    }

    [Fact]
    public void NllLossPicksMinusTheLogProbabilityOfTheTarget()
    {
        var logp = Logits().log_softmax(1);
        Close((Nlp0 + Nlp1) / 2, F.nll_loss(logp, torch.tensor([2f, 1f])).item());
        Close(Nlp0, F.nll_loss(logp, torch.tensor([2f, -100f])).item());
        var g = new Generator(3);
        GradCheck(ts => F.nll_loss(ts[0], torch.tensor([0f, 2f, 1f]), reduction: "sum"), Leaf(g, 3, 3));
    }

    [Fact]
    public void BinaryCrossEntropyByHand()
    {
        var p = torch.tensor([0.8f, 0.3f]);
        var y = torch.tensor([1f, 0f]);
        Close(-(Math.Log(0.8) + Math.Log(0.7)) / 2, F.binary_cross_entropy(p, y).item());
        Close([-Math.Log(0.8), -Math.Log(0.7)], F.binary_cross_entropy(p, y, reduction: "none").ToArray());
        // log is clamped at −100 as in PyTorch: a confident wrong answer costs 100, not infinity.
        Close(100, F.binary_cross_entropy(torch.tensor([0f]), torch.tensor([1f])).item(), 1e-3);
        var ex = Assert.Throws<ArgumentException>(() => F.binary_cross_entropy(torch.tensor([1.5f]), torch.tensor([1f])));
        Assert.Contains("between 0 and 1", ex.Message);

        // Away from 0 and 1, where log's curvature would swamp the finite differences.
        var probs = torch.tensor([0.35f, 0.6f, 0.45f, 0.65f], requires_grad: true);
        GradCheck(ts => F.binary_cross_entropy(ts[0], torch.tensor([1f, 0f, 1f, 0.25f])), probs);
        GradCheck(ts => F.binary_cross_entropy(ts[0].sigmoid(), torch.tensor([1f, 0f, 0.5f])), Leaf(new Generator(4), 3));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsIsStableAndExact()
    {
        var x = torch.tensor([2f, -1f]);
        var y = torch.tensor([1f, 0f]);
        Close((Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-1))) / 2, F.binary_cross_entropy_with_logits(x, y).item());

        // Huge scores: the naive log(σ(x)) would give log(0) = −∞; the stable form gives exactly |x|.
        var big = torch.tensor([100f, -100f], requires_grad: true);
        var loss = F.binary_cross_entropy_with_logits(big, torch.tensor([0f, 1f]));
        Close(100, loss.item(), 1e-4);
        loss.backward();
        Close([0.5, -0.5], big.grad!.ToArray()); // (σ(x) − y) / N

        // It equals binary_cross_entropy(σ(x), y) where both are finite.
        var z = torch.tensor([0.3f, -1.2f, 2.5f]);
        var t = torch.tensor([1f, 0f, 0.5f]);
        Close(F.binary_cross_entropy(z.sigmoid(), t).item(), F.binary_cross_entropy_with_logits(z, t).item());

        GradCheck(ts => F.binary_cross_entropy_with_logits(ts[0], ts[1], reduction: "none"),
                  torch.tensor([0.5f, -1.5f, 2f, 0.1f], requires_grad: true), torch.tensor([1f, 0f, 0.3f, 0.8f], requires_grad: true));
    }

    [Fact]
    public void MseLossByHand()
    {
        var x = torch.tensor([1f, 2f, 3f]);
        var y = torch.tensor([1.5f, 2f, 2f]);
        Close((0.25 + 0 + 1) / 3, F.mse_loss(x, y).item());
        Close(1.25, F.mse_loss(x, y, reduction: "sum").item());
        Close([0.25, 0, 1], F.mse_loss(x, y, reduction: "none").ToArray());
        var ex = Assert.Throws<ArgumentException>(() => F.mse_loss(torch.ones(4, 1), torch.ones(4)));
        Assert.Contains("[4, 1]", ex.Message);
        var g = new Generator(5);
        GradCheck(ts => F.mse_loss(ts[0], ts[1]), Leaf(g, 3, 2), Leaf(g, 3, 2));
    }

    [Fact]
    public void LayerNormNormalizesTheLastDimensionsWithBiasedVariance()
    {
        var x = torch.tensor(new float[,] { { 1, 2, 3, 4 }, { -1, 0, 0, 1 } });
        var y = F.layer_norm(x, [4]).ToArray();
        var s0 = Math.Sqrt(1.25 + 1e-5); // mean 2.5, biased variance 1.25
        var s1 = Math.Sqrt(0.5 + 1e-5);  // mean 0, biased variance 0.5
        Close([-1.5 / s0, -0.5 / s0, 0.5 / s0, 1.5 / s0, -1 / s1, 0, 0, 1 / s1], y);

        var affine = F.layer_norm(x, [4], torch.full([4], 2f), torch.full([4], 1f)).ToArray();
        Close(y.Select(v => (double)((2 * v) + 1)).ToArray(), affine);

        var g = new Generator(6);
        GradCheck(ts => F.layer_norm(ts[0], [2, 3], ts[1], ts[2]), Leaf(g, 2, 2, 3), Leaf(g, 2, 3), Leaf(g, 2, 3));
        Assert.Throws<ArgumentException>(() => F.layer_norm(x, [3]));
    }

    [Fact]
    public void DropoutIsReproducibleScaledAndOffInEval()
    {
        var x = torch.ones(1000);
        torch.manual_seed(7);
        var a = F.dropout(x, 0.3).ToArray();
        torch.manual_seed(7);
        var b = F.dropout(x, 0.3).ToArray();
        Assert.Equal(a, b);

        var scale = 1f / 0.7f;
        Assert.All(a, v => Assert.True(v == 0 || v == scale));
        var dropped = a.Count(v => v == 0) / 1000.0;
        Assert.InRange(dropped, 0.25, 0.35);

        Assert.Same(x, F.dropout(x, 0.3, training: false));
        Assert.Equal(new float[3], F.dropout(torch.ones(3), 1.0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => F.dropout(x, 1.5));

        // The gradient is the mask itself.
        var leaf = torch.ones([6], requires_grad: true);
        var kept = F.dropout(leaf, 0.5, generator: new Generator(3));
        kept.sum().backward();
        Assert.Equal(kept.ToArray(), leaf.grad!.ToArray());
        GradCheck(ts => F.dropout(ts[0], 0.4, generator: new Generator(9)), Leaf(new Generator(1), 10));
    }

    [Fact]
    public void ActivationsMatchTensorMethods()
    {
        var x = torch.tensor([-1f, 0.5f, 2f]);
        Assert.Equal(x.relu().ToArray(), F.relu(x).ToArray());
        Assert.Equal(x.tanh().ToArray(), F.tanh(x).ToArray());
        Assert.Equal(x.sigmoid().ToArray(), F.sigmoid(x).ToArray());
        Assert.Equal(x.softmax(0).ToArray(), F.softmax(x, 0).ToArray());
        Assert.Equal(x.log_softmax(0).ToArray(), F.log_softmax(x, 0).ToArray());
    }
}
