using Attend.Backends;
using Attend.Backends.Cpu;

namespace Attend.Tests;

/// <summary>
/// The one-pass optimizer updates (IBackend.AddScaled behind add_ with alpha, addcmul_ and addcdiv_): the CPU's
/// fused loop and the interface's default (composed) implementation against the formula y + (value·a) op b.
/// </summary>
public class FusedUpdateTests
{
    public static TheoryData<int> Lengths => new() { 1, 7, 8, 33, 1000 }; // vector bodies and scalar tails

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FusedAndComposedKernelsMatchTheFormula(int count)
    {
        var backend = CpuBackend.Instance;
        foreach (var composed in new[] { false, true })
        {
            foreach (var op in new BinaryOp?[] { null, BinaryOp.Mul, BinaryOp.Div })
            {
                var a = Random(count, 1);
                var b = Random(count, 2).Select(v => v + 2f).ToArray(); // away from 0 for the division
                var y = Random(count, 3);
                var ys = backend.FromHost(y);
                var (sa, sb) = (backend.FromHost(a), op is null ? null : backend.FromHost(b));
                if (composed)
                {
                    IBackend.AddScaledComposed(backend, sa, sb, op ?? BinaryOp.Mul, 0.3f, ys, count); // the interface's default
                }
                else
                {
                    backend.AddScaled(sa, sb, op ?? BinaryOp.Mul, 0.3f, ys, count); // the CPU's fused loop
                }

                var result = new float[count];
                backend.ToHost(ys, result);
                for (var i = 0; i < count; i++)
                {
                    var term = 0.3 * a[i];
                    var expected = y[i] + (op switch { null => term, BinaryOp.Mul => term * b[i], _ => term / b[i] });
                    Assert.True(Math.Abs(result[i] - expected) <= 1e-6 * (1 + Math.Abs(expected)),
                                $"{(composed ? "composed" : "fused")} {op?.ToString() ?? "axpy"} [{i}]: {result[i]} vs {expected}");
                }
            }
        }
    }

    [Fact]
    public void InPlaceUpdatesAgreeOnTheFusedAndBroadcastPaths()
    {
        torch.manual_seed(5);
        var x = torch.randn(4, 6);
        var t1 = torch.randn(4, 6);
        var row = torch.rand(1, 6).add(1f);
        var full = row.expand(4, 6).clone();

        // Same-shape operands take the fused pass; a broadcast [1, 6] operand takes the composed path.
        AssertClose(x.clone().addcmul_(t1, full, 0.5f), x.clone().addcmul_(t1, row, 0.5f));
        AssertClose(x.clone().addcdiv_(t1, full, -2f), x.clone().addcdiv_(t1, row, -2f));
        AssertClose(x.clone().add_(full, 0.25f), x.clone().add_(row, 0.25f));
        AssertClose(x.clone().sub_(full, 0.25f), x.add(full.mul(-0.25f)));
    }

    [Fact]
    public void ScalarDivisionInPlaceIsATrueDivision()
    {
        var x = torch.tensor(new float[] { 3f, 1f, 10f, 0.7f });
        var expected = new[] { 3f / 3f, 1f / 3f, 10f / 3f, 0.7f / 3f };
        Assert.Equal(expected, x.div_(3f).ToArray());
    }

    [Fact]
    public void FusedUpdatesStillRefuseATensorThatRecordsGradients()
    {
        var w = torch.randn(3, 3).requires_grad_();
        var g = torch.randn(3, 3);
        var error = Assert.Throws<InvalidOperationException>(() => w.addcmul_(g, g, 0.1f));
        Assert.Contains("addcmul_", error.Message);
        Assert.Throws<InvalidOperationException>(() => w.add_(g, 0.1f));
        using (torch.no_grad())
        {
            w.add_(g, 0.1f); // allowed without recording
        }
    }

    private static void AssertClose(Tensor actual, Tensor expected)
    {
        var a = actual.ToArray();
        var e = expected.ToArray();
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - e[i]) <= 1e-6f * (1 + Math.Abs(e[i])), $"[{i}]: {a[i]} vs {e[i]}");
        }
    }

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
