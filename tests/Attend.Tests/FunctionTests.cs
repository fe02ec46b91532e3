using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

public class FunctionTests
{
    private const float InvSqrt2 = 0.70710677f;

    // ---- cosine_similarity --------------------------------------------------------------------------------

    [Fact]
    public void CosineSimilarityHandComputed()
    {
        Is([], [InvSqrt2], torch.cosine_similarity(T([1, 0], 2), T([1, 1], 2)));
        var a = T([1, 0, 3, 4], 2, 2);
        var b = T([1, 1, 6, 8], 2, 2);
        Is([2], [InvSqrt2, 1], torch.cosine_similarity(a, b));
        Is([2], [InvSqrt2, 1], torch.cosine_similarity(a.t(), b.t(), dim: 0));
        Is([2], [-1, 0], torch.cosine_similarity(T([1, 2, 1, 0], 2, 2), T([-2, -4, 0, 5], 2, 2), 1));
    }

    [Fact]
    public void CosineSimilarityBroadcastsAKeyAgainstMemoryRows()
    {
        // NTM content addressing: one key [4] against memory [3, 4].
        var memory = T([1, 0, 0, 0, 0, 2, 0, 0, 1, 1, 0, 0], 3, 4);
        var key = T([1, 1, 0, 0], 4);
        Is([3], [InvSqrt2, InvSqrt2, 1], torch.cosine_similarity(memory, key));
    }

