using Attend.Backends;
using Attend.Backends.Cpu;

namespace Attend.Tests;

/// <summary>
/// <c>torch.nn.functional.embedding_bag</c> (sum mode, 2-D input, per-sample weights), the op behind chapter 6's
/// sentence vectors: by hand, against embedding-then-weighted-sum, the CPU's one-pass kernels against the
/// interface's composed defaults, finite-difference gradients (table and weights), and bad input.
/// </summary>
public class EmbeddingBagTests
{
    [Fact]
    public void BagsSumTheirWeightedRowsByHand()
    {
        var table = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var ids = torch.tensor(new float[,] { { 2, 0, 2 }, { 1, 1, 0 } });
        var weights = torch.tensor(new float[,] { { 0.5f, 1, 2 }, { 1, -1, 0 } });
        // Bag 0: ½·[5, 6] + [1, 2] + 2·[5, 6] = [13.5, 17]; bag 1: [3, 4] − [3, 4] + 0 = [0, 0].
        Assert.Equal([13.5f, 17f, 0f, 0f], torch.nn.functional.embedding_bag(ids, table, weights).ToArray());
        Assert.Equal([11f, 14f, 7f, 10f], torch.nn.functional.embedding_bag(ids, table).ToArray()); // plain sums
    }

    [Fact]
    public void TheOnePassKernelsEqualTheComposedDefaults()
    {
        var g = new Generator(41);
        const int bags = 9, l = 6, num = 7, width = 13;           // 13: a vector body and a scalar tail
        var table = torch.randn([num, width], g).ToArray();
        var index = Enumerable.Range(0, bags * l).Select(_ => g.NextInt(0, num)).ToArray();
        var weights = torch.randn([bags * l], g).ToArray();
        weights[3] = 0;                                           // a skipped (padding) word
        var upstream = torch.randn([bags * width], g).ToArray();
        var backend = CpuBackend.Instance;
        foreach (var w in new[] { weights, null })
        {
            float[] Forward(bool composed)
            {
                var y = backend.Allocate(bags * width);
                var ws = w is null ? null : backend.FromHost(w);
                if (composed)
                {
                    IBackend.EmbeddingBagSumComposed(backend, backend.FromHost(table), width, index, ws, bags, l, y);
                }
                else
                {
                    backend.EmbeddingBagSum(backend.FromHost(table), width, index, ws, bags, l, y);
                }

                var result = new float[bags * width];
                backend.ToHost(y, result);
                return result;
            }

            float[] Backward(bool composed)
            {
                var grad = backend.FromHost(Enumerable.Repeat(0.25f, num * width).ToArray()); // accumulates into what is there
                var ws = w is null ? null : backend.FromHost(w);
                if (composed)
                {
                    IBackend.EmbeddingBagSumBackwardComposed(backend, backend.FromHost(upstream), width, index, ws, bags, l, grad);
                }
                else
                {
                    backend.EmbeddingBagSumBackward(backend.FromHost(upstream), width, index, ws, bags, l, grad);
                }

                var result = new float[num * width];
                backend.ToHost(grad, result);
                return result;
            }

            Assert.Equal(Forward(composed: true), Forward(composed: false), new Close(1e-5f));
            Assert.Equal(Backward(composed: true), Backward(composed: false), new Close(1e-5f));
        }
    }

    [Fact]
    public void ItEqualsEmbeddingThenAWeightedSumAndItsGradientsMatchFiniteDifferences()
    {
        var g = new Generator(43);
        var ids = torch.tensor(new float[,] { { 1, 4, 1, 0 }, { 3, 3, 2, 2 }, { 0, 0, 0, 0 } });
        var table = torch.randn([5, 3], g, requires_grad: true);
        var weights = torch.randn([3, 4], g, requires_grad: true);
        var bag = torch.nn.functional.embedding_bag(ids, table, weights);
        var reference = torch.nn.functional.embedding(ids, table).mul(weights.unsqueeze(2)).sum(1);
        Assert.Equal(reference.ToArray(), bag.ToArray(), new Close(1e-5f));

        Assert.True(torch.autograd.gradcheck(x => torch.nn.functional.embedding_bag(ids, x[0], x[1]), [table, weights]));
        Assert.True(torch.autograd.gradcheck(x => torch.nn.functional.embedding_bag(ids, x[0]), [table]));
    }

    [Fact]
    public void BadInputsGetErrorsNamingTheArgument()
    {
        var table = torch.zeros(4, 2);
        var ids = torch.tensor(new float[,] { { 1, 2 } });
        Assert.Equal("input", Assert.Throws<ArgumentOutOfRangeException>(() =>
            torch.nn.functional.embedding_bag(torch.tensor(new float[,] { { 1, 9 } }), table)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => torch.nn.functional.embedding_bag(torch.tensor([1f, 2f]), table)).ParamName);
        Assert.Equal("per_sample_weights", Assert.Throws<ArgumentException>(() =>
            torch.nn.functional.embedding_bag(ids, table, torch.ones(1, 3))).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentException>(() => torch.nn.functional.embedding_bag(ids, table, mode: "mean")).ParamName);
    }

    private sealed class Close(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance * (1 + MathF.Abs(x));

        public int GetHashCode(float obj) => 0;
    }
}
