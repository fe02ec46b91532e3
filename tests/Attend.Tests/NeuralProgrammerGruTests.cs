using Attend.Backends.Cpu;
using Attend.Modules;
using Attend.NeuralProgrammer;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>
/// The question GRU's fused recurrence (<see cref="MaskedGruSequence"/>, Chapter 9 §9.3): the same values and gradients
/// as the composed per-word GRUCell form and, bit for bit, as the masked form it replaced (every row run at every
/// word), a finite-difference check, and its errors.
/// </summary>
public class NeuralProgrammerGruTests
{
    /// <summary>The composed form: GRUCell.Step per word, the state held at padding words.</summary>
    private static Tensor Composed(Tensor inputGates, Tensor mask, Tensor weightHh, Tensor biasHh)
    {
        var gi = inputGates.unbind(1);
        var h = torch.zeros([inputGates.size(0), weightHh.size(1)]);
        var states = new List<Tensor>();
        for (var t = 0; t < gi.Length; t++)
        {
            var next = GRUCell.Step(gi[t], torch.nn.functional.linear(h, weightHh, biasHh), h);
            var m = mask.select(1, t).unsqueeze(1);
            h = next.mul(m).add(h.mul(m.rsub(1f)));
            states.Add(h);
        }

        return torch.stack(states, 1);
    }

    /// <summary>
    /// The masked form that <see cref="MaskedGruSequence"/> replaced (every row runs at every word and a padding word's
    /// mask holds the state), kept as the reference its values and gradients must equal bit for bit.
    /// </summary>
    private static Tensor Masked(Tensor inputGates, Tensor mask, Tensor weightHh, Tensor? biasHh)
    {
        int b = inputGates.size(0), q = inputGates.size(1), hidden = weightHh.size(1);
        var backend = inputGates.Backend;
        var before = new Tensor[q];
        Tensor[] gi;
        var gh = new Tensor[q];
        var keep = new Tensor[q];
        var states = new Tensor[q];
        using (torch.no_grad())
        {
            gi = inputGates.unbind(1);
            var h = torch.zeros([b, hidden]);
            for (var t = 0; t < q; t++)
            {
                before[t] = h;
                keep[t] = mask.select(1, t).unsqueeze(1);
                gh[t] = torch.nn.functional.linear(h, weightHh, biasHh);
                var next = h.NewLike([b, hidden], zero: false);
                backend.GruGates(gi[t].storage, gh[t].storage, h.storage, b, hidden, next.storage);
                h = h.add(next.sub(h).mul(keep[t]));
                states[t] = h;
            }
        }

        Tensor[] inputs = biasHh is null ? [inputGates, mask, weightHh] : [inputGates, mask, weightHh, biasHh];
        return Tensor.Record(torch.stack(states, 1), "masked_reference", inputs, g =>
        {
            var gStates = g.unbind(1);
            var dGi = new Tensor[q];
            var dGh = new Tensor[q];
            Tensor? dh = null;
            for (var t = q - 1; t >= 0; t--)
            {
                dh = dh is null ? gStates[t] : dh.add(gStates[t]);
                var dNext = dh.mul(keep[t]);
                dGi[t] = gi[t].NewLike([b, 3 * hidden], zero: false);
                dGh[t] = gh[t].NewLike([b, 3 * hidden], zero: false);
                var dCell = dh.NewLike([b, hidden], zero: false);
                backend.GruGatesBackward(gi[t].storage, gh[t].storage, before[t].storage, dNext.storage, b, hidden,
                    dGi[t].storage, dGh[t].storage, dCell.storage);
                dh = dh.sub(dNext).add(dCell).add(dGh[t].matmul(weightHh));
            }

            var gh2 = torch.stack(dGh, 1).view(b * q, 3 * hidden);
            var h2 = torch.stack(before, 1).view(b * q, hidden);
            var gWeight = gh2.t().matmul(h2);
            var gInput = torch.stack(dGi, 1);
            return biasHh is null ? [gInput, null, gWeight] : [gInput, null, gWeight, gh2.sum(0)];
        });
    }

    /// <summary>A right-padded mask [B, Q] for the given question lengths.</summary>
    private static Tensor LengthMask(int[] lengths, int q) =>
        T(lengths.SelectMany(length => Enumerable.Range(0, q).Select(t => t < length ? 1f : 0f)).ToArray(), lengths.Length, q);

    /// <summary>
    /// Very unequal lengths, not in order: one word, no word at all, an equal pair (5, 5), and only one question left
    /// running at its last word (where the products run on two rows, one of them unused).
    /// </summary>
    private static readonly int[] UnequalLengths = [3, 8, 1, 5, 0, 5, 7, 9, 2];

    /// <summary>The unequal case: B = 9, Q = 10 (no question reaches the last word), H = 5.</summary>
    private static (Tensor Gi, Tensor Mask, Tensor W, Tensor Bias) UnequalCase(long seed)
    {
        var g = new Generator(seed);
        var gi = torch.randn([9, 10, 15], g, requires_grad: true);
        var w = torch.randn([15, 5], g).mul(0.7f).requires_grad_();
        var bias = torch.randn([15], g).mul(0.3f).requires_grad_();
        return (gi, LengthMask(UnequalLengths, 10), w, bias);
    }

