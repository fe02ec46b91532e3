using System.Buffers;
using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

/// <summary>
/// The LSTM cell's pointwise update as one kernel (Chapter 5, §5.4: the NTM's controller runs it once per time step,
/// at batch 1, where the composed form's dozen ops cost far more in dispatch and autograd nodes than in arithmetic).
/// </summary>
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void LstmCell(Storage gi, Storage gh, Storage c, int batch, int hidden, Storage gates, Storage hc)
    {
        ReadOnlySpan<float> a = S(gi), b = S(gh), cs = S(c);
        Span<float> g = S(gates), y = S(hc);
        // Vectorized σ and tanh (TensorPrimitives) over each row's gate blocks: the transcendental functions are most
        // of the cell's pointwise cost, and scalar MathF calls took ~5× longer at H = 128.
        TensorPrimitives.Add(a[..(batch * 4 * hidden)], b[..(batch * 4 * hidden)], g[..(batch * 4 * hidden)]);
        for (var r = 0; r < batch; r++)
        {
            int pre = r * 4 * hidden, state = r * hidden, outRow = r * 2 * hidden;
            var ifGates = g.Slice(pre, 2 * hidden);                 // input, forget
            TensorPrimitives.Sigmoid(ifGates, ifGates);
            var candidate = g.Slice(pre + (2 * hidden), hidden);
            TensorPrimitives.Tanh(candidate, candidate);
            var output = g.Slice(pre + (3 * hidden), hidden);
            TensorPrimitives.Sigmoid(output, output);
            Span<float> h = y.Slice(outRow, hidden), next = y.Slice(outRow + hidden, hidden);
            for (var j = 0; j < hidden; j++)
            {
                next[j] = (g[pre + hidden + j] * cs[state + j]) + (g[pre + j] * candidate[j]);
            }

            TensorPrimitives.Tanh(next, h);
            TensorPrimitives.Multiply(h, output, h);
        }

        GC.KeepAlive(gi);
        GC.KeepAlive(gh);
        GC.KeepAlive(c);
        GC.KeepAlive(gates);
        GC.KeepAlive(hc);
    }

    /// <inheritdoc/>
    public void LstmCellBackward(Storage gates, Storage c, Storage hc, Storage ghc, int batch, int hidden, Storage gPre, Storage gc)
    {
        ReadOnlySpan<float> g = S(gates), cs = S(c), y = S(hc), gy = S(ghc);
        Span<float> gp = S(gPre), gcs = S(gc);
        var tanhNexts = ArrayPool<float>.Shared.Rent(hidden);
        for (var r = 0; r < batch; r++)
        {
            int pre = r * 4 * hidden, state = r * hidden, outRow = r * 2 * hidden;
            TensorPrimitives.Tanh(y.Slice(outRow + hidden, hidden), tanhNexts.AsSpan(0, hidden));
            for (var j = 0; j < hidden; j++)
            {
                float input = g[pre + j], forget = g[pre + hidden + j], candidate = g[pre + (2 * hidden) + j], output = g[pre + (3 * hidden) + j];
                var tanhNext = tanhNexts[j];
                var gh = gy[outRow + j];
                // c' reaches the loss directly and through h' = o·tanh(c').
                var gNext = gy[outRow + hidden + j] + (gh * output * (1 - (tanhNext * tanhNext)));
                gp[pre + j] = gNext * candidate * input * (1 - input);
                gp[pre + hidden + j] = gNext * cs[state + j] * forget * (1 - forget);
                gp[pre + (2 * hidden) + j] = gNext * input * (1 - (candidate * candidate));
                gp[pre + (3 * hidden) + j] = gh * tanhNext * output * (1 - output);
                gcs[state + j] = gNext * forget;
            }
        }

        ArrayPool<float>.Shared.Return(tanhNexts);
        GC.KeepAlive(gates);
        GC.KeepAlive(c);
        GC.KeepAlive(hc);
        GC.KeepAlive(ghc);
        GC.KeepAlive(gPre);
        GC.KeepAlive(gc);
    }
}
