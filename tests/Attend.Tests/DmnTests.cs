using Attend.Babi;
using Attend.Dmn;
using Attend.MemN2N;

namespace Attend.Tests;

/// <summary>
/// DMN+ (chapter 7): the attention gate and one attention-GRU step computed by hand, positional encoding against
/// its formula, gradient checks through the input fusion layer and through episodic passes, the network's
/// outputs, bad inputs, and same seed → same losses. Every random draw comes from the test's own generator.
/// </summary>
public class DmnTests
{
    private static void Set(Tensor parameter, float[] values)
    {
        using (torch.no_grad())
        {
            parameter.copy_(torch.tensor(values, parameter.shape));
        }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void TheAttentionGateScoresTheInteractionsAndIgnoresPadding()
    {
        // d = 1, one tanh unit: z_i = [f q, f m, |f − q|, |f − m|], Z_i = w2 tanh(w1·z_i + b1) + b2, g = softmax over real facts.
        var gate = new AttentionGate(dim: 1, hidden: 1, generator: new Generator(1));
        Set(gate.weight1, [0.5f, -1f, 0.25f, 2f]);
        Set(gate.bias1, [0.1f]);
        Set(gate.weight2, [3f]);
        Set(gate.bias2, [-0.7f]);
        var facts = torch.tensor(new float[] { 2, 0, 5 }, [1, 3, 1]);
        var q = torch.tensor(new float[] { 1 }, [1, 1]);
        var m = torch.tensor(new float[] { 0.5f }, [1, 1]);
        var mask = torch.tensor(new float[,] { { 1, 1, 0 } });
        var g = gate.forward(facts, q, m, mask).ToArray();

        double Z(double f) => 3 * Math.Tanh(0.5 * f * 1 - 1 * f * 0.5 + 0.25 * Math.Abs(f - 1) + 2 * Math.Abs(f - 0.5) + 0.1) - 0.7;
        double z0 = Z(2), z1 = Z(0);
        var g0 = Math.Exp(z0) / (Math.Exp(z0) + Math.Exp(z1));
        Assert.Equal(g0, g[0], 5);
        Assert.Equal(1 - g0, g[1], 5);
        Assert.Equal(0, g[2]);
    }

    [Fact]
    public void AnAttentionGruStepUsesTheGateAsItsUpdateGate()
    {
        // H = 1, input 1: r = σ(a_r f + u_r h + b_r), h̃ = tanh(a f + r (u h) + b), h' = g h̃ + (1 − g) h.
        var cell = new AttentionGru(1, 1, generator: new Generator(2));
        Set(cell.weight_ih, [0.8f, -0.6f]);   // a_r, a
        Set(cell.weight_hh, [0.3f, 1.5f]);    // u_r, u
        Set(cell.bias_ih, [0.1f, 0.2f]);
        Set(cell.bias_hh, [0f, -0.05f]);
        double f = 1.5, h = 0.4, g = 0.25;
        var r = Sigmoid(0.8 * f + 0.1 + 0.3 * h);
        var candidate = Math.Tanh(-0.6 * f + 0.2 + r * (1.5 * h - 0.05));
        var expected = g * candidate + (1 - g) * h;

        var next = cell.Step(torch.tensor(new float[] { (float)f }, [1, 1]), torch.tensor(new float[] { (float)h }, [1, 1]),
            torch.tensor(new float[] { (float)g }, [1])).ToArray();
        Assert.Equal(expected, next[0], 5);

        // A fact with gate 0 leaves the state as it was; gate 1 replaces it with the candidate.
        var skipped = cell.Step(torch.tensor(new float[] { 9 }, [1, 1]), torch.tensor(new float[] { 0.4f }, [1, 1]), torch.zeros([1])).ToArray();
        Assert.Equal(0.4f, skipped[0], 6);
        var replaced = cell.Step(torch.tensor(new float[] { (float)f }, [1, 1]), torch.tensor(new float[] { (float)h }, [1, 1]), torch.ones([1])).ToArray();
        Assert.Equal(candidate, replaced[0], 5);
    }

    [Fact]
    public void PositionalEncodingOfFactsIsTheWeightedSumOfTheFormula()
    {
        var g = new Generator(3);
        var table = torch.randn([6, 4], g);
        var words = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 0 }, { 0, 0, 0 } });
        var encoded = InputModule.Encode(words, [3, 2, 0], table).ToArray();
        var e = table.ToArray();
        int[][] ids = [[1, 2, 3], [4, 5], []];
        for (var i = 0; i < 3; i++)
        {
            var l = ids[i].Length == 0 ? null : PositionEncoding.Weights(ids[i].Length, 4);
            for (var k = 0; k < 4; k++)
            {
                double sum = 0;
                for (var j = 0; j < ids[i].Length; j++)
                {
                    sum += l![j, k] * e[ids[i][j] * 4 + k];
                }

                Assert.Equal(sum, encoded[i * 4 + k], 5);
            }
        }
    }

    [Fact]
    public void GradientsFlowThroughTheInputFusionAndAnEpisodicPass()
    {
        var g = new Generator(71);
        var fusion = new InputModule(3, generator: g);
        var memory = new EpisodicMemory(3, passes: 2, generator: g);
        var mask = torch.tensor(new float[,] { { 1, 1, 1, 1 }, { 1, 1, 0, 0 } });
        var words = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 0 }, { 2, 2, 1 }, { 3, 1, 0 }, { 5, 4, 3 }, { 1, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } });
        int[] lengths = [3, 2, 3, 2, 3, 1, 0, 0];
        var table = torch.randn([6, 3], g, requires_grad: true);
        var q = torch.randn([2, 3], g, requires_grad: true);

        // Embedding → positional encoding → bidirectional fusion → two passes of gate, attention GRU and ReLU update.
        Tensor Whole(Tensor[] x)
        {
            var facts = fusion.Fuse(InputModule.Encode(words, lengths, x[0]).reshape(2, 4, 3), mask);
            var (m, attention) = memory.forward(facts, x[1], mask);
            return torch.cat([m, attention[0], attention[1]], 1);
        }

        // |f − q|, |f − m| and the ReLU update have kinks; a central difference with the default step 1e-2 straddles one
        // for these random values (the first pass has m = q, so f − m is small), so the steps here are 1e-3, small enough
        // to stay on one side and large enough for float32. The tolerances are gradcheck's defaults.
        Assert.True(torch.autograd.gradcheck(Whole, [table, q], eps: 1e-3f));

        Tensor Fusion(Tensor[] x) => fusion.Fuse(InputModule.Encode(words, lengths, x[0]).reshape(2, 4, 3), mask);
        Assert.True(torch.autograd.gradcheck(Fusion, [table]));

        // The pass alone, through the facts directly.
        var f = torch.randn([2, 4, 3], g, requires_grad: true);
        Tensor Pass(Tensor[] x)
        {
            var (m, attention) = memory.forward(x[0], x[1], mask);
            return torch.cat([m, attention[1]], 1);
        }

        Assert.True(torch.autograd.gradcheck(Pass, [f, q], eps: 1e-3f));

        // And the parameters get gradients: every one of them is used.
        var (vocabulary, examples) = TinyStories();
        var network = new DynamicMemoryNetwork(new DmnOptions(vocabulary.Count, Dim: 3, MemorySize: 4), generator: new Generator(5), dropoutGenerator: new Generator(6));
        var batch = new BabiBatcher(examples, 2, 4).Batch([0, 1]);
        torch.nn.functional.cross_entropy(network.call(batch).Logits, batch.Answer).backward();
        foreach (var (name, p) in network.named_parameters())
        {
            Assert.True(p.grad is not null && p.grad.abs().sum().item() > 0, $"{name} has no gradient");
        }
    }

    private static (BabiVocabulary Vocabulary, IReadOnlyList<BabiEncoded> Examples) TinyStories()
    {
        var questions = new List<BabiQuestion>
        {
            new(1, [["mary", "went", "to", "the", "kitchen"], ["john", "went", "home"]], [1, 2], ["where", "is", "mary"], ["kitchen"], [0], "tiny", 3),
            new(1, [["john", "went", "home"]], [1], ["where", "is", "john"], ["home"], [0], "tiny", 6),
        };
        var vocabulary = BabiVocabulary.Build(questions);
        return (vocabulary, [.. questions.Select(x => vocabulary.Encode(x))]);
    }

    [Fact]
    public void TheNetworkReturnsEveryPassesAttentionOverRealFactsOnly()
    {
        var (vocabulary, examples) = TinyStories();
        var network = new DynamicMemoryNetwork(new DmnOptions(vocabulary.Count, Dim: 8, Passes: 3, MemorySize: 4), generator: new Generator(7));
        network.eval();
        var batch = new BabiBatcher(examples, 2, 4).Batch([0, 1]);
        var output = network.call(batch);
        Assert.Equal([2, vocabulary.Count], output.Logits.shape);
        Assert.Equal(3, output.Attention.Count);
        foreach (var a in output.Attention)
        {
            var p = a.ToArray();
            Assert.Equal(1, p[0] + p[1], 5);
            Assert.Equal(1, p[2], 5);   // story 2 has one sentence: all the weight is on it
            Assert.Equal(0, p[3]);
        }
    }

    [Fact]
    public void BadInputsAreNamedWithTheirSizes()
    {
        var gate = new AttentionGate(4, 4, generator: new Generator(8));
        var facts = torch.zeros([2, 3, 4]);
        var q = torch.zeros([2, 4]);
        var mask = torch.ones([2, 3]);
        var error = Assert.Throws<ArgumentException>(() => gate.forward(torch.zeros([2, 3, 5]), q, q, mask));
        Assert.Equal("facts", error.ParamName);
        Assert.Contains("[2, 3, 5]", error.Message);
        Assert.Equal("q", Assert.Throws<ArgumentException>(() => gate.forward(facts, torch.zeros([3, 4]), q, mask)).ParamName);
        Assert.Equal("m", Assert.Throws<ArgumentException>(() => gate.forward(facts, q, torch.zeros([2, 2]), mask)).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => gate.forward(facts, q, q, torch.ones([2, 2]))).ParamName);
        var gru = new AttentionGru(4, 4, generator: new Generator(9));
        Assert.Equal("gates", Assert.Throws<ArgumentException>(() => gru.forward(facts, torch.ones([2, 4]))).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => new MaskedGru(4, 4).Run(torch.zeros([2, 3]), mask)).ParamName);
        Assert.Equal("lengths", Assert.Throws<ArgumentException>(() => InputModule.Encode(torch.zeros([2, 3]), [4, 1], torch.zeros([5, 4]))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicMemoryNetwork(new DmnOptions(10, Dropout: 1))).ParamName);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => new EpisodicMemory(0, 3)).ParamName);

        var (vocabulary, examples) = TinyStories();
        var network = new DynamicMemoryNetwork(new DmnOptions(vocabulary.Count, Dim: 4, MemorySize: 1), generator: new Generator(10));
        var wide = new BabiBatcher(examples, 2, 4).Batch([0, 1]);
        var tooMany = Assert.Throws<ArgumentException>(() => network.call(wide));
        Assert.Equal("batch", tooMany.ParamName);
        Assert.Contains("2 memory slots", tooMany.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameLosses()
    {
        var (vocabulary, examples) = TinyStories();
        var train = Enumerable.Repeat(examples, 8).SelectMany(x => x).ToList();
        DmnRun Run() => DmnTraining.Train(new DmnOptions(vocabulary.Count, Dim: 6, MemorySize: 4), train, examples,
            new DmnTrainingOptions(Epochs: 3, BatchSize: 4, Seed: 11));
        var (first, second) = (Run(), Run());
        Assert.Equal(first.Losses, second.Losses);
        Assert.True(first.Losses[^1] < first.Losses[0], $"loss {first.Losses[0]} → {first.Losses[^1]}");
        var other = DmnTraining.Train(new DmnOptions(vocabulary.Count, Dim: 6, MemorySize: 4), train, examples,
            new DmnTrainingOptions(Epochs: 3, BatchSize: 4, Seed: 12));
        Assert.NotEqual(first.Losses, other.Losses);
    }

    [Fact]
    public void TrainingStopsAtTheFirstEpochWithNoValidationError()
    {
        // Two questions to memorise: once an epoch answers every validation question, no later epoch can do better,
        // so the run ends there (patience would only spend time) and keeps that epoch's weights.
        var (vocabulary, examples) = TinyStories();
        var train = Enumerable.Repeat(examples, 8).SelectMany(x => x).ToList();
        var run = DmnTraining.Train(new DmnOptions(vocabulary.Count, Dim: 6, MemorySize: 4), train, examples,
            new DmnTrainingOptions(Epochs: 200, BatchSize: 4, LearningRate: 0.01, Seed: 13));
        Assert.True(run.Epochs.Count < 200, $"ran all {run.Epochs.Count} epochs");
        Assert.Equal(0, run.Epochs[^1].ValidationError);
        Assert.All(run.Epochs.SkipLast(1), e => Assert.True(e.ValidationError > 0, $"epoch {e.Epoch} had no validation error but training went on"));
        Assert.Equal(run.Epochs.Count, run.BestEpoch);
        Assert.Equal(0, DmnTraining.Evaluate(run.Model, examples).Mean);
    }
}