    /// <summary>B = 3 questions of 4, 2 and 3 words (padded to 4), H = 3; every value from the test's own generator.</summary>
    private static (Tensor Gi, Tensor Mask, Tensor W, Tensor Bias) Case(long seed)
    {
        var g = new Generator(seed);
        var gi = torch.randn([3, 4, 9], g, requires_grad: true);
        var w = torch.randn([9, 3], g).mul(0.7f).requires_grad_();
        var bias = torch.randn([9], g).mul(0.3f).requires_grad_();
        var mask = T([1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0], 3, 4);
        return (gi, mask, w, bias);
    }

    [Fact]
    public void EncoderProjectingTheVocabularyGivesThePerWordValuesAndGradients()
    {
        // V = 5 words, 3 questions of 4 slots: 5 < 12, so the encoder projects the vocabulary, (E·W_ihᵀ + b_ih)[w]. The
        // reference projects every word, E[w]·W_ihᵀ + b_ih, and runs the composed cells; every parameter is drawn from
        // this test's generator.
        var encoder = new QuestionEncoder(5, 3);
        var g = new Generator(21);
        using (torch.no_grad())
        {
            foreach (var p in encoder.parameters())
            {
                p.copy_(torch.randn(p.shape, g).mul(0.5f));
            }
        }

        var named = encoder.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var words = T([1, 2, 3, 4, 0, 4, 0, 0, 2, 2, 1, 0], 3, 4);
        var mask = T([1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0], 3, 4);
        var weights = torch.randn([3, 4, 3], g);
        var (states, question) = encoder.call(words, mask);
        states.mul(weights).sum().add(question.sum()).backward();
        var grads = named.ToDictionary(p => p.Key, p => p.Value.grad!.clone());
        encoder.zero_grad();
        var perWord = torch.nn.functional.linear(encoder.Embed(words), named["rnn.weight_ih"], named["rnn.bias_ih"]);
        var reference = Composed(perWord, mask, named["rnn.weight_hh"], named["rnn.bias_hh"]);
        reference.mul(weights).sum().add(reference.select(1, 3).sum()).backward();
        Values(reference.ToArray(), states, 1e-5f);
        foreach (var (name, p) in named)
        {
            Values(p.grad!.ToArray(), grads[name], 1e-5f);
        }
    }

    [Fact]
    public void SameValuesAndGradientsAsTheComposedCells()
    {
        var (gi, mask, w, bias) = Case(11);
        var weights = torch.randn([3, 4, 3], new Generator(12)); // a loss that weighs every state differently
        var fused = MaskedGruSequence.Run(gi, mask, w, bias);
        fused.mul(weights).sum().backward();
        var (gFused, wFused, bFused) = (gi.grad!.clone(), w.grad!.clone(), bias.grad!.clone());
        gi.grad = null;
        w.grad = null;
        bias.grad = null;
        var composed = Composed(gi, mask, w, bias);
        composed.mul(weights).sum().backward();
        Values(composed.ToArray(), fused, 1e-5f);
        Values(gi.grad!.ToArray(), gFused, 1e-5f);
        Values(w.grad!.ToArray(), wFused, 1e-5f);
        Values(bias.grad!.ToArray(), bFused, 1e-5f);
        // A padding word leaves the state as it was: question 1's states 2 and 3 equal its state 1.
        Values(fused[1, 1].ToArray(), fused[1, 3], 0f);
    }

    [Fact]
    public void UnequalLengthsGiveTheComposedValuesAndGradients()
    {
        var (gi, mask, w, bias) = UnequalCase(41);
        var weights = torch.randn([9, 10, 5], new Generator(42));
        var fused = MaskedGruSequence.Run(gi, mask, w, bias);
        fused.mul(weights).sum().add(fused.select(1, 9).sum()).backward();
        var (gFused, wFused, bFused) = (gi.grad!.clone(), w.grad!.clone(), bias.grad!.clone());
        gi.grad = null;
        w.grad = null;
        bias.grad = null;
        var composed = Composed(gi, mask, w, bias);
        composed.mul(weights).sum().add(composed.select(1, 9).sum()).backward();
        Values(composed.ToArray(), fused, 1e-5f);
        Values(gi.grad!.ToArray(), gFused, 1e-5f);
        Values(w.grad!.ToArray(), wFused, 1e-5f);
        Values(bias.grad!.ToArray(), bFused, 1e-5f);
        // A question's states after its last word are that word's; the empty question's are 0, and padding words'
        // input gates get no gradient.
        Values(fused[2, 0].ToArray(), fused[2, 9], 0f);
        Values(fused[0, 2].ToArray(), fused[0, 4], 0f);
        Values(new float[10 * 5], fused[4], 0f);
        Values(new float[15], gFused[2, 1], 0f);
        Values(new float[10 * 15], gFused[4], 0f);
    }

