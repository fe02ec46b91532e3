namespace Attend.Ntm;

/// <summary>
/// What a head emits at one step (Chapter 5, §5.3), each already mapped into its range: key k [B, M] (unconstrained),
/// key strength β = softplus(·) ≥ 0 [B, 1], gate g = σ(·) ∈ (0, 1) [B, 1], shift weighting s = softmax(·) [B, K],
/// sharpening γ = 1 + softplus(·) ≥ 1 [B, 1]; a write head adds erase e = σ(·) ∈ (0, 1)ᴹ and add a (unconstrained).
/// </summary>
/// <param name="Key">k [B, M].</param>
/// <param name="Beta">β [B, 1].</param>
/// <param name="Gate">g [B, 1].</param>
/// <param name="Shift">s [B, K].</param>
/// <param name="Gamma">γ [B, 1].</param>
/// <param name="Erase">e [B, M] for a write head, null for a read head.</param>
/// <param name="Add">a [B, M] for a write head, null for a read head.</param>
public sealed record HeadParameters(Tensor Key, Tensor Beta, Tensor Gate, Tensor Shift, Tensor Gamma, Tensor? Erase, Tensor? Add)
{
    /// <summary>
    /// Splits a raw head output [B, P] into the parameters and applies each one's squashing function. P is
    /// M + 1 + 1 + K + 1 for a read head, plus 2M for a write head (<see cref="Size"/>).
    /// </summary>
    public static HeadParameters FromRaw(Tensor raw, int memory_width, int shifts, bool write)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var expected = Size(memory_width, shifts, write);
        if (raw.dim() != 2 || raw.size(1) != expected)
        {
            throw new ArgumentException(
                $"HeadParameters: raw must be [B, {expected}] (M = {memory_width}, K = {shifts}, write = {write}), got {Tensor.Format(raw.shape)}.",
                nameof(raw));
        }

        var sizes = write ? new[] { memory_width, 1, 1, shifts, 1, memory_width, memory_width } : new[] { memory_width, 1, 1, shifts, 1 };
        var p = raw.split(sizes, 1);
        return new HeadParameters(
            Key: p[0],
            Beta: p[1].softplus(),
            Gate: p[2].sigmoid(),
            Shift: p[3].softmax(1),
            Gamma: p[4].softplus().add(1f),
            Erase: write ? p[5].sigmoid() : null,
            Add: write ? p[6] : null);
    }

    /// <summary>The number of raw values one head needs: M + 3 + K, plus 2M for a write head.</summary>
    public static int Size(int memory_width, int shifts, bool write) => memory_width + 3 + shifts + (write ? 2 * memory_width : 0);
}
