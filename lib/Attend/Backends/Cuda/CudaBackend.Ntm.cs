using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// The Neural Turing Machine's fused kernels (Chapter 5, §5.1–5.2; the CPU versions and their derivations are in
// Cpu/CpuBackend.Ntm.cs). One thread per output entry; sums over a memory row (M) or over the slots (N) run inside
// the thread, which is cheap at the chapter's sizes (M = 20, N = 128, K = 3).
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>? rowCosineKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>? rowCosineRowsKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? rowCosineKeyKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? circularConvKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? circularConvGwKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? circularConvGsKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? eraseAddKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? eraseAddRowsKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? eraseAddVectorsKernel;

    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>? sharpenKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>? sharpenBackwardKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? weightedRowsKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>? weightedRowsBackwardKernel;

    /// <inheritdoc/>
    public void RowCosine(Storage memory, Storage key, int batch, int n, int m, float eps, Storage y)
    {
        Launch(batch * n, () => Kernel(ref rowCosineKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>(RowCosineKernel))(
            batch * n, V(memory), V(key), V(y), n, m, eps));
    }

    /// <inheritdoc/>
    public void RowCosineBackward(Storage memory, Storage key, Storage gy, int batch, int n, int m, float eps, Storage gMemory, Storage gKey)
    {
        // Two passes: per slot (the memory rows' gradients, and each slot's two terms of the key's gradient), then per
        // key entry (summing those terms over the slots), so no thread writes where another does.
        var direct = (CudaStorage)Allocate(batch * n, zero: false);
        var normTerm = (CudaStorage)Allocate(batch * n, zero: false);
        Launch(batch * n, () =>
        {
            Kernel(ref rowCosineRowsKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>(RowCosineRowsKernel))(
                batch * n, V(memory), V(key), V(gy), V(gMemory), direct.View, normTerm.View, n, m, eps);
            Kernel(ref rowCosineKeyKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(RowCosineKeyKernel))(
                batch * m, V(memory), V(key), direct.View, normTerm.View, V(gKey), n, m);
        });

        direct.Dispose();
        normTerm.Dispose();
    }

    /// <inheritdoc/>
    public void CircularConv(Storage w, Storage s, int batch, int n, int k, Storage y)
    {
        Launch(batch * n, () => Kernel(ref circularConvKernel, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(CircularConvKernel))(
            batch * n, V(w), V(s), V(y), n, k));
    }

    /// <inheritdoc/>
    public void CircularConvBackward(Storage w, Storage s, Storage gy, int batch, int n, int k, Storage gw, Storage gs)
    {
        Launch(batch * n, () =>
        {
            Kernel(ref circularConvGwKernel, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(CircularConvGwKernel))(
                batch * n, V(s), V(gy), V(gw), n, k);
            Kernel(ref circularConvGsKernel, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(CircularConvGsKernel))(
                batch * k, V(w), V(gy), V(gs), n, k);
        });
    }

    /// <inheritdoc/>
    public void EraseAdd(Storage memory, Storage w, Storage e, Storage a, int batch, int n, int m, Storage y)
    {
        Launch(batch * n * m, () => Kernel(ref eraseAddKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(EraseAddKernel))(
            batch * n * m, V(memory), V(w), V(e), V(a), V(y), n, m));
    }

    /// <inheritdoc/>
    public void EraseAddBackward(Storage memory, Storage w, Storage e, Storage a, Storage gy, int batch, int n, int m,
                                 Storage gMemory, Storage gw, Storage ge, Storage ga)
    {
        Launch(batch * n * m, () =>
        {
            Kernel(ref eraseAddRowsKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(EraseAddRowsKernel))(
                batch * n, V(memory), V(w), V(e), V(a), V(gy), V(gMemory), V(gw), n, m);
            Kernel(ref eraseAddVectorsKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(EraseAddVectorsKernel))(
                batch * m, V(memory), V(w), V(gy), V(ge), V(ga), n, m);
        });
    }

    /// <inheritdoc/>
    public void Sharpen(Storage w, Storage gamma, int batch, int n, float eps, Storage y)
    {
        Launch(batch * n, () => Kernel(ref sharpenKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(SharpenKernel))(
            batch, V(w), V(gamma), V(y), n, eps));
    }

    /// <inheritdoc/>
    public void SharpenBackward(Storage w, Storage gamma, Storage y, Storage gy, int batch, int n, float eps, Storage gw, Storage gGamma)
    {
        Launch(batch * n, () => Kernel(ref sharpenBackwardKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(SharpenBackwardKernel))(
            batch, V(w), V(gamma), V(y), V(gy), V(gw), V(gGamma), n, eps));
    }

    /// <inheritdoc/>
    public void WeightedRows(Storage memory, Storage w, int batch, int n, int m, Storage y)
    {
        Launch(batch * m, () => Kernel(ref weightedRowsKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(WeightedRowsKernel))(
            batch * m, V(memory), V(w), V(y), n, m));
    }

    /// <inheritdoc/>
    public void WeightedRowsBackward(Storage memory, Storage w, Storage gy, int batch, int n, int m, Storage gMemory, Storage gw)
    {
        Launch(batch * n, () => Kernel(ref weightedRowsBackwardKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(WeightedRowsBackwardKernel))(
            batch * n, V(memory), V(w), V(gy), V(gMemory), V(gw), n, m));
    }

    /// <summary>
    /// y = u^γ / Σ u^γ with u = w / max(max w, eps) + eps, one thread per batch row; double precision inside the row as
    /// on the CPU (u can be ~1e-60 after a sharp shift).
    /// </summary>
    private static void SharpenKernel(Index1D b, ArrayView<float> w, ArrayView<float> gamma, ArrayView<float> y, int n, float eps)
    {
        long at = (long)(int)b * n;
        var largest = RowMax(w, at, n, eps);

        double g = gamma[b], sum = 0;
        for (var i = 0; i < n; i++)
        {
            var p = XMath.Exp(g * XMath.Log(((double)w[at + i] / largest) + eps));
            y[at + i] = (float)p;
            sum += p;
        }

        var inv = 1 / sum;
        for (var i = 0; i < n; i++)
        {
            y[at + i] = (float)(y[at + i] * inv);
        }
    }

    /// <summary>The gradients of <see cref="SharpenKernel"/>; one thread per batch row.</summary>
    private static void SharpenBackwardKernel(Index1D b, ArrayView<float> w, ArrayView<float> gamma, ArrayView<float> y,
                                              ArrayView<float> gy, ArrayView<float> gw, ArrayView<float> gGamma, int n, float eps)
    {
        long at = (long)(int)b * n;
        var largest = RowMax(w, at, n, eps);

        double gammaB = gamma[b], dot = 0, gGammaB = 0;
        for (var i = 0; i < n; i++)
        {
            dot += gy[at + i] * (double)y[at + i];
        }

        for (var i = 0; i < n; i++)
        {
            var u = ((double)w[at + i] / largest) + eps;
            var common = (gy[at + i] - dot) * y[at + i];
            gw[at + i] = (float)(common * gammaB / (u * largest));
            gGammaB += common * XMath.Log(u);
        }

        gGamma[b] = (float)gGammaB;
    }

    /// <summary>y[b, j] = Σ_i w[b, i] M[b, i, j] (the read); one thread per (b, j).</summary>
    private static void WeightedRowsKernel(Index1D t, ArrayView<float> mem, ArrayView<float> w, ArrayView<float> y, int n, int m)
    {
        var b = t / m;
        var j = t - (b * m);
        float sum = 0;
        for (var i = 0; i < n; i++)
        {
            var slot = ((long)(int)b * n) + i;
            sum += w[slot] * mem[(slot * m) + j];
        }

        y[t] = sum;
    }

    /// <summary>∂M[b, i, j] = w[b, i] gy[b, j] and ∂w[b, i] = Σ_j M[b, i, j] gy[b, j]; one thread per slot.</summary>
    private static void WeightedRowsBackwardKernel(Index1D t, ArrayView<float> mem, ArrayView<float> w, ArrayView<float> gy,
                                                   ArrayView<float> gMem, ArrayView<float> gw, int n, int m)
    {
        var b = t / n;
        var wi = w[t];
        long row = (long)(int)t * m;
        float gwi = 0;
        for (var j = 0; j < m; j++)
        {
            var g = gy[(b * m) + j];
            gMem[row + j] = wi * g;
            gwi += mem[row + j] * g;
        }

        gw[t] = gwi;
    }

    /// <summary>y[b, i] = k_b·M_bi / sqrt(max(‖k_b‖²‖M_bi‖², eps²)); one thread per (b, i).</summary>
    private static void RowCosineKernel(Index1D t, ArrayView<float> mem, ArrayView<float> key, ArrayView<float> y, int n, int m, float eps)
    {
        var b = t / n;
        long row = (long)(int)t * m, k0 = (long)(int)b * m;
        RowDots(mem, key, row, k0, m, out var dot, out var rowNorm, out var keyNorm);

        y[t] = dot / XMath.Sqrt(XMath.Max(keyNorm * rowNorm, eps * eps));
    }

    /// <summary>The memory row's gradient and, per slot, the two coefficients of the key's gradient.</summary>
    private static void RowCosineRowsKernel(Index1D t, ArrayView<float> mem, ArrayView<float> key, ArrayView<float> gy,
                                            ArrayView<float> gMem, ArrayView<float> direct, ArrayView<float> normTerm, int n, int m, float eps)
    {
        var b = t / n;
        long row = (long)(int)t * m, k0 = (long)(int)b * m;
        RowDots(mem, key, row, k0, m, out var dot, out var rowNorm, out var keyNorm);

        var eps2 = eps * eps;
        var p = keyNorm * rowNorm;
        var q = XMath.Max(p, eps2);
        var den = XMath.Sqrt(q);
        var gi = gy[t];
        var d = gi / den;
        var c = p > eps2 ? -gi * dot / (q * den) : 0f;
        var rowScale = c * keyNorm;
        for (var j = 0; j < m; j++)
        {
            gMem[row + j] = (d * key[k0 + j]) + (rowScale * mem[row + j]);
        }

        direct[t] = d;
        normTerm[t] = c * rowNorm;
    }

    /// <summary>gk[b, j] = Σ_i direct[b, i] M[b, i, j] + (Σ_i normTerm[b, i]) k[b, j]; one thread per (b, j).</summary>
    private static void RowCosineKeyKernel(Index1D t, ArrayView<float> mem, ArrayView<float> key, ArrayView<float> direct,
                                           ArrayView<float> normTerm, ArrayView<float> gKey, int n, int m)
    {
        var b = t / m;
        var j = t - (b * m);
        float sum = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var slot = ((long)(int)b * n) + i;
            sum += direct[slot] * mem[(slot * m) + j];
            norm += normTerm[slot];
        }

        gKey[t] = sum + (norm * key[t]);
    }

    /// <summary>y[b, i] = Σ_c s[b, c] w[b, (i − c + (K−1)/2) mod N]; one thread per (b, i).</summary>
    private static void CircularConvKernel(Index1D t, ArrayView<float> w, ArrayView<float> s, ArrayView<float> y, int n, int k)
    {
        var b = t / n;
        var i = t - (b * n);
        var half = (k - 1) / 2;
        float sum = 0;
        for (var c = 0; c < k; c++)
        {
            var j = Mod(i - (c - half), n);
            sum += s[(b * k) + c] * w[(b * n) + j];
        }

        y[t] = sum;
    }

    /// <summary>gw[b, j] = Σ_c s[b, c] gy[b, (j + c − (K−1)/2) mod N]; one thread per (b, j).</summary>
    private static void CircularConvGwKernel(Index1D t, ArrayView<float> s, ArrayView<float> gy, ArrayView<float> gw, int n, int k)
    {
        var b = t / n;
        var j = t - (b * n);
        var half = (k - 1) / 2;
        float sum = 0;
        for (var c = 0; c < k; c++)
        {
            var i = Mod(j + (c - half), n);
            sum += s[(b * k) + c] * gy[(b * n) + i];
        }

        gw[t] = sum;
    }

    /// <summary>gs[b, c] = Σ_i gy[b, i] w[b, (i − c + (K−1)/2) mod N]; one thread per (b, c).</summary>
    private static void CircularConvGsKernel(Index1D t, ArrayView<float> w, ArrayView<float> gy, ArrayView<float> gs, int n, int k)
    {
        var b = t / k;
        var c = t - (b * k);
        var shift = c - ((k - 1) / 2);
        float sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += gy[(b * n) + i] * w[(b * n) + Mod(i - shift, n)];
        }

        gs[t] = sum;
    }

    /// <summary>y = M (1 − w e) + w a per entry of [B, N, M].</summary>
    private static void EraseAddKernel(Index1D t, ArrayView<float> mem, ArrayView<float> w, ArrayView<float> e,
                                       ArrayView<float> a, ArrayView<float> y, int n, int m)
    {
        var slot = t / m;
        var j = t - (slot * m);
        var b = slot / n;
        var wi = w[slot];
        var v = (b * m) + j;
        y[t] = (mem[t] * (1 - (wi * e[v]))) + (wi * a[v]);
    }

    /// <summary>∂M = gy (1 − w e) and ∂w = Σ_j gy (a − M e); one thread per slot (b, i).</summary>
    private static void EraseAddRowsKernel(Index1D t, ArrayView<float> mem, ArrayView<float> w, ArrayView<float> e,
                                           ArrayView<float> a, ArrayView<float> gy, ArrayView<float> gMem, ArrayView<float> gw, int n, int m)
    {
        var b = t / n;
        var wi = w[t];
        long row = (long)(int)t * m;
        float gwi = 0;
        for (var j = 0; j < m; j++)
        {
            var g = gy[row + j];
            var ej = e[(b * m) + j];
            gMem[row + j] = g * (1 - (wi * ej));
            gwi += g * (a[(b * m) + j] - (mem[row + j] * ej));
        }

        gw[t] = gwi;
    }

    /// <summary>∂e = −Σ_i gy M w and ∂a = Σ_i gy w; one thread per (b, j).</summary>
    private static void EraseAddVectorsKernel(Index1D t, ArrayView<float> mem, ArrayView<float> w, ArrayView<float> gy,
                                              ArrayView<float> ge, ArrayView<float> ga, int n, int m)
    {
        var b = t / m;
        var j = t - (b * m);
        float sumE = 0, sumA = 0;
        for (var i = 0; i < n; i++)
        {
            var slot = ((long)(int)b * n) + i;
            var g = gy[(slot * m) + j] * w[slot];
            sumE -= g * mem[(slot * m) + j];
            sumA += g;
        }

        ge[t] = sumE;
        ga[t] = sumA;
    }

    /// <summary>k·M_i, ‖M_i‖² and ‖k‖² in one pass over a memory row (both cosine kernels need all three).</summary>
    private static void RowDots(ArrayView<float> mem, ArrayView<float> key, long row, long k0, int m,
                                out float dot, out float rowNorm, out float keyNorm)
    {
        dot = 0;
        rowNorm = 0;
        keyNorm = 0;
        for (var j = 0; j < m; j++)
        {
            var r = mem[row + j];
            var kj = key[k0 + j];
            dot += r * kj;
            rowNorm += r * r;
            keyNorm += kj * kj;
        }
    }

    /// <summary>max(eps, max_i w[at + i]): the sharpening's scale, shared by its forward and backward.</summary>
    private static float RowMax(ArrayView<float> w, long at, int n, float eps)
    {
        var largest = eps;
        for (var i = 0; i < n; i++)
        {
            largest = XMath.Max(largest, w[at + i]);
        }

        return largest;
    }

    private static int Mod(int value, int n) => ((value % n) + n) % n;
}
