namespace Attend;

public partial class Tensor
{
    /// <summary>
    /// The same values with a new shape (one dimension may be −1, inferred). Shares storage: every tensor is
    /// contiguous, so a reshape is always a view.
    /// </summary>
    public Tensor reshape(params int[] shape)
    {
        var target = InferShape(shape, "reshape");
        if (target.AsSpan().SequenceEqual(dims))
        {
            return this;
        }

        var result = new Tensor(storage, target);
        return Record(result, "reshape", [this], g => [g.reshape(dims)]);
    }

    /// <summary>Same as <see cref="reshape"/> (all tensors are contiguous).</summary>
    public Tensor view(params int[] shape) => reshape(shape);

    /// <summary>Reshapes to <paramref name="other"/>'s shape.</summary>
    public Tensor view_as(Tensor other) => reshape(other.dims);

    private int[] InferShape(int[] shape, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var result = (int[])shape.Clone();
        var unknown = -1;
        var known = 1;
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (unknown >= 0)
                {
                    throw new ArgumentException($"{op}: only one dimension can be -1, got {Format(shape)}.", nameof(shape));
                }

                unknown = i;
            }
            else if (result[i] < 0)
            {
                throw new ArgumentException($"{op}: invalid dimension {result[i]} in {Format(shape)}.", nameof(shape));
            }
            else
            {
                known *= result[i];
            }
        }

        if (unknown >= 0)
        {
            if (known == 0 || numel() % known != 0)
            {
                throw new ArgumentException(
                    $"{op}: shape {Format(shape)} is invalid for a tensor of {numel()} elements (shape {Format(dims)}).",
                    nameof(shape));
            }

            result[unknown] = numel() / known;
        }
        else if (known != numel())
        {
            throw new ArgumentException(
                $"{op}: shape {Format(shape)} ({known} elements) is invalid for a tensor of {numel()} elements " +
                $"(shape {Format(dims)}).", nameof(shape));
        }

        return result;
    }

    /// <summary>Flattens dimensions start_dim … end_dim into one.</summary>
    public Tensor flatten(int start_dim = 0, int end_dim = -1)
    {
        if (dims.Length == 0)
        {
            return reshape(1);
        }

        var s = NormalizeDim(start_dim, dims.Length, "flatten", nameof(start_dim));
        var e = NormalizeDim(end_dim, dims.Length, "flatten", nameof(end_dim));
        if (s > e)
        {
            throw new ArgumentException($"flatten: start_dim ({start_dim}) comes after end_dim ({end_dim}).", nameof(start_dim));
        }

        var shape = dims[..s].Append(Product(dims.AsSpan(s, e - s + 1))).Concat(dims[(e + 1)..]).ToArray();
        return reshape(shape);
    }

    /// <summary>Reorders the dimensions: result dimension i is this tensor's dimension <paramref name="order"/>[i].</summary>
    public Tensor permute(params int[] order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Length != dims.Length)
        {
            throw new ArgumentException(
                $"permute: the order {Format(order)} has {order.Length} entries but the tensor has {dims.Length} dimensions " +
                $"(shape {Format(dims)}).", nameof(order));
        }

        var perm = new int[order.Length];
        var seen = new bool[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            perm[i] = NormalizeDim(order[i], dims.Length, "permute", nameof(order));
            if (seen[perm[i]])
            {
                throw new ArgumentException($"permute: dimension {order[i]} appears twice in {Format(order)}.", nameof(order));
            }

            seen[perm[i]] = true;
        }

        var identity = true;
        for (var i = 0; i < perm.Length; i++)
        {
            identity &= perm[i] == i;
        }

        if (identity)
        {
            return this;
        }

        var own = ContiguousStrides(dims);
        var shape = new int[perm.Length];
        var strides = new int[perm.Length];
        var inverse = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            shape[i] = dims[perm[i]];
            strides[i] = own[perm[i]];
            inverse[perm[i]] = i;
        }

        var result = NewLike(shape, zero: false);
        Backend.StridedCopy(storage, strides, result.storage, shape);
        return Record(result, "permute", [this], g => [g.permute(inverse)]);
    }

    /// <summary>Swaps two dimensions.</summary>
    public Tensor transpose(int dim0, int dim1)
    {
        var a = NormalizeDim(dim0, dims.Length, "transpose", nameof(dim0));
        var b = NormalizeDim(dim1, dims.Length, "transpose", nameof(dim1));
        var order = Enumerable.Range(0, dims.Length).ToArray();
        (order[a], order[b]) = (order[b], order[a]);
        return permute(order);
    }

    /// <summary>The transpose of a matrix (a 0-D or 1-D tensor is returned as is).</summary>
    public Tensor t()
    {
        if (dims.Length > 2)
        {
            throw new InvalidOperationException($"t: expects a tensor with at most 2 dimensions, got shape {Format(dims)}; use transpose(dim0, dim1).");
        }

        return dims.Length < 2 ? this : transpose(0, 1);
    }

    /// <summary>The transpose of a matrix, as the property <c>x.T</c>.</summary>
    public Tensor T => t();

    /// <summary>Removes every dimension of size 1.</summary>
    public Tensor squeeze() => reshape(dims.Where(d => d != 1).ToArray());

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1 (otherwise returns the tensor unchanged, as PyTorch).</summary>
    public Tensor squeeze(int dim)
    {
        if (dims.Length == 0)
        {
            return this;
        }

        var d = NormalizeDim(dim, dims.Length, "squeeze");
        return dims[d] != 1 ? this : reshape(dims.Where((_, i) => i != d).ToArray());
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/>.</summary>
    public Tensor unsqueeze(int dim)
    {
        var d = NormalizeDim(dim, dims.Length + 1, "unsqueeze");
        return reshape([.. dims.AsSpan(0, d), 1, .. dims.AsSpan(d)]);
    }

    /// <summary>
    /// Broadcasts to a larger shape (−1 keeps a dimension), materializing the copy. Only dimensions of
    /// size 1 may grow; new dimensions may be prepended.
    /// </summary>
    public Tensor expand(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < dims.Length)
        {
            throw new ArgumentException(
                $"expand: the target {Format(shape)} has fewer dimensions than the tensor (shape {Format(dims)}).", nameof(shape));
        }

        var target = (int[])shape.Clone();
        var shift = target.Length - dims.Length;
        for (var i = 0; i < target.Length; i++)
        {
            var own = i < shift ? 1 : dims[i - shift];
            if (target[i] == -1)
            {
                if (i < shift)
                {
                    throw new ArgumentException($"expand: -1 is not allowed for a new leading dimension in {Format(shape)}.", nameof(shape));
                }

                target[i] = own;
            }
            else if (own != 1 && own != target[i])
            {
                throw new ArgumentException(
                    $"expand: the size of dimension {i} must match ({own} vs {target[i]}) or be 1: cannot expand " +
                    $"{Format(dims)} to {Format(shape)}.", nameof(shape));
            }
        }

        if (target.AsSpan().SequenceEqual(dims))
        {
            return this;
        }

        var result = NewLike(target, zero: false);
        Backend.StridedCopy(storage, BroadcastStrides(dims, target), result.storage, target);
        return Record(result, "expand", [this], g => [g.SumTo(dims)]);
    }

    /// <summary>Expands to <paramref name="other"/>'s shape.</summary>
    public Tensor expand_as(Tensor other) => expand(other.dims);

    /// <summary>Same as <see cref="expand"/> with the target shape.</summary>
    public Tensor broadcast_to(params int[] shape) => expand(shape);
}
