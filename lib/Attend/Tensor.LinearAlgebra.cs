namespace Attend;

public partial class Tensor
{
    /// <summary>
    /// The batched product op(a)·op(b) of 3-D tensors [batch, rows, cols] (transposing the last two dimensions
    /// when the flag is set), the single primitive behind matmul, mm, bmm and linear layers. Its backward is
    /// two more of the same, so no transposed copy is ever made.
    /// </summary>
    internal static Tensor BatchedGemm(Tensor a, bool transA, Tensor b, bool transB, string op)
    {
        SameDevice(op, a, b);
        int batch = a.dims[0], m = transA ? a.dims[2] : a.dims[1], k = transA ? a.dims[1] : a.dims[2];
        int kb = transB ? b.dims[2] : b.dims[1], n = transB ? b.dims[1] : b.dims[2];
        if (k != kb || b.dims[0] != batch)
        {
            throw new ArgumentException(
                $"{op}: shapes {Format(a.dims)}{(transA ? "ᵀ" : "")} and {Format(b.dims)}{(transB ? "ᵀ" : "")} cannot be " +
                $"multiplied ({m}×{k} by {kb}×{n}, batch {batch} vs {b.dims[0]}).");
        }

        var result = a.NewLike([batch, m, n], zero: k == 0);
        if (k > 0)
        {
            a.Backend.Gemm(transA, transB, batch, m, n, k, 1f, a.storage, m * k, b.storage, k * n, 0f, result.storage, m * n);
        }

        return Record(result, op, [a, b], g => [
            a.requires_grad ? (transA ? BatchedGemm(b, transB, g, true, op) : BatchedGemm(g, false, b, !transB, op)) : null,
            b.requires_grad ? (transB ? BatchedGemm(g, true, a, transA, op) : BatchedGemm(a, !transA, g, false, op)) : null]);
    }

    /// <summary>
    /// Matrix product with PyTorch's rules: 1-D·1-D is a dot product; a 1-D operand is promoted to a matrix and the
    /// added dimension removed after; batch dimensions (all but the last two) broadcast.
    /// </summary>
    public Tensor matmul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (dims.Length == 0 || other.dims.Length == 0)
        {
            throw new ArgumentException(
                $"matmul: both arguments need at least 1 dimension, got shapes {Format(dims)} and {Format(other.dims)}; use mul for scalars.");
        }

        if (dims.Length == 1 && other.dims.Length == 1)
        {
            return dot(other);
        }

        if (dims.Length == 1)
        {
            return unsqueeze(0).matmul(other).squeeze(-2);
        }

        if (other.dims.Length == 1)
        {
            return matmul(other.unsqueeze(-1)).squeeze(-1);
        }

        int m = dims[^2], k = dims[^1], kb = other.dims[^2], n = other.dims[^1];
        if (k != kb)
        {
            throw new ArgumentException(
                $"matmul: shapes {Format(dims)} and {Format(other.dims)} cannot be multiplied: the last dimension of the " +
                $"first ({k}) must equal the second-to-last of the second ({kb}).");
        }

        if (other.dims.Length == 2)
        {
            // [..., m, k] @ [k, n]: fold the batch into the rows, one large GEMM.
            // (The row count is spelled out: reshape(-1, k) is ambiguous when k is 0.)
            var rows = reshape(Product(dims.AsSpan(0, dims.Length - 1)), k).unsqueeze(0);
            var product = BatchedGemm(rows, false, other.unsqueeze(0), false, "matmul");
            return product.reshape([.. dims[..^1], n]);
        }

        var batchA = dims[..^2];
        var batchB = other.dims[..^2];
        var batch = BroadcastShape("matmul", batchA, batchB);
        var count = Product(batch);
        var a3 = expand([.. batch, m, k]).reshape(count, m, k);
        var b3 = other.expand([.. batch, k, n]).reshape(count, k, n);
        return BatchedGemm(a3, false, b3, false, "matmul").reshape([.. batch, m, n]);
    }

    /// <summary>The product of two matrices [m,k]·[k,n].</summary>
    public Tensor mm(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (dims.Length != 2 || other.dims.Length != 2)
        {
            throw new ArgumentException($"mm: expects two 2-D tensors, got shapes {Format(dims)} and {Format(other.dims)}.");
        }

        return matmul(other);
    }

    /// <summary>Batched product [b,m,k]·[b,k,n] → [b,m,n].</summary>
    public Tensor bmm(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (dims.Length != 3 || other.dims.Length != 3)
        {
            throw new ArgumentException($"bmm: expects two 3-D tensors, got shapes {Format(dims)} and {Format(other.dims)}.");
        }

        if (dims[0] != other.dims[0])
        {
            throw new ArgumentException($"bmm: batch sizes differ: {Format(dims)} and {Format(other.dims)}.");
        }

        return BatchedGemm(this, false, other, false, "bmm");
    }

    /// <summary>The inner product of two 1-D tensors.</summary>
    public Tensor dot(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (dims.Length != 1 || other.dims.Length != 1 || dims[0] != other.dims[0])
        {
            throw new ArgumentException(
                $"dot: expects two 1-D tensors of equal length, got shapes {Format(dims)} and {Format(other.dims)}.");
        }

        return mul(other).sum();
    }

    /// <summary>The outer product of two 1-D tensors: [n]⊗[m] → [n,m].</summary>
    public Tensor outer(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (dims.Length != 1 || other.dims.Length != 1)
        {
            throw new ArgumentException($"outer: expects two 1-D tensors, got shapes {Format(dims)} and {Format(other.dims)}.");
        }

        return unsqueeze(1).mul(other.unsqueeze(0));
    }
}
