namespace Attend;

public partial class Tensor
{
    // Picking entries by index. Indices are float tensors holding whole numbers; they are read to the host and
    // checked there (a kernel reading out of bounds would corrupt memory, or on a GPU fail without a message).
    // The kernels come in adjoint pairs, and each op's backward is its partner:
    //   IndexSelect (take entries along d)       ↔ IndexAdd (add them back)
    //   Gather (y[o,j,i] = x[o, index[o,j,i], i]) ↔ ScatterAdd (y[o, index[o,j,i], i] += x[o,j,i])

    // ---- the shared primitives ----------------------------------------------------------------------------

    /// <summary>
    /// Entries <paramref name="index"/>[0], [1], … of dimension <paramref name="d"/> (validated by the caller): the
    /// primitive behind index_select, flip, roll and stepped slices. Backward: the gradient rows are added back
    /// to the positions they came from (IndexAdd), so a position taken twice receives both.
    /// </summary>
    internal Tensor TakeAlong(int d, int[] index, string op)
    {
        var (outer, n, inner) = Split3(d);
        var shape = (int[])dims.Clone();
        shape[d] = index.Length;
        var result = NewLike(shape, zero: false);
        if (result.numel() > 0)
        {
            Backend.IndexSelect(storage, outer, n, inner, index, result.storage);
        }

        return Record(result, op, [this], g => [g.PutAlong(d, index, n, op)]);
    }

    /// <summary>The adjoint of <see cref="TakeAlong"/>: zeros of size <paramref name="n"/> along d, row j added at index[j].</summary>
    private Tensor PutAlong(int d, int[] index, int n, string op)
    {
        var (outer, _, inner) = Split3(d);
        var shape = (int[])dims.Clone();
        shape[d] = n;
        var result = NewLike(shape, zero: true);
        if (numel() > 0)
        {
            Backend.IndexAdd(storage, outer, n, inner, index, result.storage);
        }

        return Record(result, op, [this], g => [g.TakeAlong(d, index, op)]);
    }

    /// <summary>y[o, j, i] = x[o, index[o, j, i], i]; x matches index in every dimension but d (validated by the caller).</summary>
    private static Tensor GatherAlong(Tensor x, int d, Tensor index, string op)
    {
        var (outer, n, inner) = x.Split3(d);
        var result = x.NewLike((int[])index.dims.Clone(), zero: false);
        if (result.numel() > 0)
        {
            x.Backend.Gather(x.storage, outer, n, inner, index.storage, index.dims[d], result.storage);
        }

        return Record(result, op, [x], g => [ScatterAlong(g, d, index, n, op)]);
    }

    /// <summary>The adjoint of <see cref="GatherAlong"/>: zeros of size <paramref name="n"/> along d, src[o,j,i] added at index[o,j,i].</summary>
    private static Tensor ScatterAlong(Tensor src, int d, Tensor index, int n, string op)
    {
        var (outer, m, inner) = src.Split3(d);
        var shape = (int[])src.dims.Clone();
        shape[d] = n;
        var result = src.NewLike(shape, zero: true);
        if (src.numel() > 0)
        {
            src.Backend.ScatterAdd(src.storage, outer, m, inner, index.storage, n, result.storage);
        }

        return Record(result, op, [src], g => [GatherAlong(g, d, index, op)]);
    }

    /// <summary>
    /// Reads an index tensor to the host and checks every entry is a whole number in [0, <paramref name="size"/>),
    /// the valid positions of dimension <paramref name="d"/> of this tensor.
    /// </summary>
    private int[] ReadIndices(Tensor index, int d, int size, string op)
    {
        SameDevice(op, this, index);
        var values = index.ToArray();
        var result = new int[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            var v = values[k];
            if (v != MathF.Floor(v) || float.IsInfinity(v))
            {
                throw new ArgumentException(
                    $"{op}: index must hold whole numbers, but entry {k} of index (shape {Format(index.dims)}) is {v}.",
                    nameof(index));
            }

            if (v < 0 || v >= size)
            {
                throw new ArgumentOutOfRangeException(nameof(index),
                    $"{op}: index {v} is out of range for dimension {d} of size {size} (tensor shape {Format(dims)}, " +
                    $"index shape {Format(index.dims)}); expected 0 to {size - 1}.");
            }

            result[k] = (int)v;
        }

        return result;
    }

