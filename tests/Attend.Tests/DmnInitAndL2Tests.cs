using Attend.Dmn;

namespace Attend.Tests;

/// <summary>
/// DMN+'s initialisation and L2 (chapter 7, §7.4), the two deviations from the re-implementations that kept the
/// attention gate uniform on 10k tasks 6 and 19: the word embedding has unit variance (uniform(−√3, √3)) while the
/// other matrices stay Xavier, and the L2 term of the summed loss is Adam weight decay λ/B on the weights only.
/// </summary>
public class DmnInitAndL2Tests
{
    [Fact]
    public void TheEmbeddingHasUnitVarianceAndTheOtherMatricesAreXavier()
    {
        const int vocabulary = 37, dim = 80;
        var network = new DynamicMemoryNetwork(new DmnOptions(vocabulary, Dim: dim), generator: new Generator(3));
        var e = network.embedding.ToArray();
        var mean = e.Average(x => (double)x);
        var variance = e.Average(x => (x - mean) * (x - mean));
        Assert.All(e, x => Assert.InRange(x, -Math.Sqrt(3), Math.Sqrt(3)));
        // 2,960 draws of variance 1: the sample variance is within 0.1 of 1 (its standard error is about 0.017).
        Assert.InRange(variance, 0.9, 1.1);
        Assert.True(e.Max(Math.Abs) > 1.6, $"largest |entry| {e.Max(Math.Abs)}: not spread over (−√3, √3)");

        // The answer layer [V, 2d] stays Xavier: bound √(6 / (V + 2d)).
        var bound = Math.Sqrt(6.0 / (vocabulary + (2 * dim)));
        var answer = network.answer_weight.ToArray();
        Assert.All(answer, x => Assert.InRange(x, -bound, bound));
        Assert.True(answer.Max(Math.Abs) > 0.9 * bound);
    }

    [Fact]
    public void L2IsWeightDecayOverTheBatchSizeOnTheWeightsAndNoneOnTheBiases()
    {
        var network = new DynamicMemoryNetwork(new DmnOptions(11, Dim: 6, MemorySize: 4), generator: new Generator(4));
        var optimizer = DmnTraining.Optimizer(network, new DmnTrainingOptions(BatchSize: 128, L2: 1e-3));
        var groups = optimizer.param_groups.Cast<Optimizers.Adam.Group>().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(1e-3 / 128, groups[0].weight_decay, 15);
        Assert.Equal(0, groups[1].weight_decay);

        var named = network.named_parameters().ToList();
        var weights = named.Where(p => !p.name.Contains("bias", StringComparison.Ordinal)).Select(p => p.parameter).ToHashSet();
        var biases = named.Where(p => p.name.Contains("bias", StringComparison.Ordinal)).Select(p => p.parameter).ToHashSet();
        Assert.Contains(network.embedding, weights);
        Assert.Contains(network.answer_weight, weights);
        Assert.Contains(network.answer_bias, biases);
        Assert.Equal(weights.Count, groups[0].parameters.Count);
        Assert.Equal(biases.Count, groups[1].parameters.Count);
        Assert.All(groups[0].parameters, p => Assert.Contains((Parameter)p, weights));
        Assert.All(groups[1].parameters, p => Assert.Contains((Parameter)p, biases));
    }

    [Fact]
    public void WithNoLossGradientOneStepDecaysAWeightByTheLearningRateAndLeavesABiasAlone()
    {
        // By hand: Adam's first step with gradient g = (λ/B)·θ is θ − lr·g/(|g| + ε) ≈ θ − lr·sign(θ), whatever λ: a
        // weight whose loss gradient is far below (λ/B)·θ moves towards 0 by lr every step. A bias, with no decay,
        // stays where it is.
        var network = new DynamicMemoryNetwork(new DmnOptions(5, Dim: 2, MemorySize: 2), generator: new Generator(5));
        using (torch.no_grad())
        {
            network.answer_weight.fill_(0.5f);
            network.answer_bias.fill_(0.25f);
        }

        var optimizer = DmnTraining.Optimizer(network, new DmnTrainingOptions(LearningRate: 0.01, BatchSize: 4, L2: 1e-3));
        foreach (var p in network.parameters())
        {
            p.grad = torch.zeros_like(p);
        }

        optimizer.step();
        // g = 2.5e-4·0.5 = 1.25e-4; step = 0.01·g/(g + 1e-8) = 0.0099992.
        var expected = 0.5 - (0.01 * 1.25e-4 / (1.25e-4 + 1e-8));
        Assert.All(network.answer_weight.ToArray(), x => Assert.Equal(expected, x, 5));
        Assert.All(network.answer_bias.ToArray(), x => Assert.Equal(0.25f, x));
    }
}
