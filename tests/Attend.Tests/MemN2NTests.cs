using Attend.Babi;
using Attend.MemN2N;

namespace Attend.Tests;

/// <summary>
/// The pieces of end-to-end memory networks: position encoding and a hop computed by hand, gradient checks through
/// the sentence encoding and a whole hop (parameters from the test's own generator), the model's shapes, tying and
/// attention, bad-input errors, and same seed → same losses.
/// </summary>
public class MemN2NTests
{
    [Fact]
    public void PositionEncodingMatchesThePapersFormulaByHand()
    {
        // J = 3 words, d = 2: l_kj = (1 − j/J) − (k/d)(1 − 2j/J).
        // j=1: k=1 → 2/3 − ½·⅓ = ½, k=2 → 2/3 − ⅓ = ⅓;  j=2: ½ and ⅔;  j=3: ½ and 1.
        var l = PositionEncoding.Weights(3, 2);
        float[,] expected = { { 0.5f, 1f / 3 }, { 0.5f, 2f / 3 }, { 0.5f, 1f } };
        for (var j = 0; j < 3; j++)
        {
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(expected[j, k], l[j, k], 1e-6f);
            }
        }

        // One word: l = (1 − 1) − (k/d)(1 − 2) = k/d.
        var single = PositionEncoding.Weights(1, 4);
        Assert.Equal([0.25f, 0.5f, 0.75f, 1f], Enumerable.Range(0, 4).Select(k => single[0, k]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionEncoding.Weights(0, 2));
    }

    [Fact]
    public void TheAuthorsFixedLengthEncodingMatchesTheirFormulaByHand()
    {
        // The authors' code: l_kj = 1 + 4 (k − (d+1)/2)(j − (J+1)/2) / (d J). J = 3, d = 2: (k − 1.5) = ∓½,
        // (j − 2) = −1, 0, 1, 4/(dJ) = ⅔: j=1 → 1 + ⅓, 1 − ⅓; j=2 → 1, 1; j=3 → 1 − ⅓, 1 + ⅓.
        var l = PositionEncoding.FixedWeights(3, 2);
        float[,] expected = { { 4f / 3, 2f / 3 }, { 1, 1 }, { 2f / 3, 4f / 3 } };
        for (var j = 0; j < 3; j++)
        {
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(expected[j, k], l[j, k], 1e-6f);
            }
        }

        // With a fixed J, a word's weights depend on its position only: the first word of a 1-word and of a 2-word
        // sentence get the same weights l_{·1} for J = 3 (the paper's per-sentence J would give k/d and ½, ⅓…).
        var table = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var ids = torch.tensor(new float[,] { { 2, 0 }, { 2, 1 } });
        var fixedPe = SentenceEncoder.Encode(ids, [1, 2], table, SentenceEncoding.Position, fixedLength: 3).ToArray();
        Assert.Equal([5 * 4f / 3, 6 * 2f / 3], fixedPe[..2], new FloatTolerance(1e-5f));
        Assert.Equal([(5 * 4f / 3) + 3, (6 * 2f / 3) + 4], fixedPe[2..], new FloatTolerance(1e-5f));   // + word 1 at j = 2 (weights 1, 1)