    // ---- public ops ---------------------------------------------------------------------------------------

    /// <summary>
    /// The entries of dimension <paramref name="dim"/> at the positions in the 1-D <paramref name="index"/>, in that
    /// order (repeats allowed): <c>emb.index_select(0, ids)</c> looks up embedding rows.
    /// </summary>
    public Tensor index_select(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        RequireDimensions("index_select");
        var d = NormalizeDim(dim, dims.Length, "index_select");
        if (index.dims.Length > 1)
        {
            throw new ArgumentException(
                $"index_select: index must be 1-D (or a scalar), but has shape {Format(index.dims)}; flatten it first.",
                nameof(index));
        }

        return TakeAlong(d, ReadIndices(index, d, dims[d], "index_select"), "index_select");
    }

    /// <summary>
    /// out[…, j, …] = x[…, index[…, j, …], …] along <paramref name="dim"/>: each output entry reads the position its
    /// index entry names in that dimension. <paramref name="index"/> has the input's number of dimensions, and no size
    /// larger than the input's except along <paramref name="dim"/>; the output has the index's shape.
    /// <c>logp.gather(1, labels.unsqueeze(1))</c> picks each row's label log-probability.
    /// </summary>
    public Tensor gather(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        RequireDimensions("gather");
        var d = NormalizeDim(dim, dims.Length, "gather");
        if (index.dims.Length != dims.Length)
        {
            throw new ArgumentException(
                $"gather: index must have as many dimensions as the input, but index has shape {Format(index.dims)} " +
                $"and the input has shape {Format(dims)}.", nameof(index));
        }

        var source = this;
        for (var k = 0; k < dims.Length; k++)
        {
            if (k == d)
            {
                continue;
            }

            if (index.dims[k] > dims[k])
            {
                throw new ArgumentException(
                    $"gather: index shape {Format(index.dims)} is larger than the input shape {Format(dims)} in " +
                    $"dimension {k}; only dimension {d} (the one gathered along) may be larger.", nameof(index));
            }

            // A smaller index reads only the leading part of that dimension.
            source = source.NarrowBlock(k, 0, index.dims[k], "gather");
        }

        ReadIndices(index, d, dims[d], "gather");
        return GatherAlong(source, d, index, "gather");
    }

    /// <summary>
    /// A copy of this tensor with <paramref name="src"/> added at the positions <paramref name="index"/> names along
    /// <paramref name="dim"/>: out[…, index[…, j, …], …] += src[…, j, …] (repeated positions accumulate). Not in place.
    /// <paramref name="index"/> has this tensor's number of dimensions, is no larger than <paramref name="src"/>
    /// anywhere and no larger than this tensor except along <paramref name="dim"/>.
    /// </summary>
    public Tensor scatter_add(int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(src);
        RequireDimensions("scatter_add");
        SameDevice("scatter_add", this, src);
        var d = NormalizeDim(dim, dims.Length, "scatter_add");
        if (index.dims.Length != dims.Length || src.dims.Length != dims.Length)
        {
            throw new ArgumentException(
                $"scatter_add: self, index and src must have the same number of dimensions, but got shapes " +
                $"{Format(dims)}, {Format(index.dims)} and {Format(src.dims)}.", nameof(index));
        }

        var source = src;
        for (var k = 0; k < dims.Length; k++)
        {
            if (index.dims[k] > src.dims[k] || (k != d && index.dims[k] > dims[k]))
            {
                throw new ArgumentException(
                    $"scatter_add: index shape {Format(index.dims)} is larger than src shape {Format(src.dims)} or than " +
                    $"self shape {Format(dims)} (outside dimension {d}) in dimension {k}.", nameof(index));
            }

            source = source.NarrowBlock(k, 0, index.dims[k], "scatter_add");
        }

        ReadIndices(index, d, dims[d], "scatter_add");
        var added = ScatterAlong(source, d, index, dims[d], "scatter_add");
        for (var k = 0; k < dims.Length; k++)
        {
            // An index smaller than self outside d only touches the leading part: pad the rest with zeros.
            added = added.EmbedBlock(k, 0, dims[k], "scatter_add");
        }

        return add(added);
    }

