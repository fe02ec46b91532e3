using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// The recurrent cells' fused gates (Chapter 3, §3.2): one thread per hidden unit of each batch row, as the CPU loop.
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? gruGatesKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? gruGatesBackwardKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? attentionGruKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? attentionGruBackwardKernel;

    /// <inheritdoc/>
    public void GruGates(Storage gi, Storage gh, Storage h, int batch, int hidden, Storage y)
    {
        Launch(batch * hidden, () => Kernel(ref gruGatesKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(GruGatesKernel))(
            batch * hidden, V(gi), V(gh), V(h), V(y), hidden));
    }

    /// <inheritdoc/>
    public void GruGatesBackward(Storage gi, Storage gh, Storage h, Storage gy, int batch, int hidden, Storage ggi, Storage ggh, Storage gh0)
    {
        Launch(batch * hidden, () => Kernel(ref gruGatesBackwardKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(GruGatesBackwardKernel))(
            batch * hidden, V(gi), V(gh), V(h), V(gy), V(ggi), V(ggh), V(gh0), hidden));
    }

    /// <summary>y = (1 − z) n + z h for unit k = b·H + j; the gates of row b start at 3·H·b.</summary>
    private static void GruGatesKernel(Index1D k, ArrayView<float> gi, ArrayView<float> gh, ArrayView<float> h, ArrayView<float> y, int hidden)
    {
        int b = k / hidden, j = k - (b * hidden);
        long r_ = (3L * hidden * b) + j, z_ = r_ + hidden, n_ = z_ + hidden;
        var r = SigmoidOf(gi[r_] + gh[r_]);
        var z = SigmoidOf(gi[z_] + gh[z_]);
        var n = XMath.Tanh(gi[n_] + (r * gh[n_]));
        y[k] = ((1f - z) * n) + (z * h[k]);
    }

    /// <summary>The gradients of <see cref="GruGatesKernel"/>, the gates recomputed (see the CPU loop for the algebra).</summary>
    private static void GruGatesBackwardKernel(Index1D k, ArrayView<float> gi, ArrayView<float> gh, ArrayView<float> h, ArrayView<float> gy,
                                               ArrayView<float> ggi, ArrayView<float> ggh, ArrayView<float> gh0, int hidden)
    {
        int b = k / hidden, j = k - (b * hidden);
        long r_ = (3L * hidden * b) + j, z_ = r_ + hidden, n_ = z_ + hidden;
        var r = SigmoidOf(gi[r_] + gh[r_]);
        var z = SigmoidOf(gi[z_] + gh[z_]);
        var n = XMath.Tanh(gi[n_] + (r * gh[n_]));
        var dy = gy[k];
        var dn = dy * (1f - z) * (1f - (n * n));
        var dz = dy * (h[k] - n) * z * (1f - z);
        var dr = dn * gh[n_] * r * (1f - r);
        ggi[r_] = dr;
        ggh[r_] = dr;
        ggi[z_] = dz;
        ggh[z_] = dz;
        ggi[n_] = dn;
        ggh[n_] = dn * r;
        gh0[k] = dy * z;
    }

    /// <inheritdoc/>
    public void AttentionGruGates(Storage gi, Storage gh, Storage h, Storage g, int batch, int hidden, Storage y)
    {
        Launch(batch * hidden, () => Kernel(ref attentionGruKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(AttentionGruKernel))(
            batch * hidden, V(gi), V(gh), V(h), V(g), V(y), hidden));
    }

    /// <inheritdoc/>
    public void AttentionGruGatesBackward(Storage gi, Storage gh, Storage h, Storage g, Storage gy, int batch, int hidden,
                                          Storage ggi, Storage ggh, Storage gh0, Storage gg)
    {
        Launch(batch * hidden, () => Kernel(ref attentionGruBackwardKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(AttentionGruBackwardKernel))(
            batch, V(gi), V(gh), V(h), V(g), V(gy), V(ggi), V(ggh), V(gh0), V(gg), hidden));
    }

    /// <summary>y = h + g (h̃ − h) for unit k = b·H + j; the gates of row b start at 2·H·b.</summary>
    private static void AttentionGruKernel(Index1D k, ArrayView<float> gi, ArrayView<float> gh, ArrayView<float> h, ArrayView<float> g,
                                           ArrayView<float> y, int hidden)
    {
        int b = k / hidden, j = k - (b * hidden);
        long r_ = (2L * hidden * b) + j, c_ = r_ + hidden;
        var r = SigmoidOf(gi[r_] + gh[r_]);
        var candidate = XMath.Tanh(gi[c_] + (r * gh[c_]));
        y[k] = h[k] + (g[b] * (candidate - h[k]));
    }

    /// <summary>
    /// The gradients of <see cref="AttentionGruKernel"/>, one thread per batch row (the gate's gradient sums over the
    /// row's units); see the CPU loop for the algebra.
    /// </summary>
    private static void AttentionGruBackwardKernel(Index1D row, ArrayView<float> gi, ArrayView<float> gh, ArrayView<float> h, ArrayView<float> g,
                                                   ArrayView<float> gy, ArrayView<float> ggi, ArrayView<float> ggh, ArrayView<float> gh0,
                                                   ArrayView<float> gg, int hidden)
    {
        int b = row;
        var gb = g[b];
        var gateGrad = 0f;
        for (var j = 0; j < hidden; j++)
        {
            long k = ((long)b * hidden) + j, r_ = (2L * hidden * b) + j, c_ = r_ + hidden;
            var r = SigmoidOf(gi[r_] + gh[r_]);
            var candidate = XMath.Tanh(gi[c_] + (r * gh[c_]));
            var dy = gy[k];
            var dc = dy * gb * (1f - (candidate * candidate));
            var dr = dc * gh[c_] * r * (1f - r);
            ggi[r_] = dr;
            ggh[r_] = dr;
            ggi[c_] = dc;
            ggh[c_] = dc * r;
            gh0[k] = dy * (1f - gb);
            gateGrad += dy * (candidate - h[k]);
        }

        gg[b] = gateGrad;
    }
}
