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
    /// </summary>
    public static (Tensor Output, Tensor Attention) Read(Tensor u, Tensor m, Tensor c, Tensor mask, bool softmax = true)
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

        var scores = m.bmm(u.unsqueeze(2)).squeeze(2);                             // uᵀ m_i: [B, M]
        var p = softmax
            ? scores.masked_fill(mask.eq(0), -1e9f).softmax(1)                     // padding slots get e^(−1e9) = 0
            : scores.mul(mask);
        var o = p.unsqueeze(1).bmm(c).squeeze(1);                                  // Σ_i p_i c_i: [B, d]
        return (o, p);
    }
}
