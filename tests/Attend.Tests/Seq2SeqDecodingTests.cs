using Attend.Seq2Seq;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>Greedy and beam search, checked against brute-force enumeration on models whose probabilities are fixed by hand.</summary>
[Collection(DefaultGeneratorCollection.Name)]
public class Seq2SeqDecodingTests
{
    private const int Pad = 0, Bos = 1, Eos = 2, A = 3, B = 4;

    /// <summary>
    /// A model whose next-token distribution depends only on the previous token, from a table p[previous, next].
    /// Its "attention" over a source of length S is one-hot at position (previous mod S), so a decoded sequence's
    /// attention rows can be checked against its own tokens (they must follow the hypothesis through the beam).
    /// </summary>
    private sealed class TableModel(double[,] p) : Seq2SeqModel(nameof(TableModel))
    {
        private readonly Tensor logTable = torch.tensor(Log(p), [p.GetLength(0), p.GetLength(1)]);

        public int Calls { get; private set; }

        private static float[] Log(double[,] p) => p.Cast<double>().Select(x => (float)Math.Log(x)).ToArray();

        public override DecoderState Encode(Tensor src, Tensor? srcMask) => new(torch.zeros(src.size(0), 1), Memory: torch.zeros(src.size(0), src.size(1), 1));

        public override DecoderStep Step(Tensor previousTokens, DecoderState state)
        {
            Calls++;
            var sourceLength = state.Memory!.size(1);
            var position = previousTokens.ToArray().Select(t => (float)((int)t % sourceLength)).ToArray();
            var weights = torch.one_hot(torch.tensor(position), sourceLength);
            return new DecoderStep(logTable.index_select(0, previousTokens), weights, state);
        }
    }

    /// <summary>
    /// From BOS: a 0.5, b 0.4, EOS 0.1; after a: EOS 0.35, a 0.33, b 0.32; after b: EOS 0.9, a 0.05, b 0.05.
    /// Greedy takes a then EOS (0.5 · 0.35 = 0.175); the best sequence is b EOS (0.4 · 0.9 = 0.36).
    /// (PAD and BOS get a tiny probability so every log is finite.)
    /// </summary>
    private static double[,] GreedyTrap()
    {
        const double tiny = 1e-6;
        return new double[,]
        {
            { tiny, tiny, 0.1, 0.5, 0.4 },   // after PAD (never used)
            { tiny, tiny, 0.1, 0.5, 0.4 },   // after BOS
            { tiny, tiny, 1.0, tiny, tiny }, // after EOS
            { tiny, tiny, 0.35, 0.33, 0.32 }, // after a
            { tiny, tiny, 0.9, 0.05, 0.05 }, // after b
        };
    }

