using System.Buffers;
using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

/// <summary>
/// The recurrent cells' fused gates (Chapter 3, §3.2): one pass over [B, H] that keeps each unit's three gates in
/// registers, where the composed form made six chunk copies and ten elementwise passes per step forward and about
/// twice as many backward, each with its own allocation.
/// </summary>
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void GruGates(Storage gi, Storage gh, Storage h, int batch, int hidden, Storage y)
    {
        ReadOnlySpan<float> i = S(gi), g = S(gh), hs = S(h);
        var dst = S(y);
        var rzn = ArrayPool<float>.Shared.Rent(3 * hidden);
        for (var b = 0; b < batch; b++)
        {
            var (row, gates) = (b * hidden, b * 3 * hidden);
            Gates(i.Slice(gates, 3 * hidden), g.Slice(gates, 3 * hidden), rzn, hidden);
            for (var j = 0; j < hidden; j++)
            {
                var (z, n) = (rzn[hidden + j], rzn[(2 * hidden) + j]);
                dst[row + j] = ((1 - z) * n) + (z * hs[row + j]);
            }
        }

        ArrayPool<float>.Shared.Return(rzn);
        GC.KeepAlive(gi);
        GC.KeepAlive(gh);
        GC.KeepAlive(h);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void GruGatesBackward(Storage gi, Storage gh, Storage h, Storage gy, int batch, int hidden, Storage ggi, Storage ggh, Storage gh0)
    {
        ReadOnlySpan<float> i = S(gi), g = S(gh), hs = S(h), up = S(gy);
        Span<float> di = S(ggi), dg = S(ggh), dh = S(gh0);
        var rzn = ArrayPool<float>.Shared.Rent(3 * hidden);
        for (var b = 0; b < batch; b++)
        {
            var (row, gates) = (b * hidden, b * 3 * hidden);
            Gates(i.Slice(gates, 3 * hidden), g.Slice(gates, 3 * hidden), rzn, hidden);
            for (var j = 0; j < hidden; j++)
            {
                var (r_, z_, n_) = (gates + j, gates + hidden + j, gates + (2 * hidden) + j);
                var (r, z, n) = (rzn[j], rzn[hidden + j], rzn[(2 * hidden) + j]);
                var dy = up[row + j];
                // y = (1 − z) n + z h: ∂y/∂n = 1 − z, ∂y/∂z = h − n, ∂y/∂h = z.
                var dn = dy * (1 - z) * (1 - (n * n));              // through tanh
                var dz = dy * (hs[row + j] - n) * z * (1 - z);      // through σ
                var dr = dn * g[n_] * r * (1 - r);                  // n's pre-activation holds r ∘ gh_n
                di[r_] = dr;
                dg[r_] = dr;
                di[z_] = dz;
                dg[z_] = dz;
                di[n_] = dn;
                dg[n_] = dn * r;
                dh[row + j] = dy * z;
            }
        }

        ArrayPool<float>.Shared.Return(rzn);
        GC.KeepAlive(gi);
        GC.KeepAlive(gh);
        GC.KeepAlive(h);
        GC.KeepAlive(gy);
        GC.KeepAlive(ggi);
        GC.KeepAlive(ggh);
        GC.KeepAlive(gh0);
    }

    /// <summary>
    /// One row's gates into <paramref name="rzn"/> (r, then z, then n, H each) from its pre-activations
    /// <paramref name="gi"/> = W_i x + b_i and <paramref name="gh"/> = W_h h + b_h (each [r | z | n], 3H):
    /// r, z = σ(gi + gh), n = tanh(gi_n + r ∘ gh_n). Vectorized (TensorPrimitives' σ and tanh): the transcendental
    /// functions are most of the cell's pointwise cost, and scalar MathF calls took ~5× longer at H = 128.
    /// </summary>
    private static void Gates(ReadOnlySpan<float> gi, ReadOnlySpan<float> gh, Span<float> rzn, int hidden)
    {
        var rz = rzn[..(2 * hidden)];
        TensorPrimitives.Add(gi[..(2 * hidden)], gh[..(2 * hidden)], rz);
        TensorPrimitives.Sigmoid(rz, rz);
        var n = rzn.Slice(2 * hidden, hidden);
        TensorPrimitives.FusedMultiplyAdd(rzn[..hidden], gh.Slice(2 * hidden, hidden), gi.Slice(2 * hidden, hidden), n);
        TensorPrimitives.Tanh(n, n);
    }
}
