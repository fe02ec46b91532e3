namespace Attend.Ntm;

/// <summary>
/// The NTM step's fused autograd ops (Chapter 5, §5.6 "Making it fast"): one recorded node and one backend kernel each
/// where the composed form (kept in the XML docs of <see cref="Addressing.Similarity"/> and <see cref="NtmMemory.Write"/>,
/// and in the tests, which check that both give the same values and gradients) records five to eight small ops with
/// full passes over the [B, N, M] memory. The kernels live behind <see cref="Backends.IBackend"/>, so nothing here is
/// CPU-specific.
/// </summary>
internal static class FusedOps
{
    /// <summary>y[b, i] = k_b·M_{b,i} / max(‖k_b‖‖M_{b,i}‖, eps): memory [B, N, M], key [B, M] → [B, N].</summary>
    public static Tensor RowCosine(Tensor memory, Tensor key, float eps)
    {
        Tensor.SameDevice("Similarity", memory, key);
        int batch = memory.size(0), n = memory.size(1), m = memory.size(2);
        var result = memory.NewLike([batch, n], zero: false);
        var backend = memory.Backend;
        backend.RowCosine(memory.storage, key.storage, batch, n, m, eps, result.storage);
        return Tensor.Record(result, "row_cosine", [memory, key], g =>
        {
            var gMemory = memory.NewLike(memory.dims, zero: false);
            var gKey = key.NewLike(key.dims, zero: false);
            backend.RowCosineBackward(memory.storage, key.storage, g.storage, batch, n, m, eps, gMemory.storage, gKey.storage);
            return [gMemory, gKey];
        });
    }

    /// <summary>y = M ∘ (1 − w eᵀ) + w aᵀ for memory [B, N, M], weighting [B, N], erase and add [B, M].</summary>
    public static Tensor EraseAdd(Tensor memory, Tensor weighting, Tensor erase, Tensor add)
    {
        Tensor.SameDevice("Write", memory, weighting);
        Tensor.SameDevice("Write", memory, erase);
        Tensor.SameDevice("Write", memory, add);
        int batch = memory.size(0), n = memory.size(1), m = memory.size(2);
        var result = memory.NewLike(memory.dims, zero: false);
        var backend = memory.Backend;
        backend.EraseAdd(memory.storage, weighting.storage, erase.storage, add.storage, batch, n, m, result.storage);
        return Tensor.Record(result, "erase_add", [memory, weighting, erase, add], g =>
        {
            var gMemory = memory.NewLike(memory.dims, zero: false);
            var gw = weighting.NewLike(weighting.dims, zero: false);
            var ge = erase.NewLike(erase.dims, zero: false);
            var ga = add.NewLike(add.dims, zero: false);
            backend.EraseAddBackward(memory.storage, weighting.storage, erase.storage, add.storage, g.storage, batch, n, m,
                                     gMemory.storage, gw.storage, ge.storage, ga.storage);
            return [gMemory, gw, ge, ga];
        });
    }

    /// <summary>w̃^γ / Σ w̃^γ after dividing by the row's largest entry (taken as a constant): weighting [B, N], γ [B, 1].</summary>
    public static Tensor Sharpen(Tensor weighting, Tensor gamma, float eps)
    {
        Tensor.SameDevice("Sharpen", weighting, gamma);
        int batch = weighting.size(0), n = weighting.size(1);
        var result = weighting.NewLike(weighting.dims, zero: false);
        var backend = weighting.Backend;
        backend.Sharpen(weighting.storage, gamma.storage, batch, n, eps, result.storage);
        return Tensor.Record(result, "sharpen", [weighting, gamma], g =>
        {
            var gw = weighting.NewLike(weighting.dims, zero: false);
            var gGamma = gamma.NewLike(gamma.dims, zero: false);
            backend.SharpenBackward(weighting.storage, gamma.storage, result.storage, g.storage, batch, n, eps, gw.storage, gGamma.storage);
            return [gw, gGamma];
        });
    }

    /// <summary>r = wᵀM per batch entry: memory [B, N, M], weighting [B, N] → [B, M].</summary>
    public static Tensor WeightedRows(Tensor memory, Tensor weighting)
    {
        Tensor.SameDevice("Read", memory, weighting);
        int batch = memory.size(0), n = memory.size(1), m = memory.size(2);
        var result = memory.NewLike([batch, m], zero: false);
        var backend = memory.Backend;
        backend.WeightedRows(memory.storage, weighting.storage, batch, n, m, result.storage);
        return Tensor.Record(result, "weighted_rows", [memory, weighting], g =>
        {
            var gMemory = memory.NewLike(memory.dims, zero: false);
            var gw = weighting.NewLike(weighting.dims, zero: false);
            backend.WeightedRowsBackward(memory.storage, weighting.storage, g.storage, batch, n, m, gMemory.storage, gw.storage);
            return [gMemory, gw];
        });
    }
}
