using Attend.Seq2Seq;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>The encoder, the three decoders and the model API: shapes, padding, weights, teacher forcing, gradients.</summary>
[Collection(DefaultGeneratorCollection.Name)]
public class Seq2SeqModelTests
{
    private const int V = 7;

    // Two sources: lengths 5 and 3 (0 = padding).
    private static Tensor Source() => torch.tensor([3f, 4f, 5f, 6f, 3f, 5f, 4f, 6f, 0f, 0f], [2, 5]);

    private static Tensor SourceMask() => torch.tensor([1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 0f, 0f], [2, 5]);

    private static Tensor TargetIn() => torch.tensor([1f, 3f, 4f, 5f, 1f, 6f, 0f, 0f], [2, 4]);

    [Fact]
    public void EncoderShapes()
    {
        torch.manual_seed(1);
        var encoded = new BiGruEncoder(V, 4, 3).call(Source(), SourceMask());
        Assert.Equal([2, 5, 6], encoded.Outputs.shape);
        Assert.Equal([2, 2, 3], encoded.Final.shape);
        Assert.Equal([2, 6], encoded.Summary.shape);
        var deep = new BiGruEncoder(V, 4, 3, numLayers: 2).call(Source(), SourceMask());
        Assert.Equal([2, 5, 6], deep.Outputs.shape);
        Assert.Equal([4, 2, 3], deep.Final.shape);
        // The finals are the top layer's states at the ends of the real tokens: forward at the last, backward at the first.
        var outputs = deep.Outputs.ToArray();
        Close(outputs.AsSpan((5 + 2) * 6, 3).ToArray(), deep.Final.select(0, 2).ToArray()[3..], 0);
        Close(outputs.AsSpan((5 * 6) + 3, 3).ToArray(), deep.Final.select(0, 3).ToArray()[3..], 0);
    }

    [Fact]
    public void EncoderWithoutPaddingMatchesTheBidirectionalGru()
    {
        torch.manual_seed(2);
        var encoder = new BiGruEncoder(V, 4, 3);
        var gru = torch.nn.GRU(4, 3, bidirectional: true, batch_first: true);
        var state = gru.state_dict();
        using (torch.no_grad())
        {
            foreach (var name in new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" })
            {
                state[name + "_l0"].copy_(encoder.forward_cells[0].state_dict()[name]);
                state[name + "_l0_reverse"].copy_(encoder.backward_cells[0].state_dict()[name]);
            }
        }

        var src = torch.tensor([3f, 4f, 5f, 6f, 1f, 2f], [2, 3]);
        var encoded = encoder.call(src);
        var (output, hn) = gru.call(encoder.embedding.call(src));
        Close(output.ToArray(), encoded.Outputs.ToArray(), 1e-6);
        Close(hn.ToArray(), encoded.Final.ToArray(), 1e-6);
    }

    [Fact]
    public void PaddingDoesNotChangeTheEncoding()
    {
        torch.manual_seed(3);
        var encoder = new BiGruEncoder(V, 4, 3, numLayers: 2, paddingIdx: 0);
        var padded = encoder.call(Source(), SourceMask());
        var alone = encoder.call(torch.tensor([5f, 4f, 6f], [1, 3])); // the second source without its padding
        var outputs = padded.Outputs.ToArray();
        Close(alone.Outputs.ToArray(), outputs.AsSpan(5 * 6, 3 * 6).ToArray(), 1e-6);
        Assert.All(outputs.AsSpan((5 + 3) * 6, 2 * 6).ToArray(), x => Assert.Equal(0f, x)); // padded annotations are zero
        Close(alone.Final.ToArray(), padded.Final.index_select(1, torch.tensor([1f])).ToArray(), 1e-6);
    }

    public static TheoryData<string> Models => new() { "baseline", "bahdanau", "luong-dot", "luong-general", "luong-concat", "luong-location" };

    private static EncoderDecoder Create(string kind) => kind switch
    {
        "baseline" => EncoderDecoder.Baseline(V, V, 4, 3, paddingIdx: 0),
        "bahdanau" => EncoderDecoder.Bahdanau(V, V, 4, 3, paddingIdx: 0),
        "luong-dot" => EncoderDecoder.Luong(V, V, 4, 3, LuongScore.Dot, paddingIdx: 0),
        "luong-general" => EncoderDecoder.Luong(V, V, 4, 3, LuongScore.General, paddingIdx: 0),
        "luong-concat" => EncoderDecoder.Luong(V, V, 4, 3, LuongScore.Concat, paddingIdx: 0),
        _ => EncoderDecoder.Luong(V, V, 4, 3, LuongScore.Location, maxSourceLength: 6, paddingIdx: 0),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ForwardShapesAndAttentionWeights(string kind)
    {
        torch.manual_seed(4);
        var model = Create(kind);
        var (logits, attention) = model.call(Source(), SourceMask(), TargetIn());
        Assert.Equal([2, 4, V], logits.shape);
        if (kind == "baseline")
        {
            Assert.Null(attention);
            return;
        }

        Assert.NotNull(attention);
        Assert.Equal([2, 4, 5], attention.shape);
        Assert.All(attention.sum(-1).ToArray(), s => Close(1, s, 1e-6));
        var w = attention.ToArray();
        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(0f, w[(4 * 5) + (t * 5) + 3]); // the second source's padding, at every step
            Assert.Equal(0f, w[(4 * 5) + (t * 5) + 4]);
        }
    }

    [Fact]
    public void BahdanauAttentionStartsUniformOverTheRealTokens()
    {
        torch.manual_seed(5);
        var attention = Create("bahdanau").call(Source(), SourceMask(), TargetIn()).Attention!.ToArray();
        Close(Enumerable.Repeat(0.2, 20).ToArray(), attention[..20], 1e-6);
        Close(Enumerable.Range(0, 4).SelectMany(_ => new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0, 0, 0 }).ToArray(), attention[20..], 1e-6);
    }

