using Attend.Dmn;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>
/// Chapter 7, §7.3: the attention GRU's fused step (one backend kernel forward, one backward) gives the values and
/// gradients of the composed ops it replaces, is right on one unit by hand (gradients included), passes a
/// finite-difference check, and refuses gates of the wrong size. Every input is drawn from the test's own generator.
/// </summary>
public class DmnAttentionGruTests
{
    [Fact]
    public void OneUnitByHand()
    {
        // gi = (0, 0.5), gh = (0, 1), h = 2, g = 0.25: r = σ(0) = 0.5, h̃ = tanh(0.5 + 0.5·1) = tanh 1,
        // y = 2 + 0.25 (tanh 1 − 2).
        var gi = torch.tensor([0f, 0.5f], [1, 2]).requires_grad_();
        var gh = torch.tensor([0f, 1f], [1, 2]).requires_grad_();
        var h = torch.tensor([2f], [1, 1]).requires_grad_();
        var g = torch.tensor([0.25f], [1]).requires_grad_();
        var y = AttentionGru.FusedStep(gi, gh, h, g);
        var tanh1 = MathF.Tanh(1);
        Assert.Equal(2f + (0.25f * (tanh1 - 2f)), y.item(), 6);

        y.sum().backward();
        // ∂y/∂h = 1 − g = 0.75; ∂y/∂g = h̃ − h = tanh 1 − 2; h̃'s pre-activation gets g (1 − tanh²1) in gi and r times
        // that in gh; r's pre-activation gets that times gh_h = 1 times σ'(0) = 0.25, in both.
        var dc = 0.25f * (1 - (tanh1 * tanh1));
        Assert.Equal(0.75f, h.grad!.item(), 6);
        Assert.Equal(tanh1 - 2f, g.grad!.item(), 6);
        Close([dc * 0.25, dc], gi.grad!.ToArray(), 1e-6);
        Close([dc * 0.25, dc * 0.5], gh.grad!.ToArray(), 1e-6);
    }

    [Fact]
    public void FusedStepMatchesTheComposedOps()
    {
        var gen = new Generator(3201);
        var (batch, hidden) = (4, 7);
        var inputs = new[]
        {
            torch.randn([batch, 2 * hidden], generator: gen), torch.randn([batch, 2 * hidden], generator: gen),
            torch.randn([batch, hidden], generator: gen), torch.rand([batch], generator: gen),
        };
        var upstream = torch.randn([batch, hidden], generator: gen);

        (float[] Value, float[][] Grads) Run(Func<Tensor, Tensor, Tensor, Tensor, Tensor> step)
        {
            var leaves = inputs.Select(x => x.detach().clone().requires_grad_()).ToArray();
            var y = step(leaves[0], leaves[1], leaves[2], leaves[3]);
            y.mul(upstream).sum().backward();
            return (y.ToArray(), leaves.Select(l => l.grad!.ToArray()).ToArray());
        }

        var (fy, fg) = Run(AttentionGru.FusedStep);
        var (cy, cg) = Run(AttentionGru.ComposedStep);
        Close(cy.Select(v => (double)v).ToArray(), fy, 1e-6);
        for (var i = 0; i < inputs.Length; i++)
        {
            Close(cg[i].Select(v => (double)v).ToArray(), fg[i], 1e-5);
        }
    }

    [Fact]
    public void FusedStepPassesGradcheck()
    {
        var gen = new Generator(3202);
        var (batch, hidden) = (3, 4);
        Tensor[] inputs =
        [
            torch.randn([batch, 2 * hidden], generator: gen).requires_grad_(), torch.randn([batch, 2 * hidden], generator: gen).requires_grad_(),
            torch.randn([batch, hidden], generator: gen).requires_grad_(), torch.rand([batch], generator: gen).requires_grad_(),
        ];
        Assert.True(torch.autograd.gradcheck(x => AttentionGru.FusedStep(x[0], x[1], x[2], x[3]), inputs, eps: 1e-3f));
    }

    [Fact]
    public void AnEpisodeAgreesWithTheComposedStepsFactByFact()
    {
        // The layer (fused steps, inputs cut by unbind) against a loop of composed steps over the same weights:
        // the context and the gradients to the facts, the gates and every weight.
        var gen = new Generator(3203);
        var cell = new AttentionGru(3, 5, generator: gen);
        var facts = torch.randn([2, 4, 3], generator: gen);
        var gates = torch.randn([2, 4], generator: gen).softmax(1);

        (float[] Context, float[][] Grads) Run(bool fused)
        {
            cell.zero_grad();
            var f = facts.detach().clone().requires_grad_();
            var g = gates.detach().clone().requires_grad_();
            Tensor c;
            if (fused)
            {
                c = cell.forward(f, g);
            }
            else
            {
                c = torch.zeros([2, 5]);
                for (var i = 0; i < 4; i++)
                {
                    var gi = torch.nn.functional.linear(f.select(1, i), cell.weight_ih, cell.bias_ih);
                    c = AttentionGru.ComposedStep(gi, torch.nn.functional.linear(c, cell.weight_hh, cell.bias_hh), c, g.select(1, i));
                }
            }

            c.pow(2).sum().backward();
            return (c.ToArray(), [f.grad!.ToArray(), g.grad!.ToArray(), .. cell.parameters().Select(p => p.grad!.ToArray())]);
        }

        var (fc, fg) = Run(fused: true);
        var (cc, cg) = Run(fused: false);
        Close(cc.Select(v => (double)v).ToArray(), fc, 1e-6);
        for (var i = 0; i < fg.Length; i++)
        {
            Close(cg[i].Select(v => (double)v).ToArray(), fg[i], 1e-5);
        }
    }

    [Fact]
    public void GatesOfTheWrongSizeAreRefusedWithTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => AttentionGru.FusedStep(torch.zeros(2, 6), torch.zeros(2, 4), torch.zeros(2, 2), torch.zeros(2)));
        Assert.Equal("gi", e.ParamName);
        Assert.Contains("[2, 4]", e.Message);
        Assert.Contains("[2, 6]", e.Message);
        var g = Assert.Throws<ArgumentException>(() => AttentionGru.FusedStep(torch.zeros(2, 4), torch.zeros(2, 4), torch.zeros(2, 2), torch.zeros(3)));
        Assert.Equal("g", g.ParamName);
        Assert.Contains("[3]", g.Message);
    }
}
