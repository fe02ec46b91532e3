using Attend.Modules;
using Attend.NeuralProgrammer;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>
/// The question GRU's fused recurrence (<see cref="MaskedGruSequence"/>, Chapter 9 §9.3): the same values and gradients
/// as the composed per-word GRUCell form, a finite-difference check, and its errors.
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
    }

    [Fact]
    public void BadShapesNameTheArgument()
    {
        var (gi, mask, w, bias) = Case(31);
        Throws(() => MaskedGruSequence.Run(gi, mask, torch.zeros(8, 3), bias), "MaskedGruSequence", "[3, 4, 9]", "[8, 3]");
        Throws(() => MaskedGruSequence.Run(gi, torch.ones(3, 5), w, bias), "MaskedGruSequence", "mask", "[3, 4]", "[3, 5]");
        Throws(() => MaskedGruSequence.Run(gi, mask, w, torch.zeros(8)), "MaskedGruSequence", "b_hh", "[9]", "[8]");
    }
}
