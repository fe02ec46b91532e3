using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// The LSTM cell's pointwise update (Chapter 5, §5.4; the CPU version is Cpu/CpuBackend.Lstm.cs): one thread per
// (batch row, hidden unit), each reading its four gates and writing its h' and c' (and, backward, its four gate
// gradients and its c gradient), so no two threads write the same entry.
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? lstmCellKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? lstmCellBackwardKernel;

    /// <inheritdoc/>
    public void LstmCell(Storage gi, Storage gh, Storage c, int batch, int hidden, Storage gates, Storage hc)
    {
        Launch(batch * hidden, () => Kernel(ref lstmCellKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(LstmCellKernel))(
            batch * hidden, V(gi), V(gh), V(c), V(gates), V(hc), hidden));
    }

    /// <inheritdoc/>
    public void LstmCellBackward(Storage gates, Storage c, Storage hc, Storage ghc, int batch, int hidden, Storage gPre, Storage gc)
    {
        Launch(batch * hidden, () => Kernel(ref lstmCellBackwardKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(LstmCellBackwardKernel))(
            batch * hidden, V(gates), V(c), V(hc), V(ghc), V(gPre), V(gc), hidden));
    }

    private static float SigmoidOf(float v) => 1f / (1f + XMath.Exp(-v));

    /// <summary>Gates, c' and h' of one (row, unit); see <see cref="IBackend.LstmCell"/>.</summary>
    private static void LstmCellKernel(Index1D t, ArrayView<float> gi, ArrayView<float> gh, ArrayView<float> c, ArrayView<float> gates,
                                       ArrayView<float> hc, int hidden)
    {
        var r = t / hidden;
        var j = t - (r * hidden);
        var pre = (r * 4 * hidden) + j;
        var input = SigmoidOf(gi[pre] + gh[pre]);
        var forget = SigmoidOf(gi[pre + hidden] + gh[pre + hidden]);
        var candidate = XMath.Tanh(gi[pre + (2 * hidden)] + gh[pre + (2 * hidden)]);
        var output = SigmoidOf(gi[pre + (3 * hidden)] + gh[pre + (3 * hidden)]);
        gates[pre] = input;
        gates[pre + hidden] = forget;
        gates[pre + (2 * hidden)] = candidate;
        gates[pre + (3 * hidden)] = output;
        var next = (forget * c[t]) + (input * candidate);
        var outRow = (r * 2 * hidden) + j;
        hc[outRow] = output * XMath.Tanh(next);
        hc[outRow + hidden] = next;
    }

    /// <summary>The four gate gradients and the c gradient of one (row, unit); see <see cref="IBackend.LstmCellBackward"/>.</summary>
    private static void LstmCellBackwardKernel(Index1D t, ArrayView<float> gates, ArrayView<float> c, ArrayView<float> hc, ArrayView<float> ghc,
                                               ArrayView<float> gPre, ArrayView<float> gc, int hidden)
    {
        var r = t / hidden;
        var j = t - (r * hidden);
        var pre = (r * 4 * hidden) + j;
        var outRow = (r * 2 * hidden) + j;
        float input = gates[pre], forget = gates[pre + hidden], candidate = gates[pre + (2 * hidden)], output = gates[pre + (3 * hidden)];
        var tanhNext = XMath.Tanh(hc[outRow + hidden]);
        var gh = ghc[outRow];
        var gNext = ghc[outRow + hidden] + (gh * output * (1 - (tanhNext * tanhNext)));
        gPre[pre] = gNext * candidate * input * (1 - input);
        gPre[pre + hidden] = gNext * c[t] * forget * (1 - forget);
        gPre[pre + (2 * hidden)] = gNext * input * (1 - (candidate * candidate));
        gPre[pre + (3 * hidden)] = gh * tanhNext * output * (1 - output);
        gc[t] = gNext * forget;
    }
}