        // A sentence longer than the fixed J is an error naming the lengths.
        Assert.Equal("lengths", Assert.Throws<ArgumentException>(() =>
            SentenceEncoder.Encode(ids, [1, 2], table, SentenceEncoding.Position, fixedLength: 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionEncoding.FixedWeights(2, 0));
    }

    [Fact]
    public void SentenceEncodingWeightsEachWordVectorByItsPosition()
    {
        // Table of 4 words in d = 2; sentence [2, 0, 2] (a repeated word) padded to 4, and an empty sentence.
        var table = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } });
        var ids = torch.tensor(new float[,] { { 2, 0, 2, 3 }, { 3, 3, 3, 3 } });
        int[] lengths = [3, 0];
        var l = PositionEncoding.Weights(3, 2);
        float[] row(int w) => [(w * 2) + 1, (w * 2) + 2];
        int[] words = [2, 0, 2];
        var expected = new float[2];
        for (var j = 0; j < 3; j++)
        {
            for (var k = 0; k < 2; k++)
            {
                expected[k] += l[j, k] * row(words[j])[k];
            }
        }

        var pe = SentenceEncoder.Encode(ids, lengths, table, SentenceEncoding.Position).ToArray();
        Assert.Equal(expected[0], pe[0], 1e-5f);                  // ½·5 + ½·1 + ½·5 = 5.5
        Assert.Equal(expected[1], pe[1], 1e-5f);                  // ⅓·6 + ⅔·2 + 1·6 = 9.33…
        Assert.Equal(5.5f, pe[0], 1e-5f);
        Assert.Equal([0f, 0f], pe[2..]);                          // the empty sentence is the zero vector

        var bow = SentenceEncoder.Encode(ids, lengths, table, SentenceEncoding.BagOfWords).ToArray();
        Assert.Equal([11f, 14f, 0f, 0f], bow);                    // 5+1+5, 6+2+6; padding (word 3) ignored

        var error = Assert.Throws<ArgumentException>(() => SentenceEncoder.Encode(ids, [5, 0], table, SentenceEncoding.Position));
        Assert.Equal("lengths", error.ParamName);
        Assert.Equal("ids", Assert.Throws<ArgumentException>(() =>
            SentenceEncoder.Encode(torch.tensor(new float[,] { { 9 } }), [1], table, SentenceEncoding.BagOfWords)).ParamName);
    }

    [Fact]
    public void TheLookupEncodingEqualsTheDenseWordWeightProduct()
    {
        // The library gathers word vectors and sums them with per-word weights; §6.3 derives the same function as a
        // dense product S·A with S[n, w] = Σ_{j: x_nj = w} a_j (and S_b for b_j, scaled by k/d). Both on random
        // sentences (repeated words, padding, an empty one), with this test's own generator.
        var g = new Generator(17);
        const int n = 7, l = 5, v = 9, d = 4;
        var table = torch.randn([v, d], g);
        var lengths = new int[n];
        var ids = new float[n * l];
        for (var i = 0; i < n; i++)
        {
            lengths[i] = i == 3 ? 0 : g.NextInt(1, l + 1);
            for (var j = 0; j < lengths[i]; j++)
            {
                ids[i * l + j] = g.NextInt(1, 4);                 // few distinct words: repeats are common
            }
        }

        var idTensor = torch.tensor(ids, [n, l]);
        foreach (var encoding in new[] { SentenceEncoding.Position, SentenceEncoding.BagOfWords })
        {
            var sa = new float[n * v];
            var sb = new float[n * v];
            for (var i = 0; i < n; i++)
            {
                for (var j = 1; j <= lengths[i]; j++)
                {
                    var w = (int)ids[i * l + j - 1];
                    sa[i * v + w] += encoding == SentenceEncoding.Position ? 1 - (float)j / lengths[i] : 1;
                    sb[i * v + w] += 2f * j / lengths[i] - 1;
                }
            }

            var dense = torch.tensor(sa, [n, v]).matmul(table);
            if (encoding == SentenceEncoding.Position)
            {
                var k = torch.tensor([.. Enumerable.Range(1, d).Select(x => (float)x / d)], [d]);
                dense = dense.add(torch.tensor(sb, [n, v]).matmul(table).mul(k));
            }

            var lookup = SentenceEncoder.Encode(idTensor, lengths, table, encoding);
            Assert.Equal(dense.ToArray(), lookup.ToArray(), new FloatTolerance(1e-5f));
            Assert.Equal(new float[d], lookup[3].ToArray());      // the empty sentence

            // Three tables side by side, encoded in one pass, equal each table encoded alone.
            var tables = new[] { table, torch.randn([v, d], g), torch.randn([v, d], g) };
            var weights = SentenceEncoder.Weights(idTensor, lengths, v, encoding);
            var joint = SentenceEncoder.Apply(idTensor, weights, torch.cat(tables, 1), encoding, dim: d);
            for (var t = 0; t < 3; t++)
            {
                Assert.Equal(SentenceEncoder.Encode(idTensor, lengths, tables[t], encoding).ToArray(), joint.narrow(1, t * d, d).ToArray(),
                    new FloatTolerance(1e-5f));
            }
        }

        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => SentenceEncoder.Apply(idTensor,
            SentenceEncoder.Weights(idTensor, lengths, v, SentenceEncoding.BagOfWords), table, SentenceEncoding.Position)).ParamName);
        Assert.Equal("dim", Assert.Throws<ArgumentException>(() => SentenceEncoder.Apply(idTensor,
            SentenceEncoder.Weights(idTensor, lengths, v, SentenceEncoding.Position), table, SentenceEncoding.Position, dim: 3)).ParamName);
    }

    [Fact]
    public void GradientsThroughTheMultiTableLookupMatchFiniteDifferences()
    {
        // The model encodes its K + 1 memories in one lookup of the concatenated tables: check the gradient reaching
        // each table through cat, the gather, the weighted sum and the per-table k/d scaling.
        var g = new Generator(29);
        var ids = torch.tensor(new float[,] { { 1, 2, 1, 0 }, { 3, 0, 0, 0 }, { 0, 0, 0, 0 }, { 4, 3, 2, 1 } });
        int[] lengths = [3, 1, 0, 4];
        foreach (var encoding in new[] { SentenceEncoding.Position, SentenceEncoding.BagOfWords })
        {
            var weights = SentenceEncoder.Weights(ids, lengths, 5, encoding);
            var tables = new[] { torch.randn([5, 3], g, requires_grad: true), torch.randn([5, 3], g, requires_grad: true) };
            Assert.True(torch.autograd.gradcheck(x => SentenceEncoder.Apply(ids, weights, torch.cat(x, 1), encoding, dim: 3), tables),
                $"{encoding}");
        }
    }

    [Fact]
    public void AHopReadsMemoryByContentByHand()
    {
        // u = [1, 0]; m_1 = [1, 0], m_2 = [0, 1], slot 3 is padding; c_1 = [2, 0], c_2 = [0, 4].
        var u = torch.tensor(new float[,] { { 1, 0 } });
        var m = torch.tensor(new float[,,] { { { 1, 0 }, { 0, 1 }, { 9, 9 } } });
        var c = torch.tensor(new float[,,] { { { 2, 0 }, { 0, 4 }, { 9, 9 } } });
        var mask = torch.tensor(new float[,] { { 1, 1, 0 } });
        var (o, p) = MemoryHop.Read(u, m, c, mask);
        var p1 = MathF.E / (MathF.E + 1);                         // softmax([1, 0])
        Assert.Equal([p1, 1 - p1, 0f], p.ToArray().Select(v => MathF.Round(v, 6)), new FloatTolerance(1e-5f));
        Assert.Equal([2 * p1, 4 * (1 - p1)], o.ToArray(), new FloatTolerance(1e-5f));

        // Linear start: no softmax, p = uᵀm on the real slots.
        var (oLinear, pLinear) = MemoryHop.Read(u, m, c, mask, softmax: false);
        Assert.Equal([1f, 0f, 0f], pLinear.ToArray());
        Assert.Equal([2f, 0f], oLinear.ToArray());

        Assert.Equal("m", Assert.Throws<ArgumentException>(() => MemoryHop.Read(u, m, c.narrow(1, 0, 2), mask)).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => MemoryHop.Read(u, m, c, mask.narrow(1, 0, 2))).ParamName);
    }

    [Fact]
    public void EmptySlotsInTheSoftmaxTakeWeightAndReadNothingByHand()
    {
        // u = [1, 0]; m_1 = [1, 0], m_2 = [0, 1]; 2 empty (zero) slots besides, score 0 each:
        // p = [e, 1] / (e + 1 + 2), o = p_1 c_1 + p_2 c_2 (the empty slots read the zero vector).
        var u = torch.tensor(new float[,] { { 1, 0 }, { 1, 0 } });
        var m = torch.tensor(new float[,,] { { { 1, 0 }, { 0, 1 } }, { { 1, 0 }, { 0, 1 } } });
        var c = torch.tensor(new float[,,] { { { 2, 0 }, { 0, 4 } }, { { 2, 0 }, { 0, 4 } } });
        var mask = torch.tensor(new float[,] { { 1, 1 }, { 1, 0 } });
        var (o, p) = MemoryHop.Read(u, m, c, mask, emptySlots: torch.tensor(new float[] { 2, 0 }));
        var z = MathF.E + 1 + 2;
        Assert.Equal([MathF.E / z, 1 / z, 1f, 0f], p.ToArray(), new FloatTolerance(1e-5f));    // story 2: no empty slot, one real
        Assert.Equal([2 * MathF.E / z, 4 / z, 2f, 0f], o.ToArray(), new FloatTolerance(1e-5f));

        // Linear start ignores them; a wrong shape is an error naming emptySlots.
        var (_, pLinear) = MemoryHop.Read(u, m, c, mask, softmax: false, emptySlots: torch.tensor(new float[] { 2, 0 }));
        Assert.Equal([1f, 0f, 1f, 0f], pLinear.ToArray());
        Assert.Equal("emptySlots", Assert.Throws<ArgumentException>(() =>
            MemoryHop.Read(u, m, c, mask, emptySlots: torch.tensor(new float[] { 2 }))).ParamName);

        // Gradients through a hop with empty slots, parameters from this test's own generator.
        var g = new Generator(67);
        var x = new[] { torch.randn([2, 3], g, requires_grad: true), torch.randn([2, 4, 3], g, requires_grad: true),
                        torch.randn([2, 4, 3], g, requires_grad: true) };
        var mask4 = torch.tensor(new float[,] { { 1, 1, 1, 0 }, { 1, 1, 1, 1 } });
        var empty = torch.tensor(new float[] { 47, 0 });
        Assert.True(torch.autograd.gradcheck(t =>
        {
            var (read, weights) = MemoryHop.Read(t[0], t[1], t[2], mask4, emptySlots: empty);
            return torch.cat([read, weights], 1);
        }, x));
    }

    [Fact]
    public void TheAuthorsVariantRunsAndItsEmptySlotsFillTheMemory()
    {
        // The authors' code's variant: fixed-J encoding with the time vector weighted by l_J, zero slots up to the
        // memory size in every softmax. The weights of the real slots sum to less than 1 by the empty slots' share.
        var (vocabulary, examples) = TinyStories();
        var batch = new BabiBatcher(examples, batch_size: 3, memory_size: 6).Batch([0, 1, 2]);
        var model = new MemoryNetwork(new MemN2NOptions(vocabulary.Count, Dim: 4, Hops: 2, MemorySize: 6, PositionLength: 8,
            EmptySlotsInSoftmax: true), generator: new Generator(2));
        var output = model.call(batch);
        var sums = output.Attention[0].sum(1).ToArray();
        Assert.All(sums, s => Assert.InRange(s, 0.05f, 0.95f));
        Assert.Equal([3, vocabulary.Count], output.Logits.shape);
        Assert.Contains("fixed J=8", model.options.ToString());

        // With no empty slot left (memory size = the batch's slots) the softmax is the masked one again.
        var full = new MemoryNetwork(new MemN2NOptions(vocabulary.Count, Dim: 4, Hops: 2, MemorySize: 2, EmptySlotsInSoftmax: true),
            generator: new Generator(2));
        var single = new BabiBatcher([examples[0]], batch_size: 1, memory_size: 2).Batch([0]);
        Assert.Equal(1f, full.call(single).Attention[1].sum().item(), 1e-5f);
    }

    [Fact]
    public void GradientsThroughAHopMatchFiniteDifferences()
    {
        // A whole hop from word ids: question and memory encoded (PE) with B, A, C, temporal T_A, T_C, one read, the
        // answer u + o through W. Every parameter from this test's own generator.
        var g = new Generator(61);
        Tensor P(params int[] shape) => torch.randn(shape, g, requires_grad: true);
        var (b, a, c, w) = (P(6, 3), P(6, 3), P(6, 3), P(6, 3));
        var (ta, tc) = (P(4, 3), P(4, 3));
        var memory = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 0 }, { 2, 2, 1 }, { 0, 0, 0 }, { 3, 1, 0 }, { 5, 4, 3 } });
        int[] memoryLengths = [3, 2, 3, 0, 2, 3];                  // [2 stories × 3 slots]; slot 4 is an empty memory
        var time = torch.tensor(new float[,] { { 2, 1, 0 }, { 2, 1, 0 } });
        var mask = torch.tensor(new float[,] { { 1, 1, 1 }, { 1, 1, 0 } });
        var question = torch.tensor(new float[,] { { 1, 3 }, { 4, 0 } });
        int[] questionLengths = [2, 1];

        foreach (var softmax in new[] { true, false })
        {
            Tensor Hop(Tensor[] x)
            {
                var u = SentenceEncoder.Encode(question, questionLengths, x[0], SentenceEncoding.Position);
                var mi = SentenceEncoder.Encode(memory, memoryLengths, x[1], SentenceEncoding.Position).reshape(2, 3, 3)
                    .add(torch.nn.functional.embedding(time, x[4]));
                var ci = SentenceEncoder.Encode(memory, memoryLengths, x[2], SentenceEncoding.Position).reshape(2, 3, 3)
                    .add(torch.nn.functional.embedding(time, x[5]));
                var (o, p) = MemoryHop.Read(u, mi, ci, mask, softmax);
                return torch.cat([u.add(o).matmul(x[3].t()), p], 1);
            }

            Assert.True(torch.autograd.gradcheck(Hop, [b, a, c, w, ta, tc]), $"softmax: {softmax}");
        }

        Tensor Bow(Tensor[] x) => SentenceEncoder.Encode(memory, memoryLengths, x[0], SentenceEncoding.BagOfWords);
        Assert.True(torch.autograd.gradcheck(Bow, [a]));
    }

    [Fact]
    public void TheNetworkReturnsEveryHopsAttentionAndTiesWeightsAsAsked()
    {
        var (vocabulary, examples) = TinyStories();
        var batch = new BabiBatcher(examples, batch_size: 3, memory_size: 6).Batch([0, 1, 2]);
        var adjacent = new MemoryNetwork(new MemN2NOptions(vocabulary.Count, Dim: 8, Hops: 3, MemorySize: 6), generator: new Generator(1));
        // Adjacent: K + 1 word tables and K + 1 temporal tables.
        Assert.Equal(8, adjacent.parameters().Count());
        var output = adjacent.call(batch);
        Assert.Equal([3, vocabulary.Count], output.Logits.shape);
        Assert.Equal(3, output.Attention.Count);
        var mask = batch.MemoryMask.ToArray();
        foreach (var p in output.Attention)
        {
            Assert.Equal(batch.MemoryMask.shape, p.shape);
            var values = p.ToArray();
            Assert.All(Enumerable.Range(0, values.Length).Where(i => mask[i] == 0), i => Assert.Equal(0f, values[i]));
            Assert.All(p.sum(1).ToArray(), s => Assert.Equal(1f, s, 1e-5f));
        }

        adjacent.linear = true;
        Assert.Contains(adjacent.call(batch).Attention[0].sum(1).ToArray(), s => MathF.Abs(s - 1) > 1e-3f);

        // Layer-wise: B, A, C, W, T_A, T_C and H, whatever the number of hops; no temporal encoding: no T.
        var layerWise = new MemoryNetwork(new MemN2NOptions(vocabulary.Count, Dim: 8, Hops: 2, MemorySize: 6,
            Encoding: SentenceEncoding.BagOfWords, Tying: WeightTying.LayerWise), generator: new Generator(1));
        Assert.Equal(7, layerWise.parameters().Count());
        Assert.Equal(2, layerWise.call(batch).Attention.Count);
        var plain = new MemoryNetwork(new MemN2NOptions(vocabulary.Count, Dim: 8, Hops: 1, MemorySize: 6, Temporal: false));
        Assert.Equal(2, plain.parameters().Count());

        // Weights start N(0, 0.1).
        var all = adjacent.parameters().SelectMany(p => p.ToArray()).ToArray();
        var std = Math.Sqrt(all.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.08, 0.12);
    }

    [Fact]
    public void BadInputsGetErrorsNamingTheArgument()
    {
        var (vocabulary, examples) = TinyStories();
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryNetwork(new MemN2NOptions(vocabulary.Count, Hops: 0))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryNetwork(new MemN2NOptions(1))).ParamName);
        var small = new MemoryNetwork(new MemN2NOptions(vocabulary.Count, MemorySize: 2));
        var batch = new BabiBatcher(examples, 3, 6).Batch([0, 1, 2]);
        var error = Assert.Throws<ArgumentException>(() => small.call(batch));
        Assert.Equal("batch", error.ParamName);
        Assert.Contains("MemorySize is 2", error.Message);
        Assert.Equal("train", Assert.Throws<ArgumentException>(() =>
            MemN2NTraining.Train(new MemN2NOptions(vocabulary.Count), [], examples, new MemN2NTrainingOptions())).ParamName);
        Assert.Equal("restarts", Assert.Throws<ArgumentOutOfRangeException>(() =>
            MemN2NTraining.BestOf(0, new MemN2NOptions(vocabulary.Count), examples, examples, new MemN2NTrainingOptions())).ParamName);
    }

    [Fact]
    public void TheScheduleHalvesTheRateAndLinearStartUsesItsOwn()
    {
        // The authors' joint configuration: 30 linear-start epochs at 0.005, then 60 epochs from 0.005 halved every 15.
        var joint = MemN2NTrainingOptions.Joint1k;
        Assert.Equal(90, joint.MaxEpochs);
        Assert.Equal(0.005, joint.RateAt(0, linear: false), 12);
        Assert.Equal(0.005, joint.RateAt(14, linear: false), 12);
        Assert.Equal(0.0025, joint.RateAt(15, linear: false), 12);
        Assert.Equal(0.000625, joint.RateAt(59, linear: false), 12);
        Assert.Equal(0.005, joint.RateAt(40, linear: true), 12);
        Assert.Equal(0.0025, new MemN2NTrainingOptions().RateAt(50, linear: false), 12);
        Assert.Equal(100, new MemN2NTrainingOptions(LinearStart: false).MaxEpochs);
        Assert.Equal(BabiNoise.TimeGaps, joint.Noise);
        Assert.True(joint.ClipPerParameter);
        var authors = MemN2NOptions.AuthorsCode(176, longestSentence: 11);
        Assert.Equal((50, 50, 12, true), (authors.Dim, authors.MemorySize, authors.PositionLength, authors.EmptySlotsInSoftmax));
    }

    [Fact]
    public void LinearStartComesBeforeTheWholeAnnealedSchedule()
    {
        // Fixed linear start (the authors' code): 2 linear epochs at 0.005, then 3 annealed epochs from 0.01, halved
        // after 2; the halvings count from the end of linear start.
        var (vocabulary, examples) = TinyStories();
        var model = new MemN2NOptions(vocabulary.Count, Dim: 6, Hops: 2, MemorySize: 8);
        var options = new MemN2NTrainingOptions(Epochs: 3, AnnealEvery: 2, BatchSize: 2, LinearStartMaxEpochs: 2, LinearStartUntilPlateau: false);
        var run = MemN2NTraining.Train(model, examples, examples, options);
        Assert.Equal([true, true, false, false, false], run.Epochs.Select(e => e.Linear));
        Assert.Equal([0.005, 0.005, 0.01, 0.01, 0.005], run.Epochs.Select(e => e.LearningRate));
        Assert.Equal([1, 2, 3, 4, 5], run.Epochs.Select(e => e.Epoch));

        // Until the plateau (the paper's text): linear start ends at the first epoch whose validation loss does not
        // fall, so the run has between 1 and 2 linear epochs, then exactly 3 annealed ones.
        var plateau = MemN2NTraining.Train(model, examples, examples, options with { LinearStartUntilPlateau = true, LinearStartMaxEpochs = 2 });
        Assert.Equal(3, plateau.Epochs.Count(e => !e.Linear));
        Assert.InRange(plateau.Epochs.Count(e => e.Linear), 1, 2);
    }

    [Fact]
    public void TheSameSeedGivesTheSameLosses()
    {
        var (vocabulary, examples) = TinyStories();
        var model = new MemN2NOptions(vocabulary.Count, Dim: 6, Hops: 2, MemorySize: 8);
        var options = new MemN2NTrainingOptions(Epochs: 4, BatchSize: 2, Seed: 7, LinearStartMaxEpochs: 2, RandomNoise: 0.3);
        var first = MemN2NTraining.Train(model, examples, examples, options);
        var second = MemN2NTraining.Train(model, examples, examples, options);
        var other = MemN2NTraining.Train(model, examples, examples, options with { Seed = 8 });
        Assert.Equal(4, first.Epochs.Count(e => !e.Linear));   // 4 annealed epochs after linear start
        Assert.Equal(first.Losses, second.Losses);
        Assert.NotEqual(first.Losses, other.Losses);

        // The authors' variants (time-gap noise, per-parameter clipping) are seeded the same way.
        var authors = options with { Noise = BabiNoise.TimeGaps, ClipPerParameter = true, MaxGradNorm = 0.5 };
        Assert.Equal(MemN2NTraining.Train(model, examples, examples, authors).Losses, MemN2NTraining.Train(model, examples, examples, authors).Losses);
        Assert.NotEqual(first.Losses, MemN2NTraining.Train(model, examples, examples, authors).Losses);
        Assert.True(first.Epochs[0].Linear);

        var seen = new List<(int Run, int Epoch)>();
        var (best, runs) = MemN2NTraining.BestOf(3, model, examples, examples, options, onEpoch: (r, e) => seen.Add((r, e.Epoch)));
        Assert.Equal(3, runs.Count);
        Assert.Equal(first.Losses, runs[0].Losses);
        Assert.Equal(other.Losses, runs[1].Losses);              // restart r uses seed Seed + r
        Assert.Equal(runs.Min(r => r.ValidationError), best.ValidationError);
        Assert.Equal(runs.Sum(r => r.Epochs.Count), seen.Count);

        // Two restarts at a time, each on its own thread: the same runs.
        var (_, together) = MemN2NTraining.BestOf(3, model, examples, examples, options, parallel: 2);
        Assert.Equal(runs.Select(r => r.Losses), together.Select(r => r.Losses));
        Assert.Equal("parallel", Assert.Throws<ArgumentOutOfRangeException>(() =>
            MemN2NTraining.BestOf(2, model, examples, examples, options, parallel: 0)).ParamName);

        // A time budget already spent: only the first restart runs.
        var (_, budgeted) = MemN2NTraining.BestOf(3, model, examples, examples, options, timeBudget: TimeSpan.Zero);
        Assert.Single(budgeted);
        Assert.Equal(first.Losses, budgeted[0].Losses);
    }

    private static (BabiVocabulary, IReadOnlyList<BabiEncoded>) TinyStories()
    {
        const string text =
            "1 Mary moved to the bathroom.\n2 John went to the hallway.\n3 Where is Mary? \tbathroom\t1\n" +
            "4 Daniel went back to the hallway.\n5 Sandra moved to the garden.\n6 Where is Daniel? \thallway\t4\n" +
            "1 John moved to the office.\n2 Where is John? \toffice\t1\n";
        var questions = BabiParser.Parse(new StringReader(text), "tiny.txt", 1);
        var vocabulary = BabiVocabulary.Build(questions);
        return (vocabulary, [.. questions.Select(q => vocabulary.Encode(q))]);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