    private static void Near(double expected, double actual, double tol) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"expected {expected}, got {actual}");

    private static readonly Tensor Src = torch.tensor([5f, 6f, 7f], [1, 3]);

    /// <summary>Every sequence the search can return (ended by EOS within maxLen, or maxLen tokens without EOS) and its score.</summary>
    private static List<(int[] Tokens, double LogP, double Score)> Enumerate(Seq2SeqModel model, int vocab, int maxLen, double alpha)
    {
        var all = new List<(int[], double, double)>();
        void Walk(List<int> prefix, double logp, DecoderState state)
        {
            var previous = prefix.Count == 0 ? Bos : prefix[^1];
            var step = model.Step(torch.tensor([(float)previous]), state);
            var row = step.Logits.log_softmax(-1).ToArray();
            for (var v = 0; v < vocab; v++)
            {
                var tokens = prefix.Append(v).ToList();
                var total = logp + row[v];
                if (v == Eos || tokens.Count == maxLen)
                {
                    all.Add((tokens.ToArray(), total, LengthPenalty.Score(total, tokens.Count, alpha)));
                }
                else
                {
                    Walk(tokens, total, step.State);
                }
            }
        }

        Walk([], 0, model.Encode(Src, null));
        return all;
    }

    [Fact]
    public void GreedyFallsIntoTheTrapAndBeamSearchFindsTheBest()
    {
        var model = new TableModel(GreedyTrap());
        var greedy = GreedyDecoder.Decode(model, Src, null, 5, Bos, Eos)[0];
        Assert.Equal([A, Eos], greedy.Tokens);
        Near(Math.Log(0.5 * 0.35), greedy.LogProbability, 1e-5);

        var beam = BeamSearchDecoder.Decode(model, Src, null, beamWidth: 2, maxLen: 5, Bos, Eos)[0];
        Assert.Equal([B, Eos], beam.Tokens);
        Assert.True(beam.Finished);
        Assert.Equal([B], beam.Content);
        Near(Math.Log(0.4 * 0.9), beam.LogProbability, 1e-5);

        var best = Enumerate(model, 5, 5, 0).MaxBy(s => s.Score);
        Assert.Equal(best.Tokens, beam.Tokens);
        Near(best.LogP, beam.LogProbability, 1e-9);
    }

    [Theory]
    [InlineData(0.0, 3)]
    [InlineData(0.6, 3)]
    [InlineData(1.0, 4)]
    [InlineData(2.0, 3)]
    public void AWideEnoughBeamIsExactOnRandomTables(double alpha, int maxLen)
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var g = new Generator(100 + seed);
            var p = new double[5, 5];
            for (var i = 0; i < 5; i++)
            {
                var row = new float[5];
                g.FillUniform(row, 0.05f, 1f);
                for (var j = 0; j < 5; j++)
                {
                    p[i, j] = row[j] / row.Sum();
                }
            }

            var model = new TableModel(p);
            var sequences = Enumerate(model, 5, maxLen, alpha);
            var best = sequences.MaxBy(s => s.Score);
            // A beam as wide as the number of sequences keeps every prefix: the search is then exhaustive.
            var beam = BeamSearchDecoder.Decode(model, Src, null, sequences.Count, maxLen, Bos, Eos, alpha)[0];
            Assert.Equal(best.Tokens, beam.Tokens);
            Near(best.Score, beam.Score, 1e-9);
            Near(best.LogP, beam.LogProbability, 1e-9);
            Assert.Equal(best.Tokens[^1] == Eos, beam.Finished);
        }
    }

    [Fact]
    public void TheLengthPenaltyFavoursLongerSequences()
    {
        Near(1, LengthPenalty.Gnmt(1, 0.7), 1e-12);        // (5 + 1) / 6 = 1
        Near(2, LengthPenalty.Gnmt(7, 1), 1e-12);          // (5 + 7) / 6 = 2
        Near(Math.Pow(1.5, 0.6), LengthPenalty.Gnmt(4, 0.6), 1e-12);
        Near(-3, LengthPenalty.Score(-6, 7, 1), 1e-12);

        // BOS → EOS 0.4 or a 0.6; a → b 0.95 or EOS 0.05; b → EOS 0.6 or a 0.4. Unpenalized, "EOS" (log 0.4 = −0.92) beats
        // "a b EOS" (log 0.342 = −1.07); with α = 2 the longer one scores −1.07 / (8/6)² = −0.60 and wins.
        const double tiny = 1e-6;
        var p = new double[,]
        {
            { tiny, tiny, 0.4, 0.6, tiny },
            { tiny, tiny, 0.4, 0.6, tiny },
            { tiny, tiny, 1, tiny, tiny },
            { tiny, tiny, 0.05, tiny, 0.95 },
            { tiny, tiny, 0.6, 0.4, tiny },
        };
        var model = new TableModel(p);
        var unpenalized = BeamSearchDecoder.Decode(model, Src, null, 3, 4, Bos, Eos, lengthPenalty: 0)[0];
        var penalized = BeamSearchDecoder.Decode(model, Src, null, 3, 4, Bos, Eos, lengthPenalty: 2)[0];
        Assert.Equal([Eos], unpenalized.Tokens);
        Assert.Equal([A, B, Eos], penalized.Tokens);
        Near(Math.Log(0.6 * 0.95 * 0.6) / Math.Pow(8 / 6.0, 2), penalized.Score, 1e-5);
        Assert.Equal(Enumerate(model, 5, 4, 2).MaxBy(s => s.Score).Tokens, penalized.Tokens);
    }

    [Fact]
    public void AttentionRowsFollowEachHypothesis()
    {
        var model = new TableModel(GreedyTrap());
        foreach (var result in BeamSearchDecoder.Decode(model, Src, null, 3, 5, Bos, Eos)
                     .Concat(GreedyDecoder.Decode(model, Src, null, 5, Bos, Eos)))
        {
            var attention = result.Attention!;
            Assert.Equal(result.Tokens.Length, attention.GetLength(0));
            Assert.Equal(3, attention.GetLength(1));
            for (var t = 0; t < result.Tokens.Length; t++)
            {
                var previous = t == 0 ? Bos : result.Tokens[t - 1];
                for (var j = 0; j < 3; j++)
                {
                    Assert.Equal(j == previous % 3 ? 1f : 0f, attention[t, j]);
                }
            }
        }
    }

    [Fact]
    public void BeamOfOneIsGreedyOnARealModel()
    {
        torch.manual_seed(21);
        var all = new List<DecodedSequence>();
        foreach (var model in new[] { EncoderDecoder.Bahdanau(9, 9, 8, 8, paddingIdx: Pad), EncoderDecoder.Luong(9, 9, 8, 4, paddingIdx: Pad), EncoderDecoder.Baseline(9, 9, 8, 8) })
        {
            // Sharpen the output layer so the untrained model's choices vary and EOS turns up.
            foreach (var (name, parameter) in model.named_parameters().Where(p => p.name.StartsWith("decoder.output", StringComparison.Ordinal)))
            {
                using var _ = torch.no_grad();
                parameter.mul_(6f);
            }

            using (torch.no_grad())
            {
                // …and make EOS likely enough that some sequences end before the maximum length.
                var bias = model.named_parameters().Single(p => p.name == "decoder.output.bias").parameter;
                bias.add_(torch.one_hot(torch.tensor([(float)Eos]), 9).reshape(9)); // + 1 on the EOS logit
            }

            var src = torch.tensor([3f, 4f, 5f, 6f, 7f, 8f, 3f, 0f, 0f, 5f, 5f, 5f, 4f, 0f, 0f], [3, 5]);
            var mask = AttentionMaskOf(src);
            var greedy = GreedyDecoder.Decode(model, src, mask, 8, Bos, Eos);
            var beam = BeamSearchDecoder.Decode(model, src, mask, 1, 8, Bos, Eos);
            for (var b = 0; b < 3; b++)
            {
                // Beam search runs one sentence at a time; greedy on that sentence alone does the very same arithmetic.
                var alone = GreedyDecoder.Decode(model, src.narrow(0, b, 1), mask.narrow(0, b, 1), 8, Bos, Eos)[0];
                Assert.Equal(alone.Tokens, beam[b].Tokens);
                Assert.Equal(alone.LogProbability, beam[b].LogProbability);
                Assert.Equal(alone.Finished, beam[b].Finished);
                Assert.Equal(alone.Attention, beam[b].Attention);

                // Each sentence's attention has its own source length (5, 5 and 3 tokens), not the batch's padded width.
                if (greedy[b].Attention is { } weights)
                {
                    Assert.Equal(b == 2 ? 3 : 5, weights.GetLength(1)); // row 1 has padding ids inside, not at its end
                    Assert.Equal(weights.GetLength(1), beam[b].Attention!.GetLength(1));
                }

                // In a batch the products round differently in the last bits, nothing more.
                Assert.Equal(greedy[b].Tokens, beam[b].Tokens);
                Near(greedy[b].LogProbability, beam[b].LogProbability, 1e-5);
            }

            all.AddRange(beam);
        }

        // Not a trivial case: some outputs end with EOS, some run to the maximum length, and they vary.
        Assert.Contains(all, r => r.Finished);
        Assert.Contains(all, r => !r.Finished);
        Assert.True(all.Select(r => string.Join(" ", r.Tokens)).Distinct().Count() >= 3);
    }

    private static Tensor AttentionMaskOf(Tensor src) => Attention.AttentionMask.FromPadding(src, Pad);

    [Fact]
    public void GreedyDecodesABatchAndStopsEachRowAtEos()
    {
        var model = new TableModel(GreedyTrap());
        var results = GreedyDecoder.Decode(model, torch.tensor([5f, 6f, 7f, 5f, 6f, 7f], [2, 3]), null, 5, Bos, Eos);
        Assert.All(results, r => Assert.Equal([A, Eos], r.Tokens));
        Assert.Equal(2, model.Calls); // both rows finished after two steps
        var cut = GreedyDecoder.Decode(model, Src, null, 1, Bos, Eos)[0];
        Assert.Equal([A], cut.Tokens);
        Assert.False(cut.Finished);
        Assert.Equal([A], cut.Content);
    }
}
