namespace Attend.Backends.Cpu;

/// <summary>
/// The Neural Turing Machine's fused kernels (Chapter 5, §5.1–5.2): plain loops over short rows (M = 20, K = 3 in the
/// paper's model), where one pass that keeps a row in registers beats the several full passes over [B, N, M] and the
/// per-call overhead of vectorized helpers on 20-float rows that the composed ops paid.
/// </summary>
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void RowCosine(Storage memory, Storage key, int batch, int n, int m, float eps, Storage y)
    {
        ReadOnlySpan<float> mem = S(memory), k = S(key);
        var dst = S(y);
        var eps2 = eps * eps;
        for (var b = 0; b < batch; b++)
        {
            var kb = k.Slice(b * m, m);
            var keyNorm = Dot(kb, kb);
            for (var i = 0; i < n; i++)
            {
                var row = mem.Slice(((b * n) + i) * m, m);
                float dot = 0, rowNorm = 0;
                for (var j = 0; j < m; j++)
                {
                    dot += row[j] * kb[j];
                    rowNorm += row[j] * row[j];
                }

                dst[(b * n) + i] = dot / MathF.Sqrt(MathF.Max(keyNorm * rowNorm, eps2));
            }
        }

        GC.KeepAlive(memory);
        GC.KeepAlive(key);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void RowCosineBackward(Storage memory, Storage key, Storage gy, int batch, int n, int m, float eps, Storage gMemory, Storage gKey)
    {
        ReadOnlySpan<float> mem = S(memory), k = S(key), g = S(gy);
        Span<float> gm = S(gMemory), gk = S(gKey);
        var eps2 = eps * eps;
        for (var b = 0; b < batch; b++)
        {
            var kb = k.Slice(b * m, m);
            var gkb = gk.Slice(b * m, m);
            gkb.Clear();
            var keyNorm = Dot(kb, kb);
            float normTerm = 0;   // Σ_i c_i ‖M_i‖², the part of ∂/∂k that comes through ‖k‖
            for (var i = 0; i < n; i++)
            {
                var at = ((b * n) + i) * m;
                var row = mem.Slice(at, m);
                var grow = gm.Slice(at, m);
                float dot = 0, rowNorm = 0;
                for (var j = 0; j < m; j++)
                {
                    dot += row[j] * kb[j];
                    rowNorm += row[j] * row[j];
                }

                var p = keyNorm * rowNorm;
                var q = MathF.Max(p, eps2);
                var den = MathF.Sqrt(q);
                var gi = g[(b * n) + i];
                var direct = gi / den;                               // ∂y/∂(k·M_i) · gy
                // ∂y/∂p = −½ · dot / den³ where the clamp is inactive, 0 where it clamps (a zero vector).
                var c = p > eps2 ? -gi * dot / (q * den) : 0f;      // 2 · ∂y/∂p · gy
                var rowScale = c * keyNorm;
                for (var j = 0; j < m; j++)
                {
                    grow[j] = (direct * kb[j]) + (rowScale * row[j]);
                    gkb[j] += direct * row[j];
                }

                normTerm += c * rowNorm;
            }

            for (var j = 0; j < m; j++)
            {
                gkb[j] += normTerm * kb[j];
            }
        }

        GC.KeepAlive(memory);
        GC.KeepAlive(key);
        GC.KeepAlive(gy);
        GC.KeepAlive(gMemory);
        GC.KeepAlive(gKey);
    }

    /// <inheritdoc/>
    public void CircularConv(Storage w, Storage s, int batch, int n, int k, Storage y)
    {
        ReadOnlySpan<float> ws = S(w), ss = S(s);
        var dst = S(y);
        var half = (k - 1) / 2;
        for (var b = 0; b < batch; b++)
        {
            var wb = ws.Slice(b * n, n);
            var sb = ss.Slice(b * k, k);
            var yb = dst.Slice(b * n, n);
            yb.Clear();
            for (var c = 0; c < k; c++)
            {
                // y[i] += s[c] · w[(i − shift) mod N], shift = c − half: two contiguous runs instead of a modulo per entry.
                var shift = Mod(c - half, n);
                var sc = sb[c];
                for (var i = 0; i < shift; i++)
                {
                    yb[i] += sc * wb[i - shift + n];
                }

                for (var i = shift; i < n; i++)
                {
                    yb[i] += sc * wb[i - shift];
                }
            }
        }

        GC.KeepAlive(w);
        GC.KeepAlive(s);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void CircularConvBackward(Storage w, Storage s, Storage gy, int batch, int n, int k, Storage gw, Storage gs)
    {
        ReadOnlySpan<float> ws = S(w), ss = S(s), g = S(gy);
        Span<float> gwAll = S(gw), gsAll = S(gs);
        var half = (k - 1) / 2;
        for (var b = 0; b < batch; b++)
        {
            var wb = ws.Slice(b * n, n);
            var sb = ss.Slice(b * k, k);
            var gb = g.Slice(b * n, n);
            var gwb = gwAll.Slice(b * n, n);
            gwb.Clear();
            for (var c = 0; c < k; c++)
            {
                // y[i] = Σ_c s[c] w[j] with j = (i − shift) mod N, so ∂/∂w[j] += s[c] gy[i] and ∂/∂s[c] = Σ_i gy[i] w[j].
                var shift = Mod(c - half, n);
                var sc = sb[c];
                float gsc = 0;
                for (var i = 0; i < shift; i++)
                {
                    gwb[i - shift + n] += sc * gb[i];
                    gsc += gb[i] * wb[i - shift + n];
                }

                for (var i = shift; i < n; i++)
                {
                    gwb[i - shift] += sc * gb[i];
                    gsc += gb[i] * wb[i - shift];
                }

                gsAll[(b * k) + c] = gsc;
            }
        }

        GC.KeepAlive(w);
        GC.KeepAlive(s);
        GC.KeepAlive(gy);
        GC.KeepAlive(gw);
        GC.KeepAlive(gs);
    }

    /// <inheritdoc/>
    public void EraseAdd(Storage memory, Storage w, Storage e, Storage a, int batch, int n, int m, Storage y)
    {
        ReadOnlySpan<float> mem = S(memory), wAll = S(w), eAll = S(e), aAll = S(a);
        var dst = S(y);
        for (var b = 0; b < batch; b++)
        {
            var eb = eAll.Slice(b * m, m);
            var ab = aAll.Slice(b * m, m);
            for (var i = 0; i < n; i++)
            {
                var at = ((b * n) + i) * m;
                var wi = wAll[(b * n) + i];
                var row = mem.Slice(at, m);
                var yrow = dst.Slice(at, m);
                for (var j = 0; j < m; j++)
                {
                    yrow[j] = (row[j] * (1 - (wi * eb[j]))) + (wi * ab[j]);
                }
            }
        }

        GC.KeepAlive(memory);
        GC.KeepAlive(w);
        GC.KeepAlive(e);
        GC.KeepAlive(a);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void EraseAddBackward(Storage memory, Storage w, Storage e, Storage a, Storage gy, int batch, int n, int m,
                                 Storage gMemory, Storage gw, Storage ge, Storage ga)
    {
        ReadOnlySpan<float> mem = S(memory), wAll = S(w), eAll = S(e), aAll = S(a), g = S(gy);
        Span<float> gm = S(gMemory), gwAll = S(gw), geAll = S(ge), gaAll = S(ga);
        for (var b = 0; b < batch; b++)
        {
            var eb = eAll.Slice(b * m, m);
            var ab = aAll.Slice(b * m, m);
            var geb = geAll.Slice(b * m, m);
            var gab = gaAll.Slice(b * m, m);
            geb.Clear();
            gab.Clear();
            for (var i = 0; i < n; i++)
            {
                var at = ((b * n) + i) * m;
                var wi = wAll[(b * n) + i];
                var row = mem.Slice(at, m);
                var grow = g.Slice(at, m);
                var gmrow = gm.Slice(at, m);
                float gwi = 0;
                for (var j = 0; j < m; j++)
                {
                    // y = M (1 − w e) + w a: ∂M = 1 − w e, ∂w = a − M e, ∂e = −M w, ∂a = w.
                    var gj = grow[j];
                    gmrow[j] = gj * (1 - (wi * eb[j]));
                    gwi += gj * (ab[j] - (row[j] * eb[j]));
                    geb[j] -= gj * row[j] * wi;
                    gab[j] += gj * wi;
                }

                gwAll[(b * n) + i] = gwi;
            }
        }

        GC.KeepAlive(memory);
        GC.KeepAlive(w);
        GC.KeepAlive(e);
        GC.KeepAlive(a);
        GC.KeepAlive(gy);
        GC.KeepAlive(gMemory);
        GC.KeepAlive(gw);
        GC.KeepAlive(ge);
        GC.KeepAlive(ga);
    }

    /// <inheritdoc/>
    public void Sharpen(Storage w, Storage gamma, int batch, int n, float eps, Storage y)
    {
        ReadOnlySpan<float> ws = S(w), gs = S(gamma);
        var dst = S(y);
        for (var b = 0; b < batch; b++)
        {
            var wb = ws.Slice(b * n, n);
            var yb = dst.Slice(b * n, n);
            var largest = MathF.Max(Max(wb), eps);
            var g = gs[b];
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                // The largest term is 1 (u = 1), so the sum is at least 1 and cannot underflow.
                var p = Math.Exp(g * Math.Log((wb[i] / largest) + eps));
                yb[i] = (float)p;
                sum += p;
            }

            var inv = 1 / sum;
            for (var i = 0; i < n; i++)
            {
                yb[i] = (float)(yb[i] * inv);
            }
        }

        GC.KeepAlive(w);
        GC.KeepAlive(gamma);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void SharpenBackward(Storage w, Storage gamma, Storage y, Storage gy, int batch, int n, float eps, Storage gw, Storage gGamma)
    {
        ReadOnlySpan<float> ws = S(w), gs = S(gamma), ys = S(y), g = S(gy);
        Span<float> gwAll = S(gw), gg = S(gGamma);
        for (var b = 0; b < batch; b++)
        {
            var wb = ws.Slice(b * n, n);
            var yb = ys.Slice(b * n, n);
            var gb = g.Slice(b * n, n);
            var gwb = gwAll.Slice(b * n, n);
            var largest = MathF.Max(Max(wb), eps);
            double gammaB = gs[b], dot = 0, gGammaB = 0;
            for (var i = 0; i < n; i++)
            {
                dot += gb[i] * (double)yb[i];
            }

            for (var i = 0; i < n; i++)
            {
                // y = p / Σp with p = u^γ: ∂L/∂p_i · p_i = (gy_i − Σ_j gy_j y_j) · y_i; then ∂p/∂u = γ p / u,
                // ∂u/∂w = 1 / max, ∂p/∂γ = p · log u. Double precision: u · max can be ~1e-60.
                var u = ((double)wb[i] / largest) + eps;
                var common = (gb[i] - dot) * yb[i];
                gwb[i] = (float)(common * gammaB / (u * largest));
                gGammaB += common * Math.Log(u);
            }

            gg[b] = (float)gGammaB;
        }

        GC.KeepAlive(w);
        GC.KeepAlive(gamma);
        GC.KeepAlive(y);
        GC.KeepAlive(gy);
        GC.KeepAlive(gw);
        GC.KeepAlive(gGamma);
    }

    /// <inheritdoc/>
    public void WeightedRows(Storage memory, Storage w, int batch, int n, int m, Storage y)
    {
        ReadOnlySpan<float> mem = S(memory), wAll = S(w);
        var dst = S(y);
        for (var b = 0; b < batch; b++)
        {
            var yb = dst.Slice(b * m, m);
            yb.Clear();
            for (var i = 0; i < n; i++)
            {
                var wi = wAll[(b * n) + i];
                var row = mem.Slice(((b * n) + i) * m, m);
                for (var j = 0; j < m; j++)
                {
                    yb[j] += wi * row[j];
                }
            }
        }

        GC.KeepAlive(memory);
        GC.KeepAlive(w);
        GC.KeepAlive(y);
    }

    /// <inheritdoc/>
    public void WeightedRowsBackward(Storage memory, Storage w, Storage gy, int batch, int n, int m, Storage gMemory, Storage gw)
    {
        ReadOnlySpan<float> mem = S(memory), wAll = S(w), g = S(gy);
        Span<float> gm = S(gMemory), gwAll = S(gw);
        for (var b = 0; b < batch; b++)
        {
            var gb = g.Slice(b * m, m);
            for (var i = 0; i < n; i++)
            {
                var at = ((b * n) + i) * m;
                var wi = wAll[(b * n) + i];
                var row = mem.Slice(at, m);
                var gmrow = gm.Slice(at, m);
                float gwi = 0;
                for (var j = 0; j < m; j++)
                {
                    gmrow[j] = wi * gb[j];
                    gwi += row[j] * gb[j];
                }

                gwAll[(b * n) + i] = gwi;
            }
        }

        GC.KeepAlive(memory);
        GC.KeepAlive(w);
        GC.KeepAlive(gy);
        GC.KeepAlive(gMemory);
        GC.KeepAlive(gw);
    }

    private static float Max(ReadOnlySpan<float> x)
    {
        var max = float.NegativeInfinity;
        foreach (var v in x)
        {
            max = MathF.Max(max, v);
        }

        return max;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float sum = 0;
        for (var j = 0; j < x.Length; j++)
        {
            sum += x[j] * y[j];
        }

        return sum;
    }

    private static int Mod(int value, int n) => ((value % n) + n) % n;
}
