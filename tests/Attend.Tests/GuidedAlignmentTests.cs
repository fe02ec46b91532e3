using Attend.Attention;
using Attend.Data;
using Attend.Seq2Seq;

namespace Attend.Tests;

/// <summary>
/// The guided-alignment loss L_align = −(1/N) Σ_{b,t} Σ_s A*·log α by hand, its skipping rules (rows of A* that sum to 0,
/// padded target positions), its gradient (by hand and by gradcheck), the schedule, and the alignment metrics.
/// </summary>
public class GuidedAlignmentTests
{
    // The 2 × 3 case: two target positions, three source positions, one example.
    //   α   row 0 = [0.5, 0.3, 0.2]   A* row 0 = [0, 1, 0]       (copied from source position 1)
    //       row 1 = [0.1, 0.6, 0.3]        row 1 = [0.5, 0.5, 0]  (derived from positions 0 and 1)
    private static readonly float[] Alpha = [0.5f, 0.3f, 0.2f, 0.1f, 0.6f, 0.3f];
    private static readonly float[] Truth = [0, 1, 0, 0.5f, 0.5f, 0];

    // L = −(log 0.3 + 0.5 log 0.1 + 0.5 log 0.6) / 2
    //   = −(−1.2039728 − 1.1512925 − 0.2554128) / 2 = 2.6106781 / 2 = 1.3053391
    // (ε = 1e-6 inside the log moves it by about 5e-6).
    private const double HandLoss = 1.3053391;

    [Fact]
    public void LossOnTheTwoByThreeCaseMatchesTheHandValue()
    {
        var loss = GuidedAlignment.Loss(torch.tensor(Alpha, [1, 2, 3]), torch.tensor(Truth, [1, 2, 3]));
        Assert.Empty(loss.shape);
        NnTestHelpers.Close(HandLoss, loss.item(), 1e-5);
    }

    [Fact]
    public void GradientIsMinusTruthOverNAlpha()
    {
        // ∂L/∂α = −A* / (N (α + ε)): zero wherever the truth is zero, so unaligned positions are not pushed down directly
        // (the softmax does that).
        var alpha = torch.tensor(Alpha, [1, 2, 3], requires_grad: true);
        GuidedAlignment.Loss(alpha, torch.tensor(Truth, [1, 2, 3])).backward();
        NnTestHelpers.Close([0, -1 / (2 * 0.3), 0, -0.5 / (2 * 0.1), -0.5 / (2 * 0.6), 0], alpha.grad!.ToArray(), 1e-4);
    }

    [Fact]
    public void RowsOfTheTruthSummingToZeroAreSkippedAndNotCounted()
    {
        // Add a hyphen-like position (A* row all zero) between the two: the loss stays the same, N stays 2.
        float[] alpha = [.. Alpha[..3], 0.2f, 0.2f, 0.6f, .. Alpha[3..]];
        float[] truth = [.. Truth[..3], 0, 0, 0, .. Truth[3..]];
        var loss = GuidedAlignment.Loss(torch.tensor(alpha, [1, 3, 3]), torch.tensor(truth, [1, 3, 3]));
        NnTestHelpers.Close(HandLoss, loss.item(), 1e-5);
        var counted = GuidedAlignment.AlignedPositions(torch.tensor(truth, [1, 3, 3]));
        Assert.Equal([1f, 0, 1], counted.ToArray());
    }

    [Fact]
    public void PaddedTargetPositionsAreSkippedEvenWithAnAlignment()
    {
        // A third position with an alignment row [1, 0, 0] but target mask 0 (padding) must not count: with a tiny α
        // there it would add −log 0.01 ≈ 4.6 to the sum.
        float[] alpha = [.. Alpha, 0.01f, 0.5f, 0.49f];
        float[] truth = [.. Truth, 1, 0, 0];
        var mask = torch.tensor([1f, 1, 0], [1, 3]);
        var loss = GuidedAlignment.Loss(torch.tensor(alpha, [1, 3, 3]), torch.tensor(truth, [1, 3, 3]), mask);
        NnTestHelpers.Close(HandLoss, loss.item(), 1e-5);

        var unmasked = GuidedAlignment.Loss(torch.tensor(alpha, [1, 3, 3]), torch.tensor(truth, [1, 3, 3]));
        NnTestHelpers.Close((2 * HandLoss - Math.Log(0.01)) / 3, unmasked.item(), 1e-4);
    }