    /// <summary>
    /// A copy with <paramref name="value"/> wherever <paramref name="mask"/> is non-zero (1 = fill). The mask
    /// broadcasts to this tensor's shape (e.g. a [B, 1, T] padding mask over [B, T, T] attention scores).
    /// Gradients flow only to the entries that were kept.
    /// </summary>
    public Tensor masked_fill(Tensor mask, float value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        SameDevice("masked_fill", this, mask);
        var shape = BroadcastShapes("masked_fill", ("tensor", dims), ("mask", mask.dims));
        if (!shape.AsSpan().SequenceEqual(dims))
        {
            throw new ArgumentException(
                $"masked_fill: mask of shape {Format(mask.dims)} must broadcast to the tensor's shape {Format(dims)}, " +
                $"but together they give {Format(shape)}; the mask cannot add or grow dimensions.", nameof(mask));
        }

        var fill = torch.full([], value, device);
        var result = WhereValues(mask, fill, this, dims);
        return Record(result, "masked_fill", [this], g => [WhereValues(mask, torch.zeros([], g.device), g, dims)]);
    }

    /// <summary>torch.where(condition, this, other): this where condition is non-zero, else other (broadcasting).</summary>
    public Tensor where(Tensor condition, Tensor other) => Where(condition, this, other);

