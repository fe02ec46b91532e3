using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

/// <summary>
/// The recurrent cells' fused gates (Chapter 3, §3.2): one pass per batch row, each gate a whole row at a time (SIMD,
/// TensorPrimitives), where the composed form made six chunk copies and ten elementwise passes per step forward and about
/// twice as many backward, each with its own allocation.
/// </summary>
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void GruGates(Storage gi, Storage gh, Storage h, int batch, int hidden, Storage y)
    {
        ReadOnlySpan<float> i = S(gi), g = S(gh), hs = S(h);
        var dst = S(y);
        Span<float> scratch = hidden <= 512 ? stackalloc float[3 * hidden] : new float[3 * hidden];
        Span<float> r = scratch[..hidden], z = scratch[hidden..(2 * hidden)], n = scratch[(2 * hidden)..];
        for (var b = 0; b < batch; b++)
        {
            var (row, gates) = (b * hidden, b * 3 * hidden);
            GruRow(i.Slice(gates, 3 * hidden), g.Slice(gates, 3 * hidden), hidden, r, z, n);
            var yRow = dst.Slice(row, hidden);
            TensorPrimitives.Subtract(hs.Slice(row, hidden), n, yRow); // h − n
            TensorPrimitives.MultiplyAdd(yRow, z, n, yRow);             // (1 − z) n + z h = n + z (h − n)
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
        Span<float> scratch = hidden <= 512 ? stackalloc float[4 * hidden] : new float[4 * hidden];
        Span<float> r = scratch[..hidden], z = scratch[hidden..(2 * hidden)], n = scratch[(2 * hidden)..(3 * hidden)], work = scratch[(3 * hidden)..];
        for (var b = 0; b < batch; b++)
        {
            var (row, gates) = (b * hidden, b * 3 * hidden);
            var gRow = g.Slice(gates, 3 * hidden);
            GruRow(i.Slice(gates, 3 * hidden), gRow, hidden, r, z, n);
            ReadOnlySpan<float> dy = up.Slice(row, hidden);
            Span<float> diR = di.Slice(gates, hidden), diZ = di.Slice(gates + hidden, hidden), diN = di.Slice(gates + (2 * hidden), hidden);
            // y = (1 − z) n + z h: ∂y/∂h = z, ∂y/∂n = 1 − z, ∂y/∂z = h − n.
            TensorPrimitives.Multiply(dy, z, dh.Slice(row, hidden));
            TensorPrimitives.Subtract(hs.Slice(row, hidden), n, work);          // h − n
            TensorPrimitives.Multiply(work, dy, work);
            TensorPrimitives.Multiply(work, z, work);
            TensorPrimitives.Subtract(1f, z, diZ);                              // 1 − z (kept for dn below)
            TensorPrimitives.Multiply(n, n, diN);
            TensorPrimitives.Subtract(1f, diN, diN);                            // 1 − n²
            TensorPrimitives.Multiply(diN, diZ, diN);
            TensorPrimitives.Multiply(diN, dy, diN);                            // dn = dy (1 − z)(1 − n²), through tanh
            TensorPrimitives.Multiply(work, diZ, diZ);                          // dz = dy (h − n) z (1 − z), through σ
            TensorPrimitives.Multiply(diN, gRow[(2 * hidden)..], work);         // n's pre-activation holds r ∘ gh_n
            TensorPrimitives.Multiply(work, r, work);
            TensorPrimitives.Subtract(1f, r, diR);
            TensorPrimitives.Multiply(work, diR, diR);                          // dr = dn gh_n r (1 − r)
            diR.CopyTo(dg.Slice(gates, hidden));
            diZ.CopyTo(dg.Slice(gates + hidden, hidden));
            TensorPrimitives.Multiply(diN, r, dg.Slice(gates + (2 * hidden), hidden));
        }

        GC.KeepAlive(gi);
        GC.KeepAlive(gh);
        GC.KeepAlive(h);
        GC.KeepAlive(gy);
        GC.KeepAlive(ggi);
        GC.KeepAlive(ggh);
        GC.KeepAlive(gh0);
    }

    /// <summary>r, z and n of one row (its 3H gate entries, r, z, n), each a whole row at a time.</summary>
    private static void GruRow(ReadOnlySpan<float> i, ReadOnlySpan<float> g, int hidden, Span<float> r, Span<float> z, Span<float> n)
    {
        TensorPrimitives.Add(i[..hidden], g[..hidden], r);
        TensorPrimitives.Sigmoid(r, r);
        TensorPrimitives.Add(i.Slice(hidden, hidden), g.Slice(hidden, hidden), z);
        TensorPrimitives.Sigmoid(z, z);
        TensorPrimitives.MultiplyAdd(r, g[(2 * hidden)..], i[(2 * hidden)..], n);
        TensorPrimitives.Tanh(n, n);
    }
}
