using Attend.Seq2Seq;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of chapter 3's Bahdanau translation model (<see cref="EncoderDecoder.Bahdanau"/>) at the
/// chapter's size: vocabularies of 3,000 words each side, embeddings and hidden states of 128, a bidirectional GRU
/// encoder over 12 source tokens (lengths 6–12, the rest padding and masked), an additive-attention GRU decoder over 12
/// target tokens with teacher forcing; cross-entropy ignoring padding, backward, clipping to norm 1 and an Adam step
/// (lr 2e-3), as <c>Translation.Train</c> does. The batch is synthetic (random ids), built once outside the timed
/// region; PyTorch side in <c>bahdanau_workload.py</c>.
/// </summary>
/// <param name="Batch">Sentence pairs per step.</param>
/// <param name="Device">Where the model and the batch live (the CPU unless the GPU runner says otherwise).</param>
public sealed class BahdanauWorkload(int Batch = 64, Device? Device = null) : Workload
{
    private const int Vocabulary = 3000, Dim = 128, SourceLength = 12, TargetLength = 12, Pad = 0;
    private EncoderDecoder model = null!;
    private Optimizers.Adam optimizer = null!;
    private Tensor source = null!, sourceMask = null!, targetIn = null!, targetOut = null!;

    public override string Name => $"bahdanau train step ({Batch}x12->12, V=3000, d=128)";

    public override void Setup()
    {
        var g = new Generator(0);
        var device = Device ?? Attend.Device.CPU;
        var (src, mask) = (new float[Batch * SourceLength], new float[Batch * SourceLength]);
        var (tin, tout) = (new float[Batch * TargetLength], new float[Batch * TargetLength]);
        for (var b = 0; b < Batch; b++)
        {
            var (sLen, tLen) = (g.NextInt(6, SourceLength + 1), g.NextInt(6, TargetLength + 1));
            for (var j = 0; j < sLen; j++)
            {
                src[(b * SourceLength) + j] = g.NextInt(4, Vocabulary);
                mask[(b * SourceLength) + j] = 1;
            }

            tin[b * TargetLength] = 1; // <bos>
            for (var j = 0; j < tLen; j++)
            {
                var word = g.NextInt(4, Vocabulary);
                tout[(b * TargetLength) + j] = word;
                if (j + 1 < TargetLength)
                {
                    tin[(b * TargetLength) + j + 1] = word;
                }
            }
        }

        source = torch.tensor(src, [Batch, SourceLength], device);
        sourceMask = torch.tensor(mask, [Batch, SourceLength], device);
        targetIn = torch.tensor(tin, [Batch, TargetLength], device);
        targetOut = torch.tensor(tout, [Batch, TargetLength], device);
        torch.manual_seed(0);
        model = EncoderDecoder.Bahdanau(Vocabulary, Vocabulary, Dim, Dim, Pad);
        model.to(device);
        optimizer = torch.optim.Adam(model.parameters(), lr: 2e-3);
    }

    public override void Run()
    {
        var logits = model.call(source, sourceMask, targetIn).Logits;
        var loss = torch.nn.functional.cross_entropy(logits.reshape(-1, Vocabulary), targetOut.reshape(-1), ignore_index: Pad);
        optimizer.zero_grad();
        loss.backward();
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();
    }
}
