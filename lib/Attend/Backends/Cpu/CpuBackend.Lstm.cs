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
        for (var r = 0; r < batch; r++)
        {
            int pre = r * 4 * hidden, state = r * hidden, outRow = r * 2 * hidden;
            for (var j = 0; j < hidden; j++)
            {
                var input = Sigmoid(a[pre + j] + b[pre + j]);
                var forget = Sigmoid(a[pre + hidden + j] + b[pre + hidden + j]);
                var candidate = MathF.Tanh(a[pre + (2 * hidden) + j] + b[pre + (2 * hidden) + j]);
                var output = Sigmoid(a[pre + (3 * hidden) + j] + b[pre + (3 * hidden) + j]);
                g[pre + j] = input;
                g[pre + hidden + j] = forget;
                g[pre + (2 * hidden) + j] = candidate;
                g[pre + (3 * hidden) + j] = output;
                var next = (forget * cs[state + j]) + (input * candidate);
                y[outRow + j] = output * MathF.Tanh(next);
                y[outRow + hidden + j] = next;
            }
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
        for (var r = 0; r < batch; r++)
        {
            int pre = r * 4 * hidden, state = r * hidden, outRow = r * 2 * hidden;
            for (var j = 0; j < hidden; j++)
            {
                float input = g[pre + j], forget = g[pre + hidden + j], candidate = g[pre + (2 * hidden) + j], output = g[pre + (3 * hidden) + j];
                var tanhNext = MathF.Tanh(y[outRow + hidden + j]);
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

        GC.KeepAlive(gates);
        GC.KeepAlive(c);
        GC.KeepAlive(hc);
        GC.KeepAlive(ghc);
        GC.KeepAlive(gPre);
        GC.KeepAlive(gc);
    }

    private static float Sigmoid(float v) => 1f / (1f + MathF.Exp(-v));
}
