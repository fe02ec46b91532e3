namespace Attend.Ntm;

/// <summary>
/// The Neural Turing Machine's addressing mechanism (Graves, Wayne and Danihelka 2014, §3.3), one small function per
/// stage so each can be derived, tested and drawn on its own (Chapter 5, §5.2). A head turns its parameters into a
/// weighting w over the N memory slots in four stages:
/// <code>
/// w^c = softmax_i(β · cos(k, M_i))                     content: which slots look like the key
/// w^g = g · w^c + (1 − g) · w_{t−1}                     interpolation: content or the previous position
/// w̃(i) = Σ_j w^g(j) · s(i − j)   (indices mod N)       shift: move the focus by a few slots
/// w(i) = w̃(i)^γ / Σ_j w̃(j)^γ                           sharpening: undo the blur of the shift
/// </code>
/// Every function is batched: memory [B, N, M], key [B, M], weightings [B, N], scalars [B, 1], shifts [B, K].
/// </summary>
/// <remarks>
/// Numerical guards for the NaNs the reference implementations report: the cosine divides by max(‖k‖‖M_i‖, ε), so a
/// zero key or an all-zero memory row scores 0 instead of 0/0; sharpening divides by the largest entry before raising
/// to γ (the result is unchanged, but the largest term becomes 1, so the normaliser cannot underflow to 0 even when
/// w is nearly uniform over many slots and γ is large) and takes logs of w + 1e-30, so a weight that underflowed to 0
/// gives a finite gradient for γ. β ≥ 0 and γ ≥ 1 are the head's job (softplus); these functions check nothing about
/// values, only shapes.
/// </remarks>
public static class Addressing
{
    /// <summary>ε of the cosine: ‖k‖·‖M_i‖ is clamped below at this value (a zero vector scores 0, not NaN).</summary>
    public const float CosineEpsilon = 1e-8f;

    /// <summary>Added to w before its log in <see cref="Sharpen"/>, so a weight that underflowed to 0 stays finite.</summary>
    public const float SharpenEpsilon = 1e-30f;

    /// <summary>
    /// Cosine similarity K(k, M_i) = k·M_i / max(‖k‖‖M_i‖, ε) of <paramref name="key"/> [B, M] with every row of
    /// <paramref name="memory"/> [B, N, M] → [B, N] (paper eq. 6).
    /// </summary>
    public static Tensor Similarity(Tensor memory, Tensor key)
    {
        CheckMemoryAndKey(memory, key);
        // One fused op (FusedOps.RowCosine): the composed form below records eight ops and passes over [B, N, M]
        // several times per head and step; the fused kernel computes the same numbers in one pass.
        //   dot      = memory.bmm(key.unsqueeze(2)).squeeze(2)                        k·M_i     [B, N]
        //   rowNorms = memory.mul(memory).sum(2)                                      ‖M_i‖²    [B, N]
        //   keyNorm  = key.mul(key).sum(1, keepdim: true)                             ‖k‖²      [B, 1]
        //   norms    = rowNorms.mul(keyNorm).clamp(min: ε²).sqrt()                    max(‖k‖‖M_i‖, ε)
        //   return dot.div(norms)
        // (clamping before the sqrt keeps its slope finite at 0: a zero row or key scores 0 with gradient k/ε or M_i/ε.)
        return FusedOps.RowCosine(memory, key, CosineEpsilon);
    }

    /// <summary>
    /// Content addressing (paper eqs. 5–6): w^c = softmax(β · cos(k, M_i)) over the slots. <paramref name="beta"/>
    /// [B, 1] (key strength, ≥ 0) sets how peaked the result is: β = 0 gives the uniform weighting.
    /// </summary>
    public static Tensor Content(Tensor memory, Tensor key, Tensor beta)
    {
        CheckScalar(beta, memory.size(0), nameof(beta), "Content");
        return Similarity(memory, key).mul(beta).softmax(1);
    }

    /// <summary>
    /// Interpolation with the previous weighting (paper eq. 7): w^g = g·w^c + (1 − g)·w_{t−1}. The gate
    /// <paramref name="gate"/> [B, 1] in [0, 1] chooses between looking up by content (g = 1) and staying where
    /// the head was (g = 0), which is what lets a head iterate through memory by location.
    /// </summary>
    public static Tensor Interpolate(Tensor content, Tensor previous, Tensor gate)
    {
        CheckWeighting(content, nameof(content), "Interpolate");
        if (!previous.ShapeEquals(content))
        {
            throw new ArgumentException(
                $"Interpolate: previous {Tensor.Format(previous.shape)} must have the shape of content {Tensor.Format(content.shape)}.",
                nameof(previous));
        }

        CheckScalar(gate, content.size(0), nameof(gate), "Interpolate");
        return previous.add(content.sub(previous).mul(gate));
    }

