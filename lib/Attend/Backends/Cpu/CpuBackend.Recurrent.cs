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
        for (var b = 0; b < batch; b++)
        {
            var (row, gates) = (b * hidden, b * 3 * hidden);
            for (var j = 0; j < hidden; j++)
            {
                var (r, z, n) = Gates(i, g, gates + j, hidden);
                dst[row + j] = ((1 - z) * n) + (z * hs[row + j]);
            }
        }

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
        for (var b = 0; b < batch; b++)
        {
            var (row, gates) = (b * hidden, b * 3 * hidden);
            for (var j = 0; j < hidden; j++)
            {
                var (r_, z_, n_) = (gates + j, gates + hidden + j, gates + (2 * hidden) + j);
                var (r, z, n) = Gates(i, g, r_, hidden);
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

        GC.KeepAlive(gi);
        GC.KeepAlive(gh);
        GC.KeepAlive(h);
        GC.KeepAlive(gy);
        GC.KeepAlive(ggi);
        GC.KeepAlive(ggh);
        GC.KeepAlive(gh0);
    }

    /// <inheritdoc/>
    public void AttentionGruGates(Storage gi, Storage gh, Storage h, Storage g, int batch, int hidden, Storage y)
    {
        ReadOnlySpan<float> i = S(gi), u = S(gh), hs = S(h), gate = S(g);
        var dst = S(y);
        for (var b = 0; b < batch; b++)
        {
            var (row, gates, gb) = (b * hidden, b * 2 * hidden, gate[b]);
            for (var j = 0; j < hidden; j++)
            {
                var r = Sigmoid(i[gates + j] + u[gates + j]);
                var candidate = MathF.Tanh(i[gates + hidden + j] + (r * u[gates + hidden + j]));
                dst[row + j] = hs[row + j] + (gb * (candidate - hs[row + j]));
            }
        }

        GC.KeepAlive(gi);
        GC.KeepAlive(gh);
        GC.KeepAlive(h);
        GC.KeepAlive(g);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void AttentionGruGatesBackward(Storage gi, Storage gh, Storage h, Storage g, Storage gy, int batch, int hidden,
                                         Storage ggi, Storage ggh, Storage gh0, Storage gg)
    {
        ReadOnlySpan<float> i = S(gi), u = S(gh), hs = S(h), gate = S(g), up = S(gy);
        Span<float> di = S(ggi), du = S(ggh), dh = S(gh0), dg = S(gg);
        for (var b = 0; b < batch; b++)
        {
            var (row, gates, gb) = (b * hidden, b * 2 * hidden, gate[b]);
            var gateGrad = 0f;
            for (var j = 0; j < hidden; j++)
            {
                var (r_, c_) = (gates + j, gates + hidden + j);
                var r = Sigmoid(i[r_] + u[r_]);
                var candidate = MathF.Tanh(i[c_] + (r * u[c_]));
                var dy = up[row + j];
                // y = h + g (h̃ − h): ∂y/∂h̃ = g, ∂y/∂h = 1 − g, ∂y/∂g = h̃ − h.
                var dc = dy * gb * (1 - (candidate * candidate)); // through tanh
                var dr = dc * u[c_] * r * (1 - r);                // h̃'s pre-activation holds r ∘ gh_h
                di[r_] = dr;
                du[r_] = dr;
                di[c_] = dc;
                du[c_] = dc * r;
                dh[row + j] = dy * (1 - gb);
                gateGrad += dy * (candidate - hs[row + j]);
            }

            dg[b] = gateGrad;
        }

        GC.KeepAlive(gi);
        GC.KeepAlive(gh);
        GC.KeepAlive(h);
        GC.KeepAlive(g);
        GC.KeepAlive(gy);
        GC.KeepAlive(ggi);
        GC.KeepAlive(ggh);
        GC.KeepAlive(gh0);
        GC.KeepAlive(gg);
    }

    /// <summary>r, z and n of one unit whose reset-gate entry is at <paramref name="at"/> (z and n follow H and 2H later).</summary>
    private static (float R, float Z, float N) Gates(ReadOnlySpan<float> gi, ReadOnlySpan<float> gh, int at, int hidden)
    {
        var r = Sigmoid(gi[at] + gh[at]);
        var z = Sigmoid(gi[at + hidden] + gh[at + hidden]);
        var n = MathF.Tanh(gi[at + (2 * hidden)] + (r * gh[at + (2 * hidden)]));
        return (r, z, n);
    }
}
