using Attend.Data;
using Attend.Vision;
using static Attend.Tests.NnTestHelpers;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>The CNN encoder, the soft-attention captioner and its loss. Modules draw their initial weights from the default generator.</summary>
[Collection(DefaultGeneratorCollection.Name)]
public class VisionCaptionerTests
{
    /// <summary>A tiny captioner: 4×4 pictures of 2 channels, one block → a 2×2 grid (L = 4) of 3 + 2 features; 5 words.</summary>
    private static SoftAttentionCaptioner Tiny(long seed)
    {
        torch.manual_seed(seed);
        return new SoftAttentionCaptioner(5, new CnnEncoder(2, 3), embed_dim: 3, hidden_dim: 4, attention_dim: 3);
    }

    private static readonly Tensor TinyTokens = torch.tensor(new float[,] { { 1, 3, 4 }, { 1, 0, 2 } });

    [Fact]
    public void EncoderTurnsPicturesIntoAGridOfFeatureVectors()
    {
        torch.manual_seed(1);
        var encoder = new CnnEncoder(3, 8, 16, 12);
        Assert.Equal((4, 4), encoder.GridShape(32, 32));
        Assert.Equal((3, 2), encoder.GridShape(24, 16));
        var images = torch.rand([2, 3, 32, 32], new Generator(2));
        var map = encoder.FeatureMap(images);
        Assert.Equal([2, 12, 4, 4], map.shape);
        var grid = encoder.call(images);
        Assert.Equal(14, encoder.feature_dim);
        Assert.Equal([2, 16, 14], grid.shape); // [B, L = h·w, D = 12 channels + row and column]
        // Location i = row·w + column: grid[b, i, d] = map[b, d, i / w, i % w] for the 12 channels, then the
        // location's row and column scaled to (−1, 1): (2·2 + 1)/4 − 1 = 0.25 and (2·3 + 1)/4 − 1 = 0.75.
        var location = grid.select(0, 1).select(0, (2 * 4) + 3).ToArray();
        Assert.Equal(map.select(0, 1).select(1, 2).select(1, 3).ToArray(), location[..12]);
        Assert.Equal([0.25f, 0.75f], location[12..]);
        Assert.Equal([-0.75f, -0.75f], grid.select(0, 0).select(0, 0).ToArray()[12..]);
        Assert.Equal([2, 16, 12], new CnnEncoder(3, [8, 16, 12], coordinates: false).call(images).shape);
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias", "layers.6.weight", "layers.6.bias"],
            encoder.named_parameters().Select(p => p.name));

