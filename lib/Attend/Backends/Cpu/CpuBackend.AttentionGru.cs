using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

/// <summary>
/// DMN+'s attention-GRU step (Chapter 7, §7.3) fused: one pass per batch row over its H units, with the sigmoid,
/// tanh and products done by <see cref="TensorPrimitives"/> on whole rows (SIMD), where the composed form made about
/// ten tensors forward and twenty backward per fact, each with its own allocation.
/// </summary>
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void AttentionGruGates(Storage gi, Storage gh, Storage h, Storage g, int batch, int hidden, Storage y)
    {
        ReadOnlySpan<float> i = S(gi), u = S(gh), hs = S(h), gate = S(g);
        var dst = S(y);
        Span<float> scratch = hidden <= 512 ? stackalloc float[2 * hidden] : new float[2 * hidden];
        Span<float> r = scratch[..hidden], candidate = scratch[hidden..];
        for (var b = 0; b < batch; b++)
        {
            var (row, gates) = (b * hidden, b * 2 * hidden);
            AttentionGruRow(i.Slice(gates, 2 * hidden), u.Slice(gates, 2 * hidden), hidden, r, candidate);
            var hRow = hs.Slice(row, hidden);
            var yRow = dst.Slice(row, hidden);
            TensorPrimitives.Subtract(candidate, hRow, yRow);      // h̃ − h
            TensorPrimitives.MultiplyAdd(yRow, gate[b], hRow, yRow); // h + g (h̃ − h)
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
        Span<float> scratch = hidden <= 512 ? stackalloc float[3 * hidden] : new float[3 * hidden];
        Span<float> r = scratch[..hidden], candidate = scratch[hidden..(2 * hidden)], work = scratch[(2 * hidden)..];
        for (var b = 0; b < batch; b++)
        {
            var (row, gates, gb) = (b * hidden, b * 2 * hidden, gate[b]);
            var uRow = u.Slice(gates, 2 * hidden);
            AttentionGruRow(i.Slice(gates, 2 * hidden), uRow, hidden, r, candidate);
            ReadOnlySpan<float> dy = up.Slice(row, hidden), hRow = hs.Slice(row, hidden);
            Span<float> diR = di.Slice(gates, hidden), diC = di.Slice(gates + hidden, hidden);
            Span<float> duR = du.Slice(gates, hidden), duC = du.Slice(gates + hidden, hidden);
            // y = h + g (h̃ − h): ∂y/∂g = Σ_j dy (h̃ − h), ∂y/∂h = 1 − g, ∂y/∂h̃ = g.
            TensorPrimitives.Subtract(candidate, hRow, work);
            dg[b] = TensorPrimitives.Dot(dy, work);
            TensorPrimitives.Multiply(dy, 1 - gb, dh.Slice(row, hidden));
            // h̃ = tanh(a): ∂a = g dy (1 − h̃²), into gi_h; gh_h gets r times that.
            TensorPrimitives.Multiply(candidate, candidate, work);
            TensorPrimitives.Subtract(1f, work, work);
            TensorPrimitives.Multiply(work, dy, work);
            TensorPrimitives.Multiply(work, gb, diC);
            TensorPrimitives.Multiply(diC, r, duC);
            // a holds r ∘ gh_h, so r's pre-activation gets ∂a · gh_h · r (1 − r), into gi_r and gh_r alike.
            TensorPrimitives.Multiply(diC, uRow[hidden..], work);
            TensorPrimitives.Multiply(work, r, work);
            TensorPrimitives.Subtract(1f, r, diR);
            TensorPrimitives.Multiply(work, diR, diR);
            diR.CopyTo(duR);
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

    /// <summary>r = σ(gi_r + gh_r) and h̃ = tanh(gi_h + r ∘ gh_h) of one row (its 2H gate entries, r first).</summary>
    private static void AttentionGruRow(ReadOnlySpan<float> i, ReadOnlySpan<float> u, int hidden, Span<float> r, Span<float> candidate)
    {
        TensorPrimitives.Add(i[..hidden], u[..hidden], r);
        TensorPrimitives.Sigmoid(r, r);
        TensorPrimitives.MultiplyAdd(r, u[hidden..], i[hidden..], candidate);
        TensorPrimitives.Tanh(candidate, candidate);
    }
}
