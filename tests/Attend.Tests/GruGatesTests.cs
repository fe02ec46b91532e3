using Attend.Modules;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>
/// Chapter 3, §3.2: the GRU cell's fused gates (one backend kernel forward, one backward) give the values and
/// gradients of the composed ops they replace, match a step computed by hand, and pass a finite-difference check.
/// Every input is drawn from the test's own generator.
/// </summary>
public class GruGatesTests
{
    [Fact]
    public void OneUnitByHand()
    {
        // gi = (0, 0, 0.5), gh = (0, 0, 1), h = 2: r = z = σ(0) = 0.5, n = tanh(0.5 + 0.5·1) = tanh 1,
        // y = (1 − 0.5)·tanh 1 + 0.5·2 = 1.3807971.
        var gi = torch.tensor([0f, 0f, 0.5f], [1, 3]).requires_grad_();
        var gh = torch.tensor([0f, 0f, 1f], [1, 3]).requires_grad_();
        var h = torch.tensor([2f], [1, 1]).requires_grad_();
        var y = GRUCell.Step(gi, gh, h);
        var tanh1 = MathF.Tanh(1);
        Assert.Equal(0.5f * tanh1 + 1f, y.item(), 6);

        y.sum().backward();
        // ∂y/∂h = z = 0.5. ∂y/∂n = 1 − z = 0.5, so the n pre-activation gets 0.5(1 − tanh²1) in gi and r times that in gh.
        // ∂y/∂z = h − n = 2 − tanh 1, times σ' = 0.25. ∂y/∂r = 0.5(1 − tanh²1)·gh_n = …·1, times σ' = 0.25.
        var dn = 0.5f * (1 - (tanh1 * tanh1));
        Assert.Equal(0.5f, h.grad!.item(), 6);
        Close([dn * 0.25, (2 - tanh1) * 0.25, dn], gi.grad!.ToArray(), 1e-6);
        Close([dn * 0.25, (2 - tanh1) * 0.25, dn * 0.5], gh.grad!.ToArray(), 1e-6);
    }

    [Fact]
    public void FusedStepMatchesTheComposedOps()
    {
        var g = new Generator(3101);
        var (batch, hidden) = (4, 7);
        var inputs = new[] { torch.randn([batch, 3 * hidden], generator: g), torch.randn([batch, 3 * hidden], generator: g), torch.randn([batch, hidden], generator: g) };
        var upstream = torch.randn([batch, hidden], generator: g);

        (float[] Value, float[][] Grads) Run(Func<Tensor, Tensor, Tensor, Tensor> step)
        {
            var leaves = inputs.Select(x => x.detach().clone().requires_grad_()).ToArray();
            var y = step(leaves[0], leaves[1], leaves[2]);
            y.mul(upstream).sum().backward();
            return (y.ToArray(), leaves.Select(l => l.grad!.ToArray()).ToArray());
        }

        var (fy, fg) = Run(GRUCell.Step);
        var (cy, cg) = Run(GRUCell.ComposedStep);
        Close(cy.Select(v => (double)v).ToArray(), fy, 1e-6);
        for (var i = 0; i < inputs.Length; i++)
        {
            Close(cg[i].Select(v => (double)v).ToArray(), fg[i], 1e-5);
        }
    }

    [Fact]
    public void FusedStepPassesGradcheck()
    {
        var g = new Generator(3102);
        var (batch, hidden) = (3, 4);
        Tensor[] inputs = [torch.randn([batch, 3 * hidden], generator: g).requires_grad_(), torch.randn([batch, 3 * hidden], generator: g).requires_grad_(),
                           torch.randn([batch, hidden], generator: g).requires_grad_()];
        Assert.True(torch.autograd.gradcheck(x => GRUCell.Step(x[0], x[1], x[2]), inputs, eps: 1e-3f));
    }

    [Fact]
    public void AGruCellAndAGruLayerUseTheFusedGatesAndStillAgreeStepByStep()
    {
        var g = new Generator(3103);
        var cell = torch.nn.GRUCell(3, 5);
        InitFrom(g, 3, cell);
        var x = torch.randn([2, 3], generator: g);
        var h = torch.randn([2, 5], generator: g);
        var composed = GRUCell.ComposedStep(x.matmul(cell.weight_ih.T).add(cell.bias_ih!), h.matmul(cell.weight_hh.T).add(cell.bias_hh!), h);
        Close(composed.ToArray().Select(v => (double)v).ToArray(), cell.forward(x, h).ToArray(), 1e-6);
    }

    [Fact]
    public void GatesOfTheWrongSizeAreRefusedWithTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => GRUCell.Step(torch.zeros(2, 9), torch.zeros(2, 6), torch.zeros(2, 2)));
        Assert.Contains("[2, 6]", e.Message);
        Assert.Contains("[2, 9]", e.Message);
    }
}