        Throws(() => encoder.call(torch.zeros(2, 1, 32, 32)), "CnnEncoder", "[B, 3, H, W]", "[2, 1, 32, 32]");
        Throws(() => encoder.call(torch.zeros(1, 3, 4, 4)), "CnnEncoder", "too small", "3 blocks");
    }

    [Fact]
    public void CaptionerReturnsLogitsAlphasAndBetasOfTheRightShapes()
    {
        torch.manual_seed(3);
        var model = new SoftAttentionCaptioner(new CnnEncoder(3, 8, 8, 8), embed_dim: 8, hidden_dim: 16, attention_dim: 8);
        var data = ShapesCaptions.Generate(3, new Generator(4));
        var output = model.call(data.Images, data.Tokens);
        var (b, t) = (3, data.MaxTokens);
        Assert.Equal([b, t, ShapesVocabulary.Count], output.Logits.shape);
        Assert.Equal([b, t, 16], output.Alphas.shape);
        Assert.Equal([b, t], output.Betas.shape);
        Assert.All(output.Betas.ToArray(), beta => Assert.InRange(beta, 0f, 1f));
        // Softmax over the L locations: every step's weights sum to one.
        Values(Enumerable.Repeat(1f, b * t).ToArray(), output.Alphas.sum(2), 1e-5f);
        Assert.All(output.Alphas.ToArray(), a => Assert.True(a > 0));

        Throws(() => model.call(data.Images, torch.zeros(2, 4)), "SoftAttentionCaptioner", "[3, 16, 10]", "[2, 4]");
    }

    [Fact]
    public void DecoderGradcheckWrtFeaturesAndEveryDecoderParameter()
    {
        var model = Tiny(5);
        var features = Leaf(new Generator(6), 2, 4, 5);
        // The encoder is not used here, so its parameters get no gradient; check only the decoder's.
        var decoder = model.named_parameters().Where(p => !p.name.StartsWith("encoder.", StringComparison.Ordinal)).Select(p => p.parameter).ToArray();
        Tensor[] inputs = [features, .. decoder];
        var saved = decoder.Select(p => p.storage).ToArray();
        Tensor Run(Tensor[] ts)
        {
            try
            {
                for (var i = 0; i < decoder.Length; i++)
                {
                    decoder[i].storage = ts[i + 1].storage;
                }

                var output = model.Decode(ts[0], TinyTokens);
                return torch.cat([output.Logits.reshape(-1), output.Alphas.reshape(-1), output.Betas.reshape(-1)]);
            }
            finally
            {
                for (var i = 0; i < decoder.Length; i++)
                {
                    decoder[i].storage = saved[i];
                }
            }
        }

        var result = Autograd.GradCheck.Check(Run, inputs);
        Assert.True(result.Passed, result.Report);
    }

    [Fact]
    public void WholeCaptionerGradcheckIncludingTheConvolutions()
    {
        var model = Tiny(7);
        var images = torch.rand([2, 2, 4, 4], new Generator(8));
        var targets = torch.tensor(new float[,] { { 3, 4, 2 }, { 2, 0, 0 } });
        GradCheckModule(model, [], _ =>
        {
            var output = model.call(images, TinyTokens);
            return CaptionLoss.Compute(output, targets, lambda: 0.5f).Total;
        });
    }

    [Fact]
    public void DoublyStochasticPenaltyByHand()
    {
        // One picture, T = 2 steps over L = 3 locations.
        var alphas = T([0.5f, 0.25f, 0.25f, /**/ 0.1f, 0.6f, 0.3f], 1, 2, 3);
        // Σ_t α = [0.6, 0.85, 0.55]; Σ_i (1 − ·)² = 0.16 + 0.0225 + 0.2025 = 0.385.
        Assert.Equal(0.385f, CaptionLoss.DoublyStochastic(alphas).item(), 5);
        // With the second step masked out (padding): Σ_t α = [0.5, 0.25, 0.25] → 0.25 + 0.5625 + 0.5625 = 1.375.
        Assert.Equal(1.375f, CaptionLoss.DoublyStochastic(alphas, T([1, 0], 1, 2)).item(), 5);
        // A batch is averaged: (0.385 + 1.375) / 2 = 0.88 … here with the same picture twice, masked differently.
        var two = torch.cat([alphas, alphas]);
        Assert.Equal(0.88f, CaptionLoss.DoublyStochastic(two, T([1, 1, 1, 0], 2, 2)).item(), 5);
        // Perfect coverage (T = L, each location looked at once in total) costs nothing.
        Assert.Equal(0f, CaptionLoss.DoublyStochastic(T([1, 0, 0, 1], 1, 2, 2)).item());

        NnTestHelpers.GradCheck(ts => CaptionLoss.DoublyStochastic(ts[0].softmax(2), T([1, 1, 1, 0, 1, 1], 2, 3)), Randn(9, 2, 3, 4));
        Throws(() => CaptionLoss.DoublyStochastic(torch.zeros(2, 3)), "DoublyStochastic", "[B, T, L]", "[2, 3]");
    }

    [Fact]
    public void CaptionLossIsTheCaptionsNegativeLogLikelihoodPlusLambdaTimesThePenalty()
    {
        var model = Tiny(10);
        var output = model.call(torch.rand([2, 2, 4, 4], new Generator(11)), TinyTokens);
        var targets = torch.tensor(new float[,] { { 3, 4, 2 }, { 2, 0, 0 } }); // 0 = <pad>: 4 real targets
        var (total, crossEntropy, penalty) = CaptionLoss.Compute(output, targets, lambda: 2f);
        var logp = output.Logits.log_softmax(2).ToArray(); // [2, 3, 5] flattened: (b·3 + t)·5 + word
        var wordLosses = -(logp[(0 * 5) + 3] + logp[(1 * 5) + 4] + logp[(2 * 5) + 2] + logp[(3 * 5) + 2]);
        Assert.Equal(wordLosses / 4, crossEntropy.item(), 5); // per word, over the 4 real words
        var mask = torch.tensor(new float[,] { { 1, 1, 1 }, { 1, 0, 0 } });
        Assert.Equal(CaptionLoss.DoublyStochastic(output.Alphas, mask).item(), penalty.item(), 6);
        // The objective is per caption: −log p(caption) summed over its words, averaged over the 2 captions.
        Assert.Equal((wordLosses / 2) + (2 * penalty.item()), total.item(), 5);
        Throws(() => CaptionLoss.Compute(output, torch.zeros(2, 4)), "CaptionLoss", "[2, 3]", "[2, 4]");
    }

    [Fact]
    public void GreedyCaptionsComeWithOneAttentionMapPerWord()
    {
        torch.manual_seed(12);
        var model = new SoftAttentionCaptioner(new CnnEncoder(3, 8, 8, 8), embed_dim: 8, hidden_dim: 16, attention_dim: 8, dropout: 0.5);
        var data = ShapesCaptions.Generate(4, new Generator(13));
        var captions = model.Caption(data.Images, max_length: 6);
        Assert.Equal(4, captions.Length);
        foreach (var caption in captions)
        {
            Assert.InRange(caption.Words.Length, 0, 6);
            Assert.Equal(caption.Words, caption.Tokens.Select(ShapesVocabulary.Word));
            Assert.DoesNotContain(ShapesVocabulary.Eos, caption.Words);
            Assert.Equal([caption.Words.Length, 4, 4], caption.Alphas.shape); // [words, h, w] for ImageGrid overlays
            Values(Enumerable.Repeat(1f, caption.Words.Length).ToArray(), caption.Alphas.sum([1, 2]), 1e-5f);
            Assert.Equal(caption.Words.Length, caption.Betas.Length);
        }

        // Greedy decoding is deterministic (dropout is off while captioning) and the training mode comes back.
        Assert.True(model.training);
        Assert.Equal(captions.Select(c => c.Text), model.Caption(data.Images, max_length: 6).Select(c => c.Text));
        Assert.Equal(captions[1].Text, model.Caption(data.Image(1), max_length: 6).Single().Text);
    }

    [Fact]
    public void AttentionMapsGoOnAnImageGridAsOverlays()
    {
        torch.manual_seed(14);
        var model = new SoftAttentionCaptioner(new CnnEncoder(3, 8, 8, 8), embed_dim: 8, hidden_dim: 16, attention_dim: 8);
        var data = ShapesCaptions.Generate(1, new Generator(15));
        var words = data.Scenes[0].Caption.Split(' ');
        var alphas = model.call(data.Images, data.Tokens).Alphas.select(0, 0); // [T, 16]
        var grid = new Plots.ImageGrid(columns: 4) { Title = data.Scenes[0].Caption };
        for (var t = 0; t < words.Length; t++)
        {
            grid.Add(data.Image(0), words[t], overlay: alphas.select(0, t).reshape(4, 4));
        }

        Assert.Contains($"{words.Length} with attention", grid.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("<svg", grid.ToSvg(), StringComparison.Ordinal);
    }
}
