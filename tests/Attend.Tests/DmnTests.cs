using Attend.Babi;
using Attend.Dmn;
using Attend.Modules;

namespace Attend.Tests;

/// <summary>
/// DMN+: the attention gate and the attention GRU computed by hand, a gradient check through an episodic pass
/// (every parameter from the test's own generator), the input fusion's masking, the network's per-pass attention,
/// and bad-input errors.
/// </summary>
public class DmnTests
{
    private static void Fill(Module module, Generator g, float scale = 0.5f)
    {
        using var _ = torch.no_grad();
        foreach (var p in module.parameters())
        {
            p.copy_(torch.randn(p.shape, g).mul(scale));
        }
    }

    private static void Set(Module module, string name, float[] values)
    {
        using var _ = torch.no_grad();
        var p = module.named_parameters().Single(x => x.name == name).parameter;
        p.copy_(torch.tensor(values, p.shape));
    }

    [Fact]
    public void TheAttentionGateMatchesTheFormulaByHand()
    {
        // d = 1: facts f = 2 and 1 (and a padding fact), q = 1, m = 3.
        var facts = torch.tensor(new float[,,] { { { 2 }, { 1 }, { 5 } } });
        var q = torch.tensor(new float[,] { { 1 } });
        var m = torch.tensor(new float[,] { { 3 } });
        // z_1 = [f·q, f·m, |f−q|, |f−m|] = [2, 6, 1, 1]; z_2 = [1, 3, 0, 2].
        Assert.Equal([2f, 6f, 1f, 1f, 1f, 3f, 0f, 2f, 5f, 15f, 4f, 2f], AttentionGate.Features(facts, q, m).ToArray());

        // W1 = [1, 1, 1, 1], b1 = 0, W2 = 1, b2 = 0: Z_1 = tanh(10), Z_2 = tanh(6); softmax over the two real facts.
        var gate = new AttentionGate(1);
        Set(gate, "hidden.weight", [1, 1, 1, 1]);
        Set(gate, "hidden.bias", [0]);
        Set(gate, "score.weight", [1]);
        Set(gate, "score.bias", [0]);
        var g = gate.forward(facts, q, m, torch.tensor(new float[,] { { 1, 1, 0 } })).ToArray();
        var (z1, z2) = (Math.Tanh(10), Math.Tanh(6));
        Assert.Equal(Math.Exp(z1) / (Math.Exp(z1) + Math.Exp(z2)), g[0], 5);
        Assert.Equal(Math.Exp(z2) / (Math.Exp(z1) + Math.Exp(z2)), g[1], 5);
        Assert.Equal(0f, g[2]);

        Assert.Equal("facts", Assert.Throws<ArgumentException>(() => AttentionGate.Features(facts, q, torch.zeros(1, 2))).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => gate.forward(facts, q, m, torch.ones(1, 2))).ParamName);
    }

    [Fact]
    public void TheAttentionGruTakesTheCandidateWhenTheGateIsOneAndKeepsTheStateWhenZero()
    {
        var gru = new AttentionGru(2);
        Fill(gru, new Generator(3));
        var f = torch.tensor(new float[,] { { 0.5f, -1 }, { 0.5f, -1 } });
        var h = torch.tensor(new float[,] { { 0.2f, 0.3f }, { 0.2f, 0.3f } });
        var W = gru.state_dict();
        // By hand: r = σ(W_r f + b_r + U_r h), h̃ = tanh(W f + b + r ∘ (U h)).
        var r = f.matmul(W["inputReset.weight"].t()).add(W["inputReset.bias"]).add(h.matmul(W["stateReset.weight"].t())).sigmoid();
        var candidate = f.matmul(W["inputNew.weight"].t()).add(W["inputNew.bias"]).add(r.mul(h.matmul(W["stateNew.weight"].t()))).tanh();
        var next = gru.Step(f, torch.tensor([1f, 0f]), h).ToArray();
        Assert.Equal(candidate.ToArray()[..2], next[..2]);           // g = 1: the candidate
        Assert.Equal(h.ToArray()[2..], next[2..]);                   // g = 0: the state, untouched

        var half = gru.Step(f, torch.tensor([0.25f, 0.25f]), h).ToArray();
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal((0.25f * candidate.ToArray()[k]) + (0.75f * h.ToArray()[k]), half[k], 5);
        }
    }

    [Fact]
    public void GradientsThroughAnEpisodicPassMatchFiniteDifferences()
    {
        var g = new Generator(71);
        var memory = new EpisodicMemory(3, passes: 2);
        Fill(memory, g);
        var parameters = memory.parameters().ToArray();
        foreach (var p in parameters)
        {
            p.requires_grad = true;
        }

        var facts = torch.randn([2, 4, 3], g, requires_grad: true);
        var q = torch.randn([2, 3], g, requires_grad: true);
        var m = torch.randn([2, 3], g, requires_grad: true);
        var mask = torch.tensor(new float[,] { { 1, 1, 1, 1 }, { 1, 1, 1, 0 } });

        // One pass, second pass's untied update: gates, context and new memory, w.r.t. inputs and every weight used.
        Tensor Pass(Tensor[] x)
        {
            var (gates, context, next) = memory.Pass(1, x[0], x[1], x[2], mask);
            return torch.cat([gates, context, next], 1);
        }

        Assert.True(torch.autograd.gradcheck(Pass, [facts, q, m]));
        ParameterCheck(() => Pass([facts, q, m]), parameters, g);

        var fusion = new InputFusion(3);
        Fill(fusion, g);
        Assert.True(torch.autograd.gradcheck(x => fusion.forward(x[0], mask), [facts]));
    }

    // The weights live inside the module, so gradcheck's copies of its inputs cannot reach them: the same central
    // difference along random directions, with the parameters perturbed in place (ε = 1e-2, |a − n| ≤ 1e-3 + 1e-2 |n|).
    private static void ParameterCheck(Func<Tensor> function, Parameter[] parameters, Generator g)
    {
        var probe = function();
        var w = torch.randn(probe.shape, g);
        foreach (var p in parameters)
        {
            p.grad = null;
        }

        function().mul(w).sum().backward();
        var grads = parameters.Select(p => p.grad?.ToArray() ?? new float[p.numel()]).ToArray();
        for (var direction = 0; direction < 3; direction++)
        {
            var v = parameters.Select(p => torch.randn(p.shape, g)).ToArray();
            var analytic = 0.0;
            for (var i = 0; i < parameters.Length; i++)
            {
                var vi = v[i].ToArray();
                for (var k = 0; k < vi.Length; k++)
                {
                    analytic += grads[i][k] * (double)vi[k];
                }
            }

            double Loss(float step)
            {
                using var _ = torch.no_grad();
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].add_(v[i].mul(step));
                }

                var value = function().mul(w).ToArray().Sum(x => (double)x);
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].sub_(v[i].mul(step));
                }

                return value;
            }

            const float eps = 1e-2f;
            var numeric = (Loss(eps) - Loss(-eps)) / (2 * eps);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-3 + (1e-2 * Math.Abs(numeric)),
                $"direction {direction}: analytic {analytic}, numeric {numeric}");
        }
    }

    [Fact]
    public void InputFusionIgnoresPaddingFacts()
    {
        var g = new Generator(5);
        var fusion = new InputFusion(3);
        Fill(fusion, g);
        var sentences = torch.randn([1, 3, 3], g);
        var padded = torch.cat([sentences, torch.randn([1, 2, 3], g)], 1);
        var alone = fusion.forward(sentences, torch.ones(1, 3)).ToArray();
        var withPadding = fusion.forward(padded, torch.tensor(new float[,] { { 1, 1, 1, 0, 0 } }));
        var values = withPadding.ToArray();
        for (var i = 0; i < alone.Length; i++)
        {
            Assert.Equal(alone[i], values[i], 5);
        }

        Assert.All(values[9..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void TheNetworkReturnsEveryPassesAttention()
    {
        const string text =
            "1 Mary moved to the bathroom.\n2 John went to the hallway.\n3 Where is Mary? \tbathroom\t1\n" +
            "1 John moved to the office.\n2 Where is John? \toffice\t1\n";
        var questions = BabiParser.Parse(new StringReader(text), "tiny.txt", 1);
        var vocabulary = BabiVocabulary.Build(questions);
        var batch = new BabiBatcher([.. questions.Select(q => vocabulary.Encode(q))], 2, 70).Batch([0, 1]);
        var network = new DynamicMemoryNetwork(vocabulary.Count, dim: 8, passes: 3);
        Fill(network, new Generator(0), 0.3f);
        var output = network.call(batch);
        Assert.Equal([2, vocabulary.Count], output.Logits.shape);
        Assert.Equal(3, output.Attention.Count);
        foreach (var gates in output.Attention)
        {
            Assert.Equal([2, 2], gates.shape);
            Assert.Equal(0f, gates.ToArray()[3]);                  // the second story's padding slot
            Assert.All(gates.sum(1).ToArray(), s => Assert.Equal(1f, s, 5));
        }

        Assert.Equal("vocabulary_size", Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicMemoryNetwork(1)).ParamName);
        Assert.Equal("passes", Assert.Throws<ArgumentOutOfRangeException>(() => new EpisodicMemory(4, 0)).ParamName);
    }
}
