using Attend.Ntm;
using static Attend.Tests.NnTestHelpers;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>Chapter 5's addressing stages: each computed by hand on a 4-slot memory, gradchecked, and guarded against NaN.</summary>
public class NtmAddressingTests
{
    // Four slots of width 2; the last row is all zeros (what a zero-initialised memory looks like).
    private static Tensor Memory4() => torch.tensor(new float[] { 1, 0, 0, 1, 1, 1, 0, 0 }, [1, 4, 2]);

    private static Tensor Row(params float[] values) => torch.tensor(values, [1, values.Length]);

    [Fact]
    public void ContentAddressingIsASoftmaxOfScaledCosines()
    {
        // cos(k, M_i) with k = (1, 0): 1, 0, 1/√2, and 0 for the zero row (guarded, not 0/0). β = 2 scales them.
        var similarity = Addressing.Similarity(Memory4(), Row(1, 0));
        Close([1, 0, 1 / Math.Sqrt(2), 0], similarity.ToArray(), 1e-6);

        var w = Addressing.Content(Memory4(), Row(1, 0), Row(2)).ToArray();
        double e2 = Math.Exp(2), eR2 = Math.Exp(2 / Math.Sqrt(2)), z = e2 + 1 + eR2 + 1;
        Close([e2 / z, 1 / z, eR2 / z, 1 / z], w, 1e-6);

        // β = 0 ignores the key: uniform. A large β picks the best match.
        Close([0.25, 0.25, 0.25, 0.25], Addressing.Content(Memory4(), Row(1, 0), Row(0)).ToArray(), 1e-6);
        Assert.True(Addressing.Content(Memory4(), Row(1, 0), Row(50)).ToArray()[0] > 0.99f);
    }

    [Fact]
    public void InterpolationMixesContentAndThePreviousWeighting()
    {
        // g·w^c + (1 − g)·w_prev with g = 0.25.
        var w = Addressing.Interpolate(Row(0.7f, 0.1f, 0.1f, 0.1f), Row(0, 0, 1, 0), Row(0.25f));
        Close([0.175, 0.025, 0.775, 0.025], w.ToArray(), 1e-6);
        Close([0.7, 0.1, 0.1, 0.1], Addressing.Interpolate(Row(0.7f, 0.1f, 0.1f, 0.1f), Row(0, 0, 1, 0), Row(1)).ToArray(), 1e-6);
    }

    [Fact]
    public void ShiftIsACircularConvolution()
    {
        var w = Row(0.1f, 0.2f, 0.3f, 0.4f);
        // s on +1: every weight moves one slot forward, the last wraps to the first.
        Close([0.4, 0.1, 0.2, 0.3], Addressing.Shift(w, Row(0, 0, 1)).ToArray(), 1e-6);
        Close([0.2, 0.3, 0.4, 0.1], Addressing.Shift(w, Row(1, 0, 0)).ToArray(), 1e-6);
        // Half back, half forward: w̃(0) = ½w(1) + ½w(3) = 0.3, w̃(1) = ½w(2) + ½w(0) = 0.2, …
        Close([0.3, 0.2, 0.3, 0.2], Addressing.Shift(w, Row(0.5f, 0, 0.5f)).ToArray(), 1e-6);
        // A 5-tap range (shifts −2 … +2) on 5 slots: s on +2 gives w̃(i) = w(i − 2).
        Close([0.4, 0, 0.1, 0.2, 0.3], Addressing.Shift(Row(0.1f, 0.2f, 0.3f, 0.4f, 0), Row(0, 0, 0, 0, 1)).ToArray(), 1e-6);
    }

    [Fact]
    public void SharpeningRaisesToGammaAndRenormalizes()
    {
        // γ = 2: 0.01, 0.04, 0.09, 0.16 over their sum 0.30.
        Close([1 / 30.0, 4 / 30.0, 9 / 30.0, 16 / 30.0], Addressing.Sharpen(Row(0.1f, 0.2f, 0.3f, 0.4f), Row(2)).ToArray(), 1e-6);
        Close([0.1, 0.2, 0.3, 0.4], Addressing.Sharpen(Row(0.1f, 0.2f, 0.3f, 0.4f), Row(1)).ToArray(), 1e-6);
    }

    [Fact]
    public void TheFourStagesComposeIntoAddress()
    {
        var memory = Memory4();
        var expected = Addressing.Sharpen(
            Addressing.Shift(Addressing.Interpolate(Addressing.Content(memory, Row(1, 0), Row(2)), Row(0, 0, 1, 0), Row(0.5f)), Row(0.1f, 0.2f, 0.7f)),
            Row(1.5f));
        var w = Addressing.Address(memory, Row(1, 0), Row(2), Row(0.5f), Row(0.1f, 0.2f, 0.7f), Row(1.5f), Row(0, 0, 1, 0));
        Close(expected.ToArray(), w.ToArray(), 1e-7);
        Close(1.0, w.sum().item(), 1e-6);
    }

    // The cosine curves sharply near a short memory row (one row here has norm 0.23), so central differences need a
    // smaller step than the float32 default of 1e-2 to reach the O(ε²) regime: at 1e-2 the truncation error alone is
    // ~5e-3 and shrinks 100-fold at 1e-3, which is what a correct backward looks like.
    private static void Check(Func<Tensor[], Tensor> function, params Tensor[] inputs)
    {
        var result = Autograd.GradCheck.Check(function, inputs, eps: 1e-3f);
        Assert.True(result.Passed, result.Report);
    }

