using Attend.Seq2Seq;
using Xunit.Abstractions;
using F = Attend.torch.nn.functional;

namespace Attend.Tests;

/// <summary>
/// The models learn: sequence reversal (vocabulary of 7 symbols, lengths 3–8), trained for a few hundred small batches
/// from a fixed seed, must be solved on held-out sequences, and the attention must have found the alignment that
/// reversal implies: output token t comes from source position L − 1 − t (the anti-diagonal).
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class Seq2SeqLearningTests(ITestOutputHelper output)
{
    private const int Pad = 0, Bos = 1, Eos = 2, Vocab = 10, MaxLen = 10;

    private static int[][] Sequences(Generator g, int count) =>
        Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, g.NextInt(3, 9)).Select(_ => g.NextInt(3, Vocab)).ToArray()).ToArray();

    /// <summary>Source [B, S] and its mask, target input (BOS + reversed) and output (reversed + EOS) [B, S + 1], padded with 0.</summary>
    private static (Tensor Src, Tensor Mask, Tensor TgtIn, Tensor TgtOut) Batch(int[][] sequences)
    {
        var (batch, s) = (sequences.Length, sequences.Max(q => q.Length));
        var (src, mask) = (new float[batch * s], new float[batch * s]);
        var (tgtIn, tgtOut) = (new float[batch * (s + 1)], new float[batch * (s + 1)]);
        for (var b = 0; b < batch; b++)
        {
            var q = sequences[b];
            tgtIn[b * (s + 1)] = Bos;
            for (var i = 0; i < q.Length; i++)
            {
                src[(b * s) + i] = q[i];
                mask[(b * s) + i] = 1;
                tgtOut[(b * (s + 1)) + i] = tgtIn[(b * (s + 1)) + i + 1] = q[q.Length - 1 - i];
            }

            tgtOut[(b * (s + 1)) + q.Length] = Eos;
        }

        return (torch.tensor(src, [batch, s]), torch.tensor(mask, [batch, s]), torch.tensor(tgtIn, [batch, s + 1]),
                torch.tensor(tgtOut, [batch, s + 1]));
    }

    private static HashSet<string> Train(EncoderDecoder model, double lr, int steps)
    {
        var optimizer = torch.optim.Adam(model.parameters(), lr: lr);
        var schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, Math.Pow(0.1, 1.0 / steps)); // down to a tenth at the end
        var data = new Generator(1);
        var seen = new HashSet<string>();
        for (var step = 0; step < steps; step++)
        {
            var sequences = Sequences(data, 32);
            seen.UnionWith(sequences.Select(q => string.Join(",", q)));
            var (src, mask, tgtIn, tgtOut) = Batch(sequences);
            var logits = model.call(src, mask, tgtIn).Logits;
            var loss = F.cross_entropy(logits.reshape(-1, Vocab), tgtOut.reshape(-1), ignore_index: Pad);
            optimizer.zero_grad();
            loss.backward();
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);
            optimizer.step();
            schedule.step();
        }

        return seen;
    }

    private void AssertSolved(EncoderDecoder model, HashSet<string> seen)
    {
        // Held out: sequences the training never showed (short ones were nearly all seen, so these lean long).
        var heldOut = Sequences(new Generator(99), 400).Where(q => !seen.Contains(string.Join(",", q))).Take(200).ToArray();
        Assert.Equal(200, heldOut.Length);
        var (src, mask, _, _) = Batch(heldOut);
        var decoded = GreedyDecoder.Decode(model, src, mask, MaxLen, Bos, Eos);
        var exact = heldOut.Where((q, i) => decoded[i].Finished && decoded[i].Content.SequenceEqual(q.Reverse())).Count();
        Assert.True(exact >= 190, $"exact match on held-out sequences: {exact}/200 (need 95%)");

        // The alignment: at output step t < L the attention peaks on source position L − 1 − t.
        int aligned = 0, total = 0;
        for (var i = 0; i < heldOut.Length; i++)
        {
            var weights = decoded[i].Attention!;
            for (var t = 0; t < Math.Min(heldOut[i].Length, weights.GetLength(0)); t++, total++)
            {
                var peak = Enumerable.Range(0, weights.GetLength(1)).MaxBy(j => weights[t, j]);
                aligned += peak == heldOut[i].Length - 1 - t ? 1 : 0;
            }
        }

        Assert.True(aligned >= 0.95 * total, $"attention on the anti-diagonal at {aligned} of {total} steps (need 95%)");

        // Beam search agrees with the greedy answers of a model this sure of itself.
        var beam = BeamSearchDecoder.Decode(model, src.narrow(0, 0, 40), mask.narrow(0, 0, 40), 3, MaxLen, Bos, Eos, 0.6);
        var beamExact = heldOut.Take(40).Where((q, i) => beam[i].Finished && beam[i].Content.SequenceEqual(q.Reverse())).Count();
        output.WriteLine($"greedy exact {exact}/200, anti-diagonal {aligned}/{total}, beam exact {beamExact}/40");
        Assert.True(beamExact >= 38, $"beam search exact match: {beamExact}/40");
    }

    [Fact]
    public void BahdanauLearnsToReverseAndAttendsToTheMirroredPosition()
    {
        torch.manual_seed(0);
        var model = EncoderDecoder.Bahdanau(Vocab, Vocab, embeddingDim: 16, hiddenSize: 32, paddingIdx: Pad);
        AssertSolved(model, Train(model, lr: 1e-2, steps: 250));
    }

    [Fact]
    public void LuongLearnsToReverseAndAttendsToTheMirroredPosition()
    {
        torch.manual_seed(0);
        var model = EncoderDecoder.Luong(Vocab, Vocab, embeddingDim: 16, hiddenSize: 32, LuongScore.General, paddingIdx: Pad);
        AssertSolved(model, Train(model, lr: 1e-2, steps: 250));
    }
}
