namespace Attend.Ntm;

/// <summary>
/// The memory matrix M [B, N, M] (N slots of width M per sequence in the batch) and the two things heads do to it
/// (Graves et al. 2014, §3.1–3.2; Chapter 5, §5.1): read a weighted sum of rows, and write by erasing then adding.
/// Memory is a plain tensor that each step replaces (writes never modify it in place), so gradients flow through
/// every earlier version.
/// </summary>
public static class NtmMemory
{
    /// <summary>The value of every cell in a constant-initialised memory (Collier and Beel 2018 use 10⁻⁶).</summary>
    public const float ConstantInit = 1e-6f;

    /// <summary>Read (paper eq. 2): r = Σ_i w(i) M_i, i.e. r = wᵀM. <paramref name="weighting"/> [B, N] → [B, M].</summary>
    public static Tensor Read(Tensor memory, Tensor weighting)
    {
        CheckWeighting(memory, weighting, "Read");
        // Fused (FusedOps.WeightedRows): the same numbers as weighting.unsqueeze(1).bmm(memory).squeeze(1), one pass, one node.
        return FusedOps.WeightedRows(memory, weighting);
    }

    /// <summary>
    /// Write (paper eqs. 3–4): M_i ← M_i ∘ (1 − w(i) e) + w(i) a, i.e. M ← M ∘ (1 − w eᵀ) + w aᵀ, with the erase
    /// vector <paramref name="erase"/> [B, M] in [0, 1] and the add vector <paramref name="add"/> [B, M]. A slot with
    /// weight 0 is untouched; a slot with weight 1 and e = 1 is replaced by a. Returns the new memory.
    /// </summary>
    public static Tensor Write(Tensor memory, Tensor weighting, Tensor erase, Tensor add)
    {
        CheckWeighting(memory, weighting, "Write");
        CheckVector(memory, erase, nameof(erase));
        CheckVector(memory, add, nameof(add));
        // One fused op (FusedOps.EraseAdd) for what composes as
        //   var w = weighting.unsqueeze(2);                           // [B, N, 1]
        //   var keep = w.bmm(erase.unsqueeze(1)).rsub(1);             // 1 − w eᵀ  [B, N, M]
        //   return memory.mul(keep).add(w.bmm(add.unsqueeze(1)));    // + w aᵀ
        // five recorded ops and five passes over [B, N, M]; the kernel makes one.
        return FusedOps.EraseAdd(memory, weighting, erase, add);
    }

    private static void CheckWeighting(Tensor memory, Tensor weighting, string op)
    {
        if (memory.dim() != 3)
        {
            throw new ArgumentException($"{op}: memory must be [B, N, M], got {Tensor.Format(memory.shape)}.", nameof(memory));
        }

        if (weighting.dim() != 2 || weighting.size(0) != memory.size(0) || weighting.size(1) != memory.size(1))
        {
            throw new ArgumentException(
                $"{op}: weighting must be [B, N] = [{memory.size(0)}, {memory.size(1)}] for memory {Tensor.Format(memory.shape)}, " +
                $"got {Tensor.Format(weighting.shape)}.",
                nameof(weighting));
        }
    }

    private static void CheckVector(Tensor memory, Tensor vector, string name)
    {
        if (vector.dim() != 2 || vector.size(0) != memory.size(0) || vector.size(1) != memory.size(2))
        {
            throw new ArgumentException(
                $"Write: {name} must be [B, M] = [{memory.size(0)}, {memory.size(2)}] for memory {Tensor.Format(memory.shape)} " +
                $"(memory width M = {memory.size(2)}), got {Tensor.Format(vector.shape)}.",
                name);
        }
    }
}