    [Fact]
    public void EachStageGradchecks()
    {
        var g = new Generator(501);
        var memory = Leaf(g, 2, 5, 3);
        var key = Leaf(g, 2, 3);
        var beta = torch.tensor([1.5f, 0.7f], [2, 1], requires_grad: true);
        Check(x => Addressing.Content(x[0], x[1], x[2]), memory, key, beta);

        var wc = Leaf(g, 2, 5).softmax(1).detach().requires_grad_();
        var previous = Leaf(g, 2, 5).softmax(1).detach().requires_grad_();
        var gate = torch.tensor([0.3f, 0.8f], [2, 1], requires_grad: true);
        Check(x => Addressing.Interpolate(x[0], x[1], x[2]), wc, previous, gate);

        var shift = Leaf(g, 2, 3).softmax(1).detach().requires_grad_();
        Check(x => Addressing.Shift(x[0], x[1]), wc, shift);

        var gamma = torch.tensor([1.7f, 3f], [2, 1], requires_grad: true);
        Check(x => Addressing.Sharpen(x[0], x[1]), wc, gamma);

        Check(x => Addressing.Address(x[0], x[1], x[2], x[3], x[4], x[5], x[6]), memory, key, beta, gate, shift, gamma, previous);
    }

    [Fact]
    public void ZeroKeyAndZeroMemoryGiveFiniteWeightsAndGradients()
    {
        // The NaN pytorch-ntm users hit: cosine of a zero vector. Here it scores 0 and the gradient stays finite.
        var memory = torch.zeros([1, 4, 3], requires_grad: true);
        var key = torch.zeros([1, 3], requires_grad: true);
        var beta = torch.tensor([5f], [1, 1], requires_grad: true);
        var w = Addressing.Content(memory, key, beta);
        Close([0.25, 0.25, 0.25, 0.25], w.ToArray(), 1e-6);
        w.mul(torch.tensor([1f, 2, 3, 4], [1, 4])).sum().backward();
        Assert.All(memory.grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(key.grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.True(float.IsFinite(beta.grad!.item()));
    }

    [Fact]
    public void SharpeningSurvivesUnderflowingWeights()
    {
        // A weighting with exact zeros (what float32 softmax gives far from the focus) and a large γ: w^γ underflows
        // for every entry of a nearly uniform weighting over many slots, 0^γ·log 0 would be NaN for ∂/∂γ.
        var w = torch.tensor(new float[] { 0, 1e-30f, 0.5f, 0.5f, 0 }, [1, 5], requires_grad: true);
        var gamma = torch.tensor([40f], [1, 1], requires_grad: true);
        var sharp = Addressing.Sharpen(w, gamma);
        Close([0, 0, 0.5, 0.5, 0], sharp.ToArray(), 1e-6);
        sharp.mul(torch.tensor([1f, 2, 3, 5, 4], [1, 5])).sum().backward();
        Assert.All(w.grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.True(float.IsFinite(gamma.grad!.item()));

        // Uniform over 128 slots with γ = 30: (1/128)^30 ≈ 6e-64 underflows in float32; the result must stay uniform.
        var uniform = torch.full([1, 128], 1f / 128);
        var result = Addressing.Sharpen(uniform, torch.tensor([30f], [1, 1]));
        Assert.All(result.ToArray(), v => Assert.Equal(1f / 128, v, 1e-6f));
    }

    [Fact]
    public void HeadParametersGoThroughTheirSquashingFunctions()
    {
        // Raw zeros: β = softplus(0) = ln 2, g = σ(0) = ½, s uniform, γ = 1 + ln 2 ≥ 1, e = ½. Very negative raw values
        // still give β ≥ 0 and γ ≥ 1 (the "negative sharpening" NaN of the reference implementations cannot happen).
        var p = HeadParameters.FromRaw(torch.zeros(1, HeadParameters.Size(2, 3, write: true)), 2, 3, write: true);
        Close(Math.Log(2), p.Beta.item(), 1e-6);
        Close(0.5, p.Gate.item(), 1e-6);
        Close([1 / 3.0, 1 / 3.0, 1 / 3.0], p.Shift.ToArray(), 1e-6);
        Close(1 + Math.Log(2), p.Gamma.item(), 1e-6);
        Close([0.5, 0.5], p.Erase!.ToArray(), 1e-6);
        var low = HeadParameters.FromRaw(torch.full([1, HeadParameters.Size(2, 3, write: false)], -100f), 2, 3, write: false);
        Assert.True(low.Beta.item() >= 0);
        Assert.True(low.Gamma.item() >= 1);
        Assert.Null(low.Erase);
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        Throws(() => Addressing.Similarity(Memory4(), Row(1, 0, 0)), "key", "[1, 2]", "[1, 3]", "memory width M = 2");
        Throws(() => Addressing.Shift(Row(0.1f, 0.2f, 0.3f, 0.4f), Row(0.2f, 0.2f, 0.2f, 0.2f, 0.2f)), "shift", "5 shifts", "4 memory slots");
        Throws(() => Addressing.Shift(Row(0.1f, 0.2f, 0.3f, 0.4f), Row(0.5f, 0.5f)), "shift", "K odd", "[1, 2]");
        Throws(() => Addressing.Interpolate(Row(0.5f, 0.5f), Row(1, 0, 0), Row(1)), "previous", "[1, 3]", "[1, 2]");
        Throws(() => Addressing.Sharpen(Row(0.5f, 0.5f), torch.ones(1, 2)), "gamma", "[1, 1]", "[1, 2]");
        Throws(() => HeadParameters.FromRaw(torch.zeros(1, 7), 2, 3, write: true), "raw", "[B, 12]", "[1, 7]");
    }
}
