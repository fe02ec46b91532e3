using Attend.Ntm;
using static Attend.Tests.NnTestHelpers;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>Chapter 5's memory: read and write by hand on 4 slots, gradchecks, bad shapes.</summary>
public class NtmMemoryTests
{
    private static Tensor Memory4() => torch.tensor(new float[] { 1, 0, 0, 1, 1, 1, 0, 0 }, [1, 4, 2]);

    private static Tensor Row(params float[] values) => torch.tensor(values, [1, values.Length]);

    [Fact]
    public void ReadIsTheWeightedSumOfRows()
    {
        // r = 0.5·(1, 0) + 0.25·(0, 1) + 0.25·(1, 1) + 0·(0, 0) = (0.75, 0.5).
        Close([0.75, 0.5], NtmMemory.Read(Memory4(), Row(0.5f, 0.25f, 0.25f, 0)).ToArray(), 1e-6);
    }

    [Fact]
    public void WriteErasesThenAdds()
    {
        // w = (1, 0, ½, 0), e = (1, 0), a = (0, 2):
        // row 0: (1·(1 − 1), 0·(1 − 0)) + 1·(0, 2) = (0, 2); row 1 untouched; row 2: (1·(1 − ½), 1) + ½·(0, 2) = (½, 2).
        var written = NtmMemory.Write(Memory4(), Row(1, 0, 0.5f, 0), Row(1, 0), Row(0, 2));
        Close([0, 2, 0, 1, 0.5, 2, 0, 0], written.ToArray(), 1e-6);
    }

    [Fact]
    public void ReadAndWriteGradcheck()
    {
        var g = new Generator(601);
        var memory = Leaf(g, 2, 5, 3);
        var w = Leaf(g, 2, 5).softmax(1).detach().requires_grad_();
        var erase = Leaf(g, 2, 3).sigmoid().detach().requires_grad_();
        var add = Leaf(g, 2, 3);
        NnTestHelpers.GradCheck(x => NtmMemory.Read(x[0], x[1]), memory, w);
        NnTestHelpers.GradCheck(x => NtmMemory.Write(x[0], x[1], x[2], x[3]), memory, w, erase, add);
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        Throws(() => NtmMemory.Read(Memory4(), Row(0.5f, 0.5f)), "weighting", "[1, 4]", "[1, 2]");
        Throws(() => NtmMemory.Write(Memory4(), Row(1, 0, 0, 0), Row(1, 0, 0), Row(0, 1)), "erase", "[1, 2]", "memory width M = 2", "[1, 3]");
        Throws(() => NtmMemory.Read(torch.zeros(4, 2), Row(1, 0, 0, 0)), "memory", "[B, N, M]", "[4, 2]");
    }
}