    [Fact]
    public void NIsCountedOverTheWholeBatch()
    {
        // Two examples: the 2 × 3 case, and one whose first row is one-hot on position 2 (α = 0.25) and second row is
        // padding. N = 3: L = (2 · 1.3053391 − log 0.25) / 3.
        float[] alpha = [.. Alpha, 0.25f, 0.25f, 0.5f, 0.3f, 0.3f, 0.4f];
        float[] truth = [.. Truth, 0, 0, 1, 0, 0, 0];
        var loss = GuidedAlignment.Loss(torch.tensor(alpha, [2, 2, 3]), torch.tensor(truth, [2, 2, 3]));
        NnTestHelpers.Close((2 * HandLoss - Math.Log(0.5)) / 3, loss.item(), 1e-5);
    }

    [Fact]
    public void NoAlignedPositionGivesZeroNotNaN()
    {
        var alpha = torch.tensor(Alpha, [1, 2, 3], requires_grad: true);
        var loss = GuidedAlignment.Loss(alpha, torch.zeros([1, 2, 3]));
        Assert.Equal(0f, loss.item());
        loss.backward();
        Assert.All(alpha.grad!.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void ZeroAttentionWeightsGiveAFiniteLossAndGradient()
    {
        // Masked source positions get α = 0 exactly; a truth there must not give log 0 = −∞ or 0 · ∞ = NaN.
        var alpha = torch.tensor([1f, 0, 0, 0, 1, 0], [1, 2, 3], requires_grad: true);
        var loss = GuidedAlignment.Loss(alpha, torch.tensor([0f, 1, 0, 0, 1, 0], [1, 2, 3]));
        Assert.True(float.IsFinite(loss.item()));
        NnTestHelpers.Close(-Math.Log(1e-6) / 2, loss.item(), 1e-3);
        loss.backward();
        Assert.All(alpha.grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void GradcheckThroughTheAttentionValues()
    {
        // The truly aligned weights are kept ≥ 0.4: log has curvature 1/α², and at α = 0.1 the finite difference with
        // ε = 1e-2 is itself off by ~1e-2 (the test point, not the gradient, would be wrong).
        var truth = torch.tensor(Truth, [1, 2, 3]);
        var alpha = torch.tensor([0.2f, 0.5f, 0.3f, 0.45f, 0.4f, 0.15f], [1, 2, 3], requires_grad: true);
        NnTestHelpers.GradCheck(ts => GuidedAlignment.Loss(ts[0], truth), alpha);
    }

    [Fact]
    public void GradcheckThroughAMaskedSoftmaxOfScores()
    {
        // The way the loss is used: α = masked softmax of the decoder's scores. Batch of 2, T = 3, S = 4; the second
        // source has 3 real positions, the second target's last position is padding.
        var g = new Generator(5);
        var scores = NnTestHelpers.Leaf(g, 2, 3, 4);
        var sourceMask = AttentionMask.FromLengths([4, 3], 4);
        var targetMask = AttentionMask.FromLengths([3, 2], 3);
        var truth = torch.tensor(
            [
                1, 0, 0, 0,   0, 0.5f, 0.5f, 0,   0, 0, 0, 0,         // example 0: one-hot, spread, unaligned
                0, 0, 1, 0,   1f / 3, 1f / 3, 1f / 3, 0,   0, 0, 0, 0, // example 1: one-hot, spread, padding
            ],
            [2, 3, 4]);
        NnTestHelpers.GradCheck(
            ts => GuidedAlignment.Loss(AttentionMask.MaskedSoftmax(ts[0], sourceMask), truth, targetMask), scores);
    }

    [Fact]
    public void APerfectOneHotAttentionOnADateHasZeroLossAndFullAccuracy()
    {
        // "03/05/1979" copies every digit: every row of the truth is one-hot, so α = A* gives −log(1 + ε) ≈ 0.
        var example = DateTask.Make(new DateOnly(1979, 5, 3), DateFormat.Slashes);
        var examples = new[] { example };
        var batch = Batch.Create([DateTask.Encode(example, DateTask.InputVocabulary, DateTask.OutputVocabulary)]);
        var truth = DateTask.AlignmentBatch(examples, batch);
        NnTestHelpers.Close(0, GuidedAlignment.Loss(truth, truth, batch.TargetMask).item(), 1e-5);

        var metrics = AlignmentMetrics.Measure(truth, truth, batch.TargetMask);
        Assert.Equal(9, metrics.Positions); // 8 digits and <eos>; the two hyphens have no alignment
        Assert.Equal(9, metrics.Hits);
        Assert.Equal(1.0, metrics.SoftOverlap, 5);
    }

    [Fact]
    public void ShapeErrorsNameTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => GuidedAlignment.Loss(torch.zeros([1, 2, 3]), torch.zeros([1, 3, 2])));
        Assert.Contains("[1, 2, 3]", e.Message);
        Assert.Contains("[1, 3, 2]", e.Message);
        var m = Assert.Throws<ArgumentException>(() => GuidedAlignment.Loss(torch.zeros([1, 2, 3]), torch.zeros([1, 2, 3]), torch.ones([1, 3])));
        Assert.Contains("target mask", m.Message);
        Assert.Throws<ArgumentException>(() => AlignmentMetrics.Measure(torch.zeros([2, 3]), torch.zeros([2, 3])));
    }

    [Fact]
    public void ScheduleAppliesTheWeightOnlyDuringTheFirstEpochs()
    {
        var guide = new GuidedAlignmentSchedule(0.5, 2);
        Assert.Equal([0.5, 0.5, 0, 0], Enumerable.Range(1, 4).Select(guide.WeightAt));
        Assert.True(guide.IsActive);
        Assert.Equal("λ = 0.5 for the first 2 epochs", guide.ToString());
        Assert.Equal(0, GuidedAlignmentSchedule.None.WeightAt(1));
        Assert.False(GuidedAlignmentSchedule.None.IsActive);
        Assert.Throws<ArgumentOutOfRangeException>(() => guide.WeightAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuidedAlignmentSchedule(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuidedAlignmentSchedule(1, -1));
    }

    [Fact]
    public void MetricsByHand()
    {
        // row 0: α = [0.2, 0.7, 0.1], A* = [0, 1, 0]      peak 1, aligned → hit;  Σ α·A* = 0.7
        // row 1: α = [0.6, 0.3, 0.1], A* = [0, 0.5, 0.5] peak 0, not aligned → miss; Σ α·A* = 0.15 + 0.05 = 0.2
        // row 2: α = [0.1, 0.1, 0.8], A* = 0             skipped (a hyphen)
        // row 3: α = [0.4, 0.4, 0.2], A* = [0, 1, 0]      a tie: the peak is the first, 0 → miss; Σ α·A* = 0.4
        var alpha = torch.tensor([0.2f, 0.7f, 0.1f, 0.6f, 0.3f, 0.1f, 0.1f, 0.1f, 0.8f, 0.4f, 0.4f, 0.2f], [1, 4, 3]);
        var truth = torch.tensor([0f, 1, 0, 0, 0.5f, 0.5f, 0, 0, 0, 0, 1, 0], [1, 4, 3]);
        var m = AlignmentMetrics.Measure(alpha, truth);
        Assert.Equal((3, 1), (m.Positions, m.Hits));
        Assert.Equal(1.0 / 3, m.Accuracy, 6);
        Assert.Equal(1.3 / 3, m.SoftOverlap, 5);

        // With the last position padded it is not measured.
        var masked = AlignmentMetrics.Measure(alpha, truth, torch.tensor([1f, 1, 1, 0], [1, 4]));
        Assert.Equal((2, 1), (masked.Positions, masked.Hits));
        Assert.Equal(0.45, masked.SoftOverlap, 5);

        // Counts add up across batches.
        var both = m + masked;
        Assert.Equal((5, 2), (both.Positions, both.Hits));
        Assert.Equal(2.2, both.Overlap, 5);
        Assert.Equal(0, AlignmentMetrics.Empty.Accuracy);
    }

    [Fact]
    public void AnyTrulyAlignedPositionCountsAsAHitWhenTheTruthIsSpread()
    {
        // The "19" of 1979 written as "79" comes from both digits: a peak on either is right.
        var truth = torch.tensor([0f, 0.5f, 0.5f, 0, 0.5f, 0.5f], [1, 2, 3]);
        var alpha = torch.tensor([0.1f, 0.8f, 0.1f, 0.1f, 0.2f, 0.7f], [1, 2, 3]);
        Assert.Equal(1.0, AlignmentMetrics.Measure(alpha, truth).Accuracy);
    }
}