    [Fact]
    public void CosineSimilarityOfAZeroVectorIsZeroWithFiniteGradient()
    {
        var a = G([0, 0], 2);
        var b = G([1, 1], 2);
        var sim = torch.cosine_similarity(a, b);
        Assert.Equal(0f, sim.item());
        sim.backward();
        Assert.All(a.grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(b.grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void CosineSimilarityPassesGradCheck()
    {
        GradCheck(t => torch.cosine_similarity(t[0], t[1]), Randn(1, 3, 4), Randn(2, 3, 4));
        GradCheck(t => torch.cosine_similarity(t[0], t[1], 0), Randn(3, 3, 4), Randn(4, 3, 4));
        GradCheck(t => torch.cosine_similarity(t[0], t[1]), Randn(5, 3, 4), Randn(6, 4));
    }

    [Fact]
    public void CosineSimilarityErrorsNameTheShapes()
    {
        Throws(() => torch.cosine_similarity(torch.ones(2, 3), torch.ones(2, 4)),
            "cosine_similarity: x1 of shape [2, 3] and x2 of shape [2, 4] cannot be broadcast together");
        Throws(() => torch.cosine_similarity(torch.ones(2, 3), torch.ones(2, 3), 2), "cosine_similarity:", "dimension 2", "out of range");
    }

    // ---- circular_conv ------------------------------------------------------------------------------------

    [Fact]
    public void CircularConvShiftsMassByOneSlot()
    {
        // N = 4, K = 3: s = [s(−1), s(0), s(+1)].
        var w = T([0.1f, 0.2f, 0.3f, 0.4f], 1, 4);
        Is([1, 4], [0.4f, 0.1f, 0.2f, 0.3f], torch.circular_conv(w, T([0, 0, 1], 1, 3)));   // +1: slot j's weight moves to j+1
        Is([1, 4], [0.2f, 0.3f, 0.4f, 0.1f], torch.circular_conv(w, T([1, 0, 0], 1, 3)));   // −1: moves to j−1
        Is([1, 4], [0.1f, 0.2f, 0.3f, 0.4f], torch.circular_conv(w, T([0, 1, 0], 1, 3)));   // no shift
        Is([4], [0, 1, 0, 0], torch.circular_conv(T([1, 0, 0, 0], 4), T([0, 0, 1], 3)));    // 1-D form

        // Blurred shift: w̃(i) = ¼·w(i+1) + ½·w(i) + ¼·w(i−1).
        Is([1, 4], [0.2f, 0.2f, 0.3f, 0.3f], torch.circular_conv(w, T([0.25f, 0.5f, 0.25f], 1, 3)));
    }

    [Fact]
    public void CircularConvUsesEachRowsOwnShift()
    {
        var w = T([1, 0, 0, 0, 0, 0, 0, 1], 2, 4);
        var s = T([0, 0, 1, 0.5f, 0, 0.5f], 2, 3);
        Is([2, 4], [0, 1, 0, 0, 0.5f, 0, 0.5f, 0], torch.circular_conv(w, s));
    }

    [Fact]
    public void CircularConvMatchesTheDefinitionOfGravesEquation8()
    {
        // w̃(i) = Σ_j w(j)·s(i − j mod N), with the K shift weights placed at shifts −2 … +2 of a length-N circle.
        const int B = 2, N = 7, K = 5;
        var w = torch.rand([B, N], new Generator(11));
        var s = torch.rand([B, K], new Generator(12));
        var wv = w.ToArray();
        var sv = s.ToArray();
        var expected = new float[B * N];
        for (var b = 0; b < B; b++)
        {
            var circle = new float[N];
            for (var c = 0; c < K; c++)
            {
                circle[((c - (K / 2)) + N) % N] += sv[(b * K) + c];
            }

            for (var i = 0; i < N; i++)
            {
                for (var j = 0; j < N; j++)
                {
                    expected[(b * N) + i] += wv[(b * N) + j] * circle[(((i - j) % N) + N) % N];
                }
            }
        }

        Is([B, N], expected, torch.circular_conv(w, s));
        // A weighting convolved with a distribution stays a distribution: total mass is Σw · Σs.
        Values(w.sum(1).mul(s.sum(1)).ToArray(), torch.circular_conv(w, s).sum(1));
    }

    [Fact]
    public void CircularConvPassesGradCheck()
    {
        GradCheck(t => torch.circular_conv(t[0], t[1]), Randn(1, 2, 4), Randn(2, 2, 3));
        GradCheck(t => torch.circular_conv(t[0].softmax(-1), t[1].softmax(-1)).log(), Randn(3, 3, 6), Randn(4, 3, 5));
    }

    [Fact]
    public void CircularConvErrorsNameTheShapes()
    {
        Throws(() => torch.circular_conv(torch.ones(2, 4), torch.ones(2, 4)),
            "circular_conv: the shift weighting s must have an odd number K", "K = 4");
        Throws(() => torch.circular_conv(torch.ones(2, 4), torch.ones(3, 3)), "circular_conv:", "w [2, 4]", "s [3, 3]");
        Throws(() => torch.circular_conv(torch.ones(2, 3), torch.ones(2, 5)), "circular_conv:", "K = 5", "N = 3");
    }

    // ---- logsumexp / softmax wrappers ---------------------------------------------------------------------

    [Fact]
    public void SoftmaxFamilyWrappersMatchHandValues()
    {
        var x = T([0, MathF.Log(3), 0, 1], 2, 2);
        Is([2, 2], [0.25f, 0.75f, 0.26894143f, 0.7310586f], torch.softmax(x, 1));
        Is([2, 2], [MathF.Log(0.25f), MathF.Log(0.75f), -1.3132616f, -0.31326166f], torch.log_softmax(x, -1));
        Is([2], [MathF.Log(4), 1.3132616f], torch.logsumexp(x, 1));
        Is([2, 1], [MathF.Log(4), 1.3132616f], torch.logsumexp(x, 1, keepdim: true));
        GradCheck(t => torch.logsumexp(t[0], 0), Randn(1, 3, 4));
        GradCheck(t => torch.log_softmax(t[0], 1).mul(torch.softmax(t[0], 0)), Randn(2, 3, 4));
    }

    // ---- torch.* wrappers ---------------------------------------------------------------------------------

    public static TheoryData<string> UnaryWrappers() => new()
    {
        "neg", "exp", "log", "sqrt", "abs", "sign", "square", "reciprocal", "sin", "cos", "tanh", "sigmoid", "relu",
        "softplus", "clamp", "clip", "pow", "sum", "sum0", "sumdims", "mean", "mean1", "meandims", "max", "min", "argmax",
        "argmax1", "argmin", "argmin1", "norm", "norm1", "var", "var1", "std", "std1", "reshape", "transpose", "t",
        "permute", "squeeze", "squeeze1", "unsqueeze", "flatten", "broadcast_to", "clone", "narrow", "select",
        "flip", "roll", "roll2", "rollflat", "logsumexp", "softmax", "log_softmax",
    };

    private static (Tensor ViaTorch, Tensor ViaMethod) Both(string name, Tensor x) => name switch
    {
        "neg" => (torch.neg(x), x.neg()),
        "exp" => (torch.exp(x), x.exp()),
        "log" => (torch.log(x), x.log()),
        "sqrt" => (torch.sqrt(x), x.sqrt()),
        "abs" => (torch.abs(x), x.abs()),
        "sign" => (torch.sign(x), x.sign()),
        "square" => (torch.square(x), x.square()),
        "reciprocal" => (torch.reciprocal(x), x.reciprocal()),
        "sin" => (torch.sin(x), x.sin()),
        "cos" => (torch.cos(x), x.cos()),
        "tanh" => (torch.tanh(x), x.tanh()),
        "sigmoid" => (torch.sigmoid(x), x.sigmoid()),
        "relu" => (torch.relu(x), x.relu()),
        "softplus" => (torch.softplus(x), x.softplus()),
        "clamp" => (torch.clamp(x, 0.8f, 1.2f), x.clamp(0.8f, 1.2f)),
        "clip" => (torch.clip(x, max: 1f), x.clip(max: 1f)),
        "pow" => (torch.pow(x, 3f), x.pow(3f)),
        "sum" => (torch.sum(x), x.sum()),
        "sum0" => (torch.sum(x, 0, keepdim: true), x.sum(0, keepdim: true)),
        "sumdims" => (torch.sum(x, [0, 1]), x.sum([0, 1])),
        "mean" => (torch.mean(x), x.mean()),
        "mean1" => (torch.mean(x, 1), x.mean(1)),
        "meandims" => (torch.mean(x, [1], keepdim: true), x.mean([1], keepdim: true)),
        "max" => (torch.max(x), x.max()),
        "min" => (torch.min(x), x.min()),
        "argmax" => (torch.argmax(x), x.argmax()),
        "argmax1" => (torch.argmax(x, 1), x.argmax(1)),
        "argmin" => (torch.argmin(x), x.argmin()),
        "argmin1" => (torch.argmin(x, 1, keepdim: true), x.argmin(1, keepdim: true)),
        "norm" => (torch.norm(x), x.norm()),
        "norm1" => (torch.norm(x, 1, 1), x.norm(1, 1)),
        "var" => (torch.var(x), x.var()),
        "var1" => (torch.var(x, 1, unbiased: false), x.var(1, unbiased: false)),
        "std" => (torch.std(x), x.std()),
        "std1" => (torch.std(x, 0, keepdim: true), x.std(0, keepdim: true)),
        "reshape" => (torch.reshape(x, 3, 2), x.reshape(3, 2)),
        "transpose" => (torch.transpose(x, 0, 1), x.transpose(0, 1)),
        "t" => (torch.t(x), x.t()),
        "permute" => (torch.permute(x, 1, 0), x.permute(1, 0)),
        "squeeze" => (torch.squeeze(x.unsqueeze(0)), x),
        "squeeze1" => (torch.squeeze(x.unsqueeze(1), 1), x),
        "unsqueeze" => (torch.unsqueeze(x, -1), x.unsqueeze(-1)),
        "flatten" => (torch.flatten(x), x.flatten()),
        "broadcast_to" => (torch.broadcast_to(x, 2, 2, 3), x.broadcast_to(2, 2, 3)),
        "clone" => (torch.clone(x), x.clone()),
        "narrow" => (torch.narrow(x, 1, 1, 2), x.narrow(1, 1, 2)),
        "select" => (torch.select(x, 0, 1), x.select(0, 1)),
        "flip" => (torch.flip(x, 1), x.flip(1)),
        "roll" => (torch.roll(x, 1, 1), x.roll(1, 1)),
        "roll2" => (torch.roll(x, [1, 2], [0, 1]), x.roll([1, 2], [0, 1])),
        "rollflat" => (torch.roll(x, 2), x.roll(2)),
        "logsumexp" => (torch.logsumexp(x, 0), x.logsumexp(0)),
        "softmax" => (torch.softmax(x, 1), x.softmax(1)),
        "log_softmax" => (torch.log_softmax(x, 0), x.log_softmax(0)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(UnaryWrappers))]
    public void TorchWrapperMatchesTheMethod(string name)
    {
        var x = T([0.5f, 1.5f, 0.7f, 2f, 1.1f, 0.9f], 2, 3);
        var (viaTorch, viaMethod) = Both(name, x);
        Is(viaMethod.shape, viaMethod.ToArray(), viaTorch, 0f);
    }

    [Fact]
    public void TwoInputWrappersMatchHandValues()
    {
        var a = T([1, 4, 9, 16], 2, 2);
        var b = T([2, 2, 3, 5], 2, 2);
        Values([3, 6, 12, 21], torch.add(a, b));
        Values([5, 8, 15, 26], torch.add(a, b, alpha: 2));
        Values([2, 5, 10, 17], torch.add(a, 1));
        Values([-1, 2, 6, 11], torch.sub(a, b));
        Values([-3, 0, 3, 6], torch.sub(a, b, alpha: 2));
        Values([0, 3, 8, 15], torch.sub(a, 1));
        Values([2, 8, 27, 80], torch.mul(a, b));
        Values([3, 12, 27, 48], torch.mul(a, 3));
        Values([0.5f, 2, 3, 3.2f], torch.div(a, b));
        Values([0.5f, 2, 4.5f, 8], torch.div(a, 2));
        Values([1, 16, 729, 1048576], torch.pow(a, b));
        Values([2, 4, 9, 16], torch.maximum(a, b));
        Values([2, 4, 9, 16], torch.max(a, b));
        Values([1, 2, 3, 5], torch.minimum(a, b));
        Values([1, 2, 3, 5], torch.min(a, b));
        Values([0, 0, 0, 0], torch.eq(a, b));
        Values([1, 1, 1, 1], torch.ne(a, b));
        Values([1, 0, 0, 0], torch.lt(a, b));
        Values([1, 0, 0, 0], torch.le(a, b));
        Values([0, 1, 1, 1], torch.gt(a, b));
        Values([0, 1, 1, 1], torch.ge(a, b));
        Values([14, 22, 66, 98], torch.matmul(a, b));
        Values([14, 22, 66, 98], torch.mm(a, b));
        Values([14, 22, 66, 98], torch.bmm(a.unsqueeze(0), b.unsqueeze(0)));
        Values([2, 2, 8, 8], torch.outer(T([1, 4], 2), T([2, 2], 2)));
        Values([10], torch.dot(T([1, 4], 2), T([2, 2], 2)));
        Assert.Equal(4, torch.numel(a));
        var (values, indices) = torch.max(a, 1);
        Values([4, 16], values);
        Values([1, 1], indices);
        var (low, lowAt) = torch.min(b, 0, keepdim: true);
        Is([1, 2], [2, 2], low);
        Values([0, 0], lowAt);
    }

    [Fact]
    public void JoiningAndIndexingWrappersForward()
    {
        var x = Arange(2, 3);
        Is([2, 6], [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5], torch.concat([x, x], 1));
        Assert.Equal(2, torch.split(x, 2, 1).Length);
        Assert.Equal(3, torch.chunk(x, 3, 1).Length);
        Assert.Equal(2, torch.unbind(x).Length);
        Is([2, 1], [1, 4], torch.gather(x, 1, T([1, 1], 2, 1)));
        Is([2, 3], [0, 1, 3, 3, 4, 5], torch.scatter_add(x, 1, T([2], 1, 1), T([1], 1, 1)));
        Is([2, 2], [1, 0, 4, 3], torch.index_select(x, 1, torch.tensor([1, 0])));
        Is([2, 3], [0, 1, 2, 3, 4, 5], torch.stack(torch.unbind(x, 1), 1));
    }

    [Fact]
    public void WrappersCarryGradients()
    {
        GradCheck(t => torch.sum(torch.mul(torch.exp(t[0]), torch.tanh(t[1])), 1), Randn(1, 3, 4), Randn(2, 3, 4));
        GradCheck(t => torch.matmul(torch.sigmoid(t[0]), torch.transpose(t[1], 0, 1)), Randn(3, 2, 3), Randn(4, 4, 3));
        GradCheck(t => torch.cat([torch.softplus(t[0]), torch.sqrt(torch.add(torch.square(t[1]), 1))], 0), Randn(5, 2, 3), Randn(6, 1, 3));
    }
}