    [Fact]
    public void ForwardIsTheLoopOfSteps()
    {
        torch.manual_seed(6);
        var model = Create("luong-general");
        var expected = model.call(Source(), SourceMask(), TargetIn()).Logits.ToArray();
        var state = model.Encode(Source(), SourceMask());
        var steps = new List<float>();
        foreach (var token in TargetIn().unbind(1))
        {
            var step = model.Step(token, state);
            steps.AddRange(step.Logits.unsqueeze(1).ToArray());
            state = step.State;
        }

        // [T][B, V] → [B, T, V]
        var actual = torch.tensor(steps.ToArray(), [4, 2, V]).transpose(0, 1).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TeacherForcingRatioZeroFeedsThePredictions()
    {
        torch.manual_seed(7);
        var model = Create("bahdanau");
        var free = model.call(Source(), SourceMask(), TargetIn(), teacherForcingRatio: 0).Logits;
        var state = model.Encode(Source(), SourceMask());
        var input = TargetIn().select(1, 0);
        var expected = new List<float[]>();
        for (var t = 0; t < 4; t++)
        {
            var step = model.Step(input, state);
            expected.Add(step.Logits.ToArray());
            (input, state) = (step.Logits.argmax(-1), step.State);
        }

        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(expected[t], free.select(1, t).ToArray());
        }

        Assert.NotEqual(free.ToArray(), model.call(Source(), SourceMask(), TargetIn()).Logits.ToArray());
    }

    [Fact]
    public void TeacherForcingSamplesFromTheGivenGenerator()
    {
        torch.manual_seed(8);
        var model = Create("bahdanau");
        var a = model.call(Source(), SourceMask(), TargetIn(), 0.5, new Generator(42)).Logits.ToArray();
        var b = model.call(Source(), SourceMask(), TargetIn(), 0.5, new Generator(42)).Logits.ToArray();
        Assert.Equal(a, b);

        var policy = new TeacherForcing(0.5, new Generator(42));
        var draws = new Generator(42);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(draws.NextDouble() < 0.5, policy.UseTarget());
        }

        Assert.True(new TeacherForcing(1).UseTarget());
        Assert.False(new TeacherForcing(0).UseTarget());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeacherForcing(1.5));
    }

    [Fact]
    public void DecoderStateSelectReordersEveryTensor()
    {
        var state = new DecoderState(torch.tensor([1f, 2f], [2, 1]), torch.tensor([3f, 4f], [2, 1]),
                                     torch.tensor([5f, 6f], [2, 1, 1]), torch.tensor([1f, 0f], [2, 1]));
        var picked = state.Select(torch.tensor([1f, 1f, 0f]));
        Assert.Equal([2f, 2f, 1f], picked.Hidden.ToArray());
        Assert.Equal([4f, 4f, 3f], picked.Feed!.ToArray());
        Assert.Equal([6f, 6f, 5f], picked.Memory!.ToArray());
        Assert.Equal([0f, 0f, 1f], picked.Mask!.ToArray());
    }

    [Fact]
    public void ParameterNamesFollowTheStructure()
    {
        torch.manual_seed(9);
        var names = Create("bahdanau").named_parameters().Select(p => p.name).ToArray();
        Assert.Contains("encoder.embedding.weight", names);
        Assert.Contains("encoder.forward_cells.0.weight_ih", names);
        Assert.Contains("encoder.backward_cells.0.weight_hh", names);
        Assert.Contains("decoder.bridge.weight", names);
        Assert.Contains("decoder.attention.score.v", names);
        Assert.Contains("decoder.attention.score.U.weight", names);
        Assert.Contains("decoder.output.bias", names);
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void MismatchedSizesAreExplained()
    {
        var e = Assert.Throws<ArgumentException>(() => new LuongDecoder(V, 4, 5, 6, LuongScore.Dot));
        Assert.Contains("same size", e.Message);
        e = Assert.Throws<ArgumentException>(() => new LuongDecoder(V, 4, 6, 6, LuongScore.Location));
        Assert.Contains("maxSourceLength", e.Message);
        e = Assert.Throws<ArgumentException>(() => new EncoderDecoder(new BiGruEncoder(V, 4, 3), new BahdanauDecoder(V, 4, 3, 5)));
        Assert.Contains("2 × 3 = 6", e.Message);
        e = Assert.Throws<ArgumentException>(() => Create("bahdanau").call(Source(), SourceMask(), torch.zeros(3, 4)));
        Assert.Contains("[3, 4]", e.Message);
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("bahdanau")]
    [InlineData("luong-general")]
    public void ModelGradcheck(string kind)
    {
        torch.manual_seed(10);
        var model = Create(kind);
        var src = torch.tensor([3f, 4f, 5f, 6f, 0f, 0f], [2, 3]);
        var mask = torch.tensor([1f, 1f, 1f, 1f, 0f, 0f], [2, 3]);
        var tgt = torch.tensor([1f, 3f, 1f, 5f], [2, 2]);
        GradCheckModule(model, [], _ => model.call(src, mask, tgt).Logits);
    }
}
