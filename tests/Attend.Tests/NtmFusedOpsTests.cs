using Attend.Ntm;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

/// <summary>
/// Chapter 5, §5.6 ("Making it fast"): the NTM's fused kernels (cosine similarity of every memory row with the key,
/// the erase-and-add write, the read, the circular shift, the sharpening) give the same values and gradients as the
/// composed ops they replace, written out here op for op as the chapter derives them. Every input is drawn from the
/// test's own generator.
/// </summary>
public class NtmFusedOpsTests
{
    private static Tensor ComposedSimilarity(Tensor memory, Tensor key)
    {
        var dot = memory.bmm(key.unsqueeze(2)).squeeze(2);
        var rowNorms = memory.mul(memory).sum(2);
        var keyNorm = key.mul(key).sum(1, keepdim: true);
        var eps = Addressing.CosineEpsilon;
        return dot.div(rowNorms.mul(keyNorm).clamp(min: eps * eps).sqrt());
    }

    private static Tensor ComposedWrite(Tensor memory, Tensor w, Tensor erase, Tensor add)
    {
        var column = w.unsqueeze(2);
        return memory.mul(column.bmm(erase.unsqueeze(1)).rsub(1)).add(column.bmm(add.unsqueeze(1)));
    }

    private static Tensor ComposedShift(Tensor w, Tensor s)
    {
        var half = (s.size(1) - 1) / 2;
        var shifted = Enumerable.Range(0, s.size(1)).Select(c => w.roll(c - half, 1)).ToArray();
        return torch.stack(shifted, 2).mul(s.unsqueeze(1)).sum(2);
    }

    private static Tensor ComposedSharpen(Tensor w, Tensor gamma)
    {
        Tensor largest;
        using (torch.no_grad())
        {
            largest = w.max(1, keepdim: true).Values.clamp(min: Addressing.SharpenEpsilon);
        }

        var powered = w.div(largest).add(Addressing.SharpenEpsilon).log().mul(gamma).exp();
        return powered.div(powered.sum(1, keepdim: true));
    }

    /// <summary>Runs <paramref name="f"/> on fresh leaf copies of <paramref name="inputs"/>, backward with weights <paramref name="upstream"/>.</summary>
    private static (float[] Value, float[][] Grads) ValueAndGrads(Func<Tensor[], Tensor> f, Tensor upstream, Tensor[] inputs)
    {
        var leaves = inputs.Select(x => x.detach().clone().requires_grad_()).ToArray();
        var y = f(leaves);
        y.mul(upstream).sum().backward();
        return (y.ToArray(), leaves.Select(l => l.grad!.ToArray()).ToArray());
    }

    private static void SameValuesAndGradients(Func<Tensor[], Tensor> fused, Func<Tensor[], Tensor> composed, Generator g, params Tensor[] inputs)
    {
        var shape = fused(inputs).shape;
        var upstream = torch.randn(shape, generator: g);
        var (fy, fg) = ValueAndGrads(fused, upstream, inputs);
        var (cy, cg) = ValueAndGrads(composed, upstream, inputs);
        Close(cy.Select(v => (double)v).ToArray(), fy, 1e-5);
        for (var i = 0; i < inputs.Length; i++)
        {
            Close(cg[i].Select(v => (double)v).ToArray(), fg[i], 1e-4);
        }
    }

    [Fact]
    public void FusedSimilarityMatchesTheComposedOps()
    {
        var g = new Generator(8101);
        var memory = torch.randn([3, 7, 5], generator: g);
        var key = torch.randn([3, 5], generator: g);
        SameValuesAndGradients(x => Addressing.Similarity(x[0], x[1]), x => ComposedSimilarity(x[0], x[1]), g, memory, key);
    }

    [Fact]
    public void FusedSimilarityMatchesTheComposedOpsAtZeroRowsAndKeys()
    {
        // Batch entry 0 has an all-zero memory row, entry 1 a zero key: the clamp's branch, where the norm term has no slope.
        var g = new Generator(8102);
        var m = torch.randn([2, 4, 3], generator: g).ToArray();
        Array.Clear(m, 3, 3);
        var k = torch.randn([2, 3], generator: g).ToArray();
        Array.Clear(k, 3, 3);
        SameValuesAndGradients(x => Addressing.Similarity(x[0], x[1]), x => ComposedSimilarity(x[0], x[1]), g,
                               torch.tensor(m, [2, 4, 3]), torch.tensor(k, [2, 3]));
    }

    [Fact]
    public void FusedWriteMatchesTheComposedOps()
    {
        var g = new Generator(8103);
        var memory = torch.randn([3, 6, 4], generator: g);
        var w = torch.randn([3, 6], generator: g).softmax(1);
        var erase = torch.randn([3, 4], generator: g).sigmoid();
        var add = torch.randn([3, 4], generator: g);
        SameValuesAndGradients(x => NtmMemory.Write(x[0], x[1], x[2], x[3]), x => ComposedWrite(x[0], x[1], x[2], x[3]), g, memory, w, erase, add);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void FusedShiftMatchesTheComposedOps(int shifts)
    {
        var g = new Generator(8104 + shifts);
        var w = torch.randn([2, 7], generator: g).softmax(1);
        var s = torch.randn([2, shifts], generator: g).softmax(1);
        SameValuesAndGradients(x => torch.circular_conv(x[0], x[1]), x => ComposedShift(x[0], x[1]), g, w, s);
    }

    [Fact]
    public void FusedSharpenMatchesTheComposedOps()
    {
        var g = new Generator(8106);
        var w = torch.randn([3, 9], generator: g).mul(2f).softmax(1);
        var gamma = torch.rand([3, 1], g).mul(4f).add(1f);
        SameValuesAndGradients(x => Addressing.Sharpen(x[0], x[1]), x => ComposedSharpen(x[0], x[1]), g, w, gamma);
    }

    [Fact]
    public void FusedReadMatchesTheComposedOps()
    {
        var g = new Generator(8107);
        var memory = torch.randn([3, 6, 4], generator: g);
        var w = torch.randn([3, 6], generator: g).softmax(1);
        SameValuesAndGradients(x => NtmMemory.Read(x[0], x[1]), x => x[1].unsqueeze(1).bmm(x[0]).squeeze(1), g, memory, w);
    }

    [Fact]
    public void FusedOpsGradcheckAtTheirOwnSizes()
    {
        var g = new Generator(8105);
        NnTestHelpers.GradCheck(x => Addressing.Similarity(x[0], x[1]), Leaf(g, 2, 5, 4), Leaf(g, 2, 4));
        NnTestHelpers.GradCheck(x => torch.circular_conv(x[0], x[1]), Leaf(g, 2, 6), Leaf(g, 2, 5));
        NnTestHelpers.GradCheck(x => NtmMemory.Write(x[0], x[1], x[2], x[3]), Leaf(g, 2, 5, 3), Leaf(g, 2, 5), Leaf(g, 2, 3), Leaf(g, 2, 3));
        NnTestHelpers.GradCheck(x => NtmMemory.Read(x[0], x[1]), Leaf(g, 2, 5, 3), Leaf(g, 2, 5));
        var positive = torch.rand([2, 6], g).add(0.1f).requires_grad_();
        var gamma = torch.rand([2, 1], g).add(1f).requires_grad_();
        NnTestHelpers.GradCheck(x => Addressing.Sharpen(x[0], x[1]), positive, gamma);
    }
}
