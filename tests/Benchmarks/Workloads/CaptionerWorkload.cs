using Attend.Data;
using Attend.Vision;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of chapter 4's Show, Attend and Tell captioner (<see cref="SoftAttentionCaptioner"/>) at the
/// chapter's size: batch 32 of 3×32×32 pictures through the three-block <see cref="CnnEncoder"/> (8, 32, 32 channels,
/// coordinates appended: a 4×4 grid of 34 features), an LSTM decoder (embedding 64, hidden 128, attention 32, the
/// 24-word shapes vocabulary) teacher forced over 14 tokens with additive attention, the β gate and the deep output;
/// <see cref="CaptionLoss.Compute"/> with λ = 1 (summed negative log-likelihood per caption + the doubly stochastic
/// penalty), backward, an Adam step (lr 0.005), as the chapter's training loop does. Pictures and captions are
/// random (captions of 4–13 words between &lt;bos&gt; and &lt;eos&gt;, then padding), made once outside the timed
/// region; PyTorch side in <c>captioner_workload.py</c>.
/// </summary>
/// <param name="Batch">Pictures per step.</param>
/// <param name="Device">Where the model and the batch live (the CPU unless a runner says otherwise).</param>
public sealed class CaptionerWorkload(int Batch = 32, Device? Device = null) : Workload
{
    private const int Tokens = 15; // <bos>, up to 13 words, <eos>: the chapter's MaxTokens
    private SoftAttentionCaptioner model = null!;
    private Optimizers.Adam optimizer = null!;
    private Tensor images = null!, inputs = null!, targets = null!;

    /// <inheritdoc/>
    public override string Name => $"show-attend-tell train step ({Batch}x3x32x32, T=14, V={ShapesVocabulary.Count})";

    /// <inheritdoc/>
    public override void Setup()
    {
        var g = new Generator(0);
        var device = Device ?? Attend.Device.CPU;
        var pixels = new float[Batch * 3 * 32 * 32];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)g.NextDouble();
        }

        var tokens = new float[Batch * Tokens];
        for (var b = 0; b < Batch; b++)
        {
            var words = g.NextInt(4, Tokens - 1);
            tokens[b * Tokens] = ShapesVocabulary.BosId;
            for (var j = 1; j <= words; j++)
            {
                tokens[(b * Tokens) + j] = g.NextInt(3, ShapesVocabulary.Count);
            }

            tokens[(b * Tokens) + words + 1] = ShapesVocabulary.EosId;
        }

        images = torch.tensor(pixels, [Batch, 3, 32, 32], device);
        var all = torch.tensor(tokens, [Batch, Tokens], device);
        (inputs, targets) = (all.narrow(1, 0, Tokens - 1), all.narrow(1, 1, Tokens - 1));
        torch.manual_seed(0);
        model = new SoftAttentionCaptioner(new CnnEncoder(3, 8, 32, 32));
        model.to(device);
        optimizer = torch.optim.Adam(model.parameters(), lr: 0.005);
    }

    /// <inheritdoc/>
    public override void Run()
    {
        var (total, _, _) = CaptionLoss.Compute(model.call(images, inputs), targets, 1f);
        optimizer.zero_grad();
        total.backward();
        optimizer.step();
    }
}
