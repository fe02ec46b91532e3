using Attend.Modules;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>
/// Chapter 5, §5.4: the LSTM cell's pointwise update as one kernel (<c>LSTMCell.FusedStep</c>, which
/// <see cref="LSTMCell.forward"/> runs) gives the composed form's values and gradients, is gradchecked, and matches a step
/// worked by hand. Every input is drawn from the test's own generator.
/// </summary>
public class NnLstmCellFusedTests
{
    private static Tensor Both((Tensor H, Tensor C) step) => torch.cat([step.H, step.C], 1);

    [Fact]
    public void FusedStepMatchesTheComposedOps()
    {
        var g = new Generator(8201);
        var gi = torch.randn([3, 20], generator: g);
        var gh = torch.randn([3, 20], generator: g);
        var c = torch.randn([3, 5], generator: g);
        var upstream = torch.randn([3, 10], generator: g);

        (float[] Value, float[][] Grads) Run(Func<Tensor, Tensor, Tensor, (Tensor, Tensor)> step)
        {
            var leaves = new[] { gi, gh, c }.Select(x => x.detach().clone().requires_grad_()).ToArray();
            var y = Both(step(leaves[0], leaves[1], leaves[2]));
            y.mul(upstream).sum().backward();
            return (y.ToArray(), leaves.Select(l => l.grad!.ToArray()).ToArray());
        }

        var (fy, fg) = Run(LSTMCell.FusedStep);
        var (cy, cg) = Run(LSTMCell.Step);
        Close(cy.Select(v => (double)v).ToArray(), fy, 1e-6);
        for (var i = 0; i < 3; i++)
        {
            Close(cg[i].Select(v => (double)v).ToArray(), fg[i], 1e-5);
        }
    }

    [Fact]
    public void FusedStepPassesGradcheck()
    {
        var g = new Generator(8202);
        Tensor[] inputs = [torch.randn([2, 12], generator: g), torch.randn([2, 12], generator: g), torch.randn([2, 3], generator: g)];
        Assert.True(torch.autograd.gradcheck(x => Both(LSTMCell.FusedStep(x[0], x[1], x[2])), inputs.Select(x => x.requires_grad_()).ToArray()));
    }

    [Fact]
    public void FusedStepByHand()
    {
        // One unit: pre-activations (i, f, g, o) = (0, 0, 0, 0) + (ln 3, 0, 0, 0), c = 2.
        // σ(ln 3) = 3/4, σ(0) = 1/2, tanh(0) = 0: c' = ½·2 + ¾·0 = 1, h' = ½·tanh(1).
        var gi = torch.tensor(new[] { MathF.Log(3), 0f, 0f, 0f }, [1, 4]);
        var gh = torch.zeros([1, 4]);
        var (h, c) = LSTMCell.FusedStep(gi, gh, torch.tensor(new[] { 2f }, [1, 1]));
        Assert.Equal(1f, c.item(), 6);
        Assert.Equal(0.5f * MathF.Tanh(1), h.item(), 6);
    }

    [Fact]
    public void LstmCellForwardRunsTheFusedStepWithTheSameResultAsTheComposedOne()
    {
        var g = new Generator(8203);
        torch.manual_seed(8203);
        var cell = new LSTMCell(4, 6);
        var x = torch.randn([2, 4], generator: g);
        var h = torch.randn([2, 6], generator: g);
        var c = torch.randn([2, 6], generator: g);
        var (h1, c1) = cell.forward(x, (h, c));
        var (h2, c2) = LSTMCell.Step(x.matmul(cell.weight_ih.t()).add(cell.bias_ih!), h.matmul(cell.weight_hh.t()).add(cell.bias_hh!), c);
        Close(h2.ToArray().Select(v => (double)v).ToArray(), h1.ToArray(), 1e-6);
        Close(c2.ToArray().Select(v => (double)v).ToArray(), c1.ToArray(), 1e-6);
    }

    [Fact]
    public void FusedStepNamesMismatchedShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => LSTMCell.FusedStep(torch.zeros([2, 8]), torch.zeros([2, 8]), torch.zeros([2, 3])));
        Assert.Equal("gi", e.ParamName);
        Assert.Contains("[2, 3]", e.Message);
    }
}
