using Attend.Dmn;
using Attend.Modules;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>
/// Chapter 7: <see cref="SequenceLinear"/>, the recurrence's hidden-side product whose weight and bias gradients are
/// formed once per sequence, gives the values and gradients of a plain <c>linear</c> per step, passes a
/// finite-difference check through a recurrence, and the masked GRU built on it agrees with a composed loop.
/// Every input is drawn from the test's own generator.
/// </summary>
public class DmnSequenceLinearTests
{
    [Fact]
    public void ARecurrenceThroughItMatchesPlainLinearPerStep()
    {
        var gen = new Generator(3301);
        var w = torch.randn([4, 4], generator: gen).mul(0.5f);
        var b = torch.randn([4], generator: gen);
        var h0 = torch.randn([3, 4], generator: gen);

        float[][] Run(bool shared)
        {
            var (wl, bl, hl) = (w.detach().clone().requires_grad_(), b.detach().clone().requires_grad_(), h0.detach().clone().requires_grad_());
            var step = new SequenceLinear(wl, bl);
            var h = hl;
            for (var t = 0; t < 5; t++)
            {
                h = (shared ? step.Step(h) : torch.nn.functional.linear(h, wl, bl)).tanh();
            }

            h.pow(2).sum().backward();
            return [h.ToArray(), wl.grad!.ToArray(), bl.grad!.ToArray(), hl.grad!.ToArray()];
        }

        var (shared, plain) = (Run(true), Run(false));
        for (var i = 0; i < shared.Length; i++)
        {
            Close(plain[i].Select(v => (double)v).ToArray(), shared[i], 1e-5);
        }
    }

    [Fact]
    public void GradcheckThroughARecurrence()
    {
        var gen = new Generator(3302);
        Tensor[] inputs = [torch.randn([3, 3], generator: gen).mul(0.5f).requires_grad_(), torch.randn([3], generator: gen).requires_grad_(),
                           torch.randn([2, 3], generator: gen).requires_grad_()];
        Assert.True(torch.autograd.gradcheck(x =>
        {
            var step = new SequenceLinear(x[0], x[1]);
            var h = x[2];
            for (var t = 0; t < 4; t++)
            {
                h = step.Step(h).tanh();
            }

            return h;
        }, inputs, eps: 1e-3f));
    }

    [Fact]
    public void TheMaskedGruAgreesWithAComposedLoop()
    {
        // MaskedGru (input projections cut by unbind, hidden side through SequenceLinear, fused gates) against
        // GRUCell.ComposedStep with plain linear per step and the same masking: states and every gradient.
        var gen = new Generator(3303);
        var gru = new MaskedGru(3, 4, generator: gen);
        var x = torch.randn([2, 5, 3], generator: gen);
        var mask = torch.tensor(new float[,] { { 1, 1, 1, 1, 1 }, { 1, 1, 1, 0, 0 } });
        var p = gru.named_parameters().ToDictionary(e => e.Item1, e => e.Item2);

        float[][] Run(bool library, bool reverse)
        {
            gru.zero_grad();
            var input = x.detach().clone().requires_grad_();
            Tensor states;
            if (library)
            {
                states = gru.Run(input, mask, reverse).States;
            }
            else
            {
                var h = torch.zeros([2, 4]);
                var all = new Tensor[5];
                for (var s = 0; s < 5; s++)
                {
                    var t = reverse ? 4 - s : s;
                    var gi = torch.nn.functional.linear(input.select(1, t), p["weight_ih"], p["bias_ih"]);
                    var next = GRUCell.ComposedStep(gi, torch.nn.functional.linear(h, p["weight_hh"], p["bias_hh"]), h);
                    h = h.add(next.sub(h).mul(mask.select(1, t).unsqueeze(1)));
                    all[t] = h;
                }

                states = torch.stack(all, 1);
            }

            states.pow(2).sum().backward();
            return [states.ToArray(), input.grad!.ToArray(), .. gru.parameters().Select(q => q.grad!.ToArray())];
        }

        foreach (var reverse in new[] { false, true })
        {
            var (lib, composed) = (Run(true, reverse), Run(false, reverse));
            for (var i = 0; i < lib.Length; i++)
            {
                Close(composed[i].Select(v => (double)v).ToArray(), lib[i], 1e-5);
            }
        }
    }
}