    /// <summary>
    /// a where <paramref name="condition"/> is non-zero, else b, all three broadcast together: the implementation of
    /// <c>torch.where</c>. Backward: each branch gets the gradient where it was chosen (zero elsewhere), summed
    /// back to its own shape.
    /// </summary>
    internal static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        SameDevice("where", condition, a);
        SameDevice("where", a, b);
        var shape = BroadcastShapes("where", ("condition", condition.dims), ("input", a.dims), ("other", b.dims));
        var result = WhereValues(condition, a, b, shape);
        return Record(result, "where", [a, b], g =>
        {
            var zero = torch.zeros([], g.device);
            return [
                a.requires_grad ? WhereValues(condition, g, zero, shape).SumTo(a.dims) : null,
                b.requires_grad ? WhereValues(condition, zero, g, shape).SumTo(b.dims) : null];
        });
    }

    /// <summary>The where kernel over <paramref name="shape"/>, unrecorded.</summary>
    private static Tensor WhereValues(Tensor condition, Tensor a, Tensor b, int[] shape)
    {
        var result = a.NewLike(shape, zero: false);
        if (result.numel() > 0)
        {
            a.Backend.Where(condition.storage, BroadcastStrides(condition.dims, shape), a.storage, BroadcastStrides(a.dims, shape),
                            b.storage, BroadcastStrides(b.dims, shape), result.storage, shape);
        }

        return result;
    }

    /// <summary>The shape several named operands broadcast to, or an error naming the op, the two operands and the dimension.</summary>
    internal static int[] BroadcastShapes(string op, params (string Name, int[] Shape)[] operands)
    {
        var rank = operands.Max(o => o.Shape.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var size = 1;
            var owner = -1;
            for (var k = 0; k < operands.Length; k++)
            {
                var shape = operands[k].Shape;
                var dk = i < rank - shape.Length ? 1 : shape[i - (rank - shape.Length)];
                if (dk == 1)
                {
                    continue;
                }

                if (owner < 0 || size == dk)
                {
                    (size, owner) = (dk, owner < 0 ? k : owner);
                    continue;
                }

                throw new ArgumentException(
                    $"{op}: {operands[owner].Name} of shape {Format(operands[owner].Shape)} and {operands[k].Name} of shape " +
                    $"{Format(shape)} cannot be broadcast together: dimension {i - rank} is {size} in the first and {dk} " +
                    "in the second (sizes must match or one must be 1).");
            }

            result[i] = size;
        }

        return result;
    }

    /// <summary>
    /// indices as one-hot vectors: the result has shape indices.shape + [num_classes] with a 1 at each index
    /// (no gradient). With num_classes = −1 it is one more than the largest index.
    /// </summary>
    internal static Tensor OneHot(Tensor indices, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (numClasses == -1)
        {
            if (indices.numel() == 0)
            {
                throw new ArgumentException("one_hot: cannot infer num_classes from an empty tensor; pass num_classes.", nameof(indices));
            }

            numClasses = (int)Math.Max(0, indices.max().item()) + 1;
        }
        else if (numClasses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numClasses),
                $"one_hot: num_classes must be positive (or -1 to infer it), got {numClasses}.");
        }

        var values = indices.ToArray();
        for (var k = 0; k < values.Length; k++)
        {
            var v = values[k];
            if (v != MathF.Floor(v) || v < 0 || v >= numClasses)
            {
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"one_hot: class index {v} (entry {k} of indices of shape {Format(indices.dims)}) is not a whole number " +
                    $"in 0 to {numClasses - 1} (num_classes {numClasses}).");
            }
        }

        // Scatter a 1 per row: ones [count, 1] added at column indices[r] of zeros [count, num_classes].
        var count = values.Length;
        var result = torch.zeros([count, numClasses], indices.device);
        if (count > 0)
        {
            var ones = torch.ones([count, 1], indices.device);
            result.Backend.ScatterAdd(ones.storage, count, 1, 1, indices.storage, numClasses, result.storage);
        }

        return result.reshape([.. indices.dims, numClasses]);
    }

    /// <summary>Reverses the order of entries along each of <paramref name="dims"/>.</summary>
    public Tensor flip(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var rank = this.dims.Length;
        if (rank == 0 && dims.Length > 0)
        {
            RequireDimensions("flip");
        }

        var seen = new bool[Math.Max(rank, 1)];
        var result = this;
        foreach (var dim in dims)
        {
            var d = NormalizeDim(dim, rank, "flip", nameof(dims));
            if (seen[d])
            {
                throw new ArgumentException($"flip: dimension {dim} appears more than once in {Format(dims)}.", nameof(dims));
            }

            seen[d] = true;
            var n = this.dims[d];
            result = result.TakeAlong(d, Enumerable.Range(0, n).Reverse().ToArray(), "flip");
        }

        return result;
    }

    /// <summary>
    /// Shifts entries along <paramref name="dim"/> by <paramref name="shifts"/> positions with wrap-around:
    /// out[i] = x[(i − shifts) mod n], so roll(1) moves every entry one place forward and the last to the front.
    /// </summary>
    public Tensor roll(int shifts, int dim)
    {
        RequireDimensions("roll");
        var d = NormalizeDim(dim, dims.Length, "roll");
        var n = dims[d];
        if (n == 0)
        {
            return this;
        }

        var k = ((shifts % n) + n) % n;
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = (i - k + n) % n;
        }

        return TakeAlong(d, index, "roll");
    }

    /// <summary>Rolls along several dimensions: <paramref name="shifts"/>[i] positions along <paramref name="dims"/>[i].</summary>
    public Tensor roll(int[] shifts, int[] dims)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(dims);
        if (shifts.Length != dims.Length)
        {
            throw new ArgumentException(
                $"roll: shifts {Format(shifts)} and dims {Format(dims)} must have the same length.", nameof(shifts));
        }

        var result = this;
        for (var i = 0; i < shifts.Length; i++)
        {
            result = result.roll(shifts[i], dims[i]);
        }

        return result;
    }

    /// <summary>Rolls the flattened tensor by <paramref name="shifts"/> and restores the shape (PyTorch's roll without dims).</summary>
    public Tensor roll(int shifts) => reshape(numel()).roll(shifts, 0).reshape(dims);
}
