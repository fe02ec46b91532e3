namespace Attend.MemN2N;

/// <summary>
/// One hop of an end-to-end memory network (Sukhbaatar et al. 2015, §2.1): the controller state u reads the
/// memory by content,
/// <code>
/// p_i = softmax_i(uᵀ m_i)        which sentences to read (the attention this chapter plots)
/// o   = Σ_i p_i c_i              what is read
/// </code>
/// with input vectors m_i (to match against) and output vectors c_i (to return). Slots that do not exist (padding)
/// get no weight. In linear start the softmax is removed (p_i = uᵀ m_i), which the paper found helps training
/// escape poor early optima.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.2.</remarks>
public static class MemoryHop
{
    /// <summary>
    /// Reads memory: <paramref name="u"/> [B, d], <paramref name="m"/> and <paramref name="c"/> [B, M, d],
    /// <paramref name="mask"/> [B, M] (1 = the slot exists). Returns o [B, d] and the weights p [B, M].
    /// <paramref name="emptySlots"/> [B], when given, counts further slots that hold the zero vector and still take
    /// part in the softmax, as in the authors' code, where every memory has its full number of slots and the unused
    /// ones are zero: each has score uᵀ0 = 0 and reads nothing, so together they add E·e⁰ = e^{log E} to the
    /// softmax's denominator (one extra score log E, no [B, E, d] zeros to build) and the weights p over the real
    /// slots sum to less than 1 — the network can read "nothing". No effect in linear start.
    /// </summary>
    public static (Tensor Output, Tensor Attention) Read(Tensor u, Tensor m, Tensor c, Tensor mask, bool softmax = true, Tensor? emptySlots = null)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(mask);
        if (u.dim() != 2 || m.dim() != 3 || !m.ShapeEquals(c) || m.size(0) != u.size(0) || m.size(2) != u.size(1))
        {
            throw new ArgumentException(
                $"MemoryHop.Read: u must be [B, d] and m, c [B, M, d], got u {Tensor.Format(u.dims)}, m {Tensor.Format(m.dims)}, " +
                $"c {Tensor.Format(c.dims)}.", nameof(m));
        }

        if (mask.dim() != 2 || mask.size(0) != m.size(0) || mask.size(1) != m.size(1))
        {
            throw new ArgumentException(
                $"MemoryHop.Read: mask must be [B, M] = {Tensor.Format([m.size(0), m.size(1)])}, got {Tensor.Format(mask.dims)}.", nameof(mask));
        }

        if (emptySlots is not null && (emptySlots.dim() != 1 || emptySlots.size(0) != m.size(0)))
        {
            throw new ArgumentException(
                $"MemoryHop.Read: emptySlots must be [B] = [{m.size(0)}], got {Tensor.Format(emptySlots.dims)}.", nameof(emptySlots));
        }

        var scores = m.bmm(u.unsqueeze(2)).squeeze(2);                             // uᵀ m_i: [B, M]
        Tensor p;
        if (!softmax)
        {
            p = scores.mul(mask);
        }
        else if (emptySlots is null)
        {
            p = scores.masked_fill(mask.eq(0), -1e9f).softmax(1);                  // padding slots get e^(−1e9) = 0
        }
        else
        {
            // E zero slots of score 0 are one score log E (none: e^(−1e9) = 0); softmax over M + 1, keep the M real slots.
            var empty = emptySlots.clamp(min: 1).log().masked_fill(emptySlots.eq(0), -1e9f).unsqueeze(1);
            p = torch.cat([scores.masked_fill(mask.eq(0), -1e9f), empty], 1).softmax(1).narrow(1, 0, m.size(1));
        }

        var o = p.unsqueeze(1).bmm(c).squeeze(1);                                  // Σ_i p_i c_i: [B, d]
        return (o, p);
    }
}