    /// <summary>
    /// Rotational shift (paper eq. 8): the circular convolution w̃(i) = Σ_j w(j)·s(i − j), indices mod N, with
    /// <paramref name="shift"/> [B, K] a distribution over the K = 2R + 1 shifts −R … +R (column c is shift c − R).
    /// A one-hot s on +1 moves the whole weighting one slot forward; a spread s blurs it.
    /// </summary>
    public static Tensor Shift(Tensor weighting, Tensor shift)
    {
        CheckWeighting(weighting, nameof(weighting), "Shift");
        if (shift.dim() != 2 || shift.size(0) != weighting.size(0) || shift.size(1) % 2 == 0)
        {
            throw new ArgumentException(
                $"Shift: shift must be [B, K] with K odd (shifts −(K−1)/2 … +(K−1)/2) and B = {weighting.size(0)}, got {Tensor.Format(shift.shape)}.",
                nameof(shift));
        }

        if (shift.size(1) > weighting.size(1))
        {
            throw new ArgumentException(
                $"Shift: {shift.size(1)} shifts (shift {Tensor.Format(shift.shape)}) is more than the {weighting.size(1)} memory slots " +
                $"(weighting {Tensor.Format(weighting.shape)}): a circular shift wider than the memory wraps onto itself.",
                nameof(shift));
        }

        return torch.circular_conv(weighting, shift);
    }

    /// <summary>
    /// Sharpening (paper eq. 9): w(i) = w̃(i)^γ / Σ_j w̃(j)^γ with <paramref name="gamma"/> [B, 1] ≥ 1, which
    /// concentrates the weighting again after the shift has blurred it.
    /// </summary>
    /// <remarks>
    /// Computed as u = w̃ / max_j w̃(j) (the ratio is unchanged by that scale, so the max is taken without gradient),
    /// then exp(γ · log(u + 1e-30)) normalised: the largest term is 1, so the sum is at least 1.
    /// </remarks>
    public static Tensor Sharpen(Tensor weighting, Tensor gamma)
    {
        CheckWeighting(weighting, nameof(weighting), "Sharpen");
        CheckScalar(gamma, weighting.size(0), nameof(gamma), "Sharpen");
        // One fused op (FusedOps.Sharpen) for the composed form
        //   Tensor largest;
        //   using (torch.no_grad()) { largest = weighting.max(1, keepdim: true).Values.clamp(min: SharpenEpsilon); }
        //   var powered = weighting.div(largest).add(SharpenEpsilon).log().mul(gamma).exp();
        //   return powered.div(powered.sum(1, keepdim: true));
        // seven recorded ops per head and step; the kernel works in double precision inside a row.
        return FusedOps.Sharpen(weighting, gamma, SharpenEpsilon);
    }

    /// <summary>
    /// The four stages composed (paper Figure 2): content, interpolation with <paramref name="previous"/>, shift,
    /// sharpening. Each argument is as in the stage that uses it.
    /// </summary>
    public static Tensor Address(Tensor memory, Tensor key, Tensor beta, Tensor gate, Tensor shift, Tensor gamma, Tensor previous) =>
        Sharpen(Shift(Interpolate(Content(memory, key, beta), previous, gate), shift), gamma);

    internal static void CheckMemoryAndKey(Tensor memory, Tensor key)
    {
        if (memory.dim() != 3)
        {
            throw new ArgumentException($"Similarity: memory must be [B, N, M], got {Tensor.Format(memory.shape)}.", nameof(memory));
        }

        if (key.dim() != 2 || key.size(0) != memory.size(0) || key.size(1) != memory.size(2))
        {
            throw new ArgumentException(
                $"Similarity: key must be [B, M] = [{memory.size(0)}, {memory.size(2)}] to match memory {Tensor.Format(memory.shape)} " +
                $"(memory width M = {memory.size(2)}), got key {Tensor.Format(key.shape)}.",
                nameof(key));
        }
    }

    private static void CheckWeighting(Tensor weighting, string name, string op)
    {
        if (weighting.dim() != 2)
        {
            throw new ArgumentException($"{op}: {name} must be a weighting [B, N], got {Tensor.Format(weighting.shape)}.", name);
        }
    }

    private static void CheckScalar(Tensor value, int batch, string name, string op)
    {
        if (value.dim() != 2 || value.size(0) != batch || value.size(1) != 1)
        {
            throw new ArgumentException($"{op}: {name} must be [B, 1] = [{batch}, 1], got {Tensor.Format(value.shape)}.", name);
        }
    }
}
