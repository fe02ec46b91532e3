using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    /// <remarks>
    /// One pass: each word's row is read from the table (small enough to stay in cache) and added, scaled, into its
    /// bag's sum; words of weight 0 (padding) are skipped. No [bags, l, width] temporary, which is what made the
    /// gather-then-sum form memory-bound (chapter 6: 1,600 sentences × 10 words × 4 tables of 50 per step).
    /// </remarks>
    public void EmbeddingBagSum(Storage table, int width, int[] index, Storage? weights, int bags, int l, Storage y)
    {
        ReadOnlySpan<float> t = S(table);
        ReadOnlySpan<float> w = weights is null ? default : S(weights);
        var dst = S(y);
        for (var o = 0; o < bags; o++)
        {
            var sum = dst.Slice(o * width, width);
            sum.Clear();
            for (var j = 0; j < l; j++)
            {
                var scale = weights is null ? 1f : w[(o * l) + j];
                if (scale != 0)
                {
                    TensorPrimitives.MultiplyAdd(t.Slice(index[(o * l) + j] * width, width), scale, sum, sum);
                }
            }
        }

        GC.KeepAlive(table);
        GC.KeepAlive(weights);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void EmbeddingBagSumBackward(Storage g, int width, int[] index, Storage? weights, int bags, int l, Storage grad)
    {
        ReadOnlySpan<float> src = S(g);
        ReadOnlySpan<float> w = weights is null ? default : S(weights);
        var dst = S(grad);
        for (var o = 0; o < bags; o++)
        {
            var bag = src.Slice(o * width, width);
            for (var j = 0; j < l; j++)
            {
                var scale = weights is null ? 1f : w[(o * l) + j];
                if (scale != 0)
                {
                    var row = dst.Slice(index[(o * l) + j] * width, width);
                    TensorPrimitives.MultiplyAdd(bag, scale, row, row);
                }
            }
        }

        GC.KeepAlive(g);
        GC.KeepAlive(weights);
        GC.KeepAlive(grad);
    }
}