    [Fact]
    public void SameBitsAsTheMaskedForm()
    {
        // Skipping the padding words changes which rows the products run on, not what any row sums: with the managed
        // GEMM (whose rows do not depend on the row count) every value and gradient equals the masked form's bit for
        // bit. Another GEMM (OpenBLAS) may round a row differently in a smaller product.
        var exact = GemmProvider.Current is ManagedGemm ? 0f : 1e-6f;
        foreach (var withBias in new[] { true, false })
        {
            var (gi, mask, w, bias) = UnequalCase(51);
            var b = withBias ? bias : null;
            var weights = torch.randn([9, 10, 5], new Generator(52));
            var packed = MaskedGruSequence.Run(gi, mask, w, b);
            packed.mul(weights).sum().add(packed.select(1, 9).sum()).backward();
            var (gPacked, wPacked, bPacked) = (gi.grad!.clone(), w.grad!.clone(), bias.grad?.clone());
            gi.grad = null;
            w.grad = null;
            bias.grad = null;
            var masked = Masked(gi, mask, w, b);
            masked.mul(weights).sum().add(masked.select(1, 9).sum()).backward();
            Values(masked.ToArray(), packed, exact);
            Values(gi.grad!.ToArray(), gPacked, exact);
            Values(w.grad!.ToArray(), wPacked, exact);
            if (withBias)
            {
                Values(bias.grad!.ToArray(), bPacked!, exact);
            }
        }

        // Already in order (no reordering) and all of one length (no padding at all).
        foreach (var lengths in new[] { new[] { 6, 4, 4, 1 }, new[] { 6, 6, 6, 6 } })
        {
            var g = new Generator(53);
            var gi = torch.randn([4, 6, 12], g, requires_grad: true);
            var w = torch.randn([12, 4], g).mul(0.7f).requires_grad_();
            var mask = LengthMask(lengths, 6);
            var packed = MaskedGruSequence.Run(gi, mask, w, null);
            packed.pow(2f).sum().backward();
            var (gPacked, wPacked) = (gi.grad!.clone(), w.grad!.clone());
            gi.grad = null;
            w.grad = null;
            var masked = Masked(gi, mask, w, null);
            masked.pow(2f).sum().backward();
            Values(masked.ToArray(), packed, exact);
            Values(gi.grad!.ToArray(), gPacked, exact);
            Values(w.grad!.ToArray(), wPacked, exact);
        }
    }

    [Fact]
    public void OneStepByHand()
    {
        // H = 1, one word, h_0 = 0: r = σ(a_r + b_r), z = σ(a_z + b_z), n = tanh(a_n + r·b_n), h_1 = (1 − z)·n.
        var gi = T([0.5f, -1f, 2f], 1, 1, 3);
        var w = T([1f, 1f, 1f], 3, 1);
        var bias = T([0.2f, 0.3f, -0.4f], 3);
        var r = 1 / (1 + Math.Exp(-0.7));
        var z = 1 / (1 + Math.Exp(0.7));
        var n = Math.Tanh(2 - (0.4 * r));
        Values([(float)((1 - z) * n)], MaskedGruSequence.Run(gi, T([1f], 1, 1), w, bias), 1e-6f);
        Values([0f], MaskedGruSequence.Run(gi, T([0f], 1, 1), w, bias), 0f); // a padding word: the state stays 0
    }

    [Fact]
    public void GradCheckThroughTheSequence()
    {
        var (gi, mask, w, bias) = Case(21);
        var weights = torch.randn([3, 4, 3], new Generator(22));
        GradCheck(x => MaskedGruSequence.Run(x[0], mask, x[1], x[2]).mul(weights).sum(), gi, w, bias);
        var (gi2, _, w2, _) = Case(23);
        GradCheck(x => MaskedGruSequence.Run(x[0], mask, x[1], null).mul(weights).sum(), gi2, w2);
        var (gi3, mask3, w3, bias3) = UnequalCase(24);
        var weights3 = torch.randn([9, 10, 5], new Generator(25));
        GradCheck(x => MaskedGruSequence.Run(x[0], mask3, x[1], x[2]).mul(weights3).sum(), gi3, w3, bias3);
    }

    [Fact]
    public void BadShapesNameTheArgument()
    {
        var (gi, mask, w, bias) = Case(31);
        Throws(() => MaskedGruSequence.Run(gi, mask, torch.zeros(8, 3), bias), "MaskedGruSequence", "[3, 4, 9]", "[8, 3]");
        Throws(() => MaskedGruSequence.Run(gi, torch.ones(3, 5), w, bias), "MaskedGruSequence", "mask", "[3, 4]", "[3, 5]");
        Throws(() => MaskedGruSequence.Run(gi, mask, w, torch.zeros(8)), "MaskedGruSequence", "b_hh", "[9]", "[8]");
        // Padding only at the end of a question: a word after a padding slot, or a fractional mask, is refused.
        Throws(() => MaskedGruSequence.Run(gi, T([1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0], 3, 4), w, bias),
            "MaskedGruSequence", "right-padded", "row 1", "position 2");
        Throws(() => MaskedGruSequence.Run(gi, T([1, 1, 1, 1, 1, 0.5f, 0, 0, 1, 1, 1, 0], 3, 4), w, bias),
            "MaskedGruSequence", "right-padded", "row 1", "0.5");
    }
}
