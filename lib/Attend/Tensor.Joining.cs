using Attend.Autograd;

namespace Attend;

public partial class Tensor
{
    // Joining and cutting along one dimension. Every op here views its tensors as [outer, n, inner] around the
    // dimension d, so a contiguous slab [start, start + length) of d is `outer` rows of `length·inner` values,
    // `n·inner` apart: one IBackend.CopyBlock moves it. Cutting (narrow) and padding with zeros (its adjoint)
    // are each other's backward.

    /// <summary>
    /// The slab [start, start + length) of dimension <paramref name="d"/> (already normalized and checked), as a new
    /// tensor. Backward: the gradient is copied into a zero tensor of the input's shape (<see cref="EmbedBlock"/>).
    /// </summary>
    internal Tensor NarrowBlock(int d, int start, int length, string op)
    {
        if (start == 0 && length == dims[d])
        {
            return this;
        }

        var (outer, n, inner) = Split3(d);
        var shape = (int[])dims.Clone();
        shape[d] = length;
        var result = NewLike(shape, zero: false);
        if (result.numel() > 0)
        {
            Backend.CopyBlock(storage, start * inner, n * inner, result.storage, 0, length * inner, outer, length * inner);
        }

        return Record(result, op, [this], g => [g.EmbedBlock(d, start, n, op)]);
    }

    /// <summary>
    /// Zeros of size <paramref name="fullSize"/> along <paramref name="d"/> with this tensor written at
    /// [start, start + size(d)): the adjoint of <see cref="NarrowBlock"/> (and its backward is a narrow).
    /// </summary>
    internal Tensor EmbedBlock(int d, int start, int fullSize, string op)
    {
        var (outer, length, inner) = Split3(d);
        if (start == 0 && length == fullSize)
        {
            return this;
        }

        var shape = (int[])dims.Clone();
        shape[d] = fullSize;
        var result = NewLike(shape, zero: true);
        if (numel() > 0)
        {
            Backend.CopyBlock(storage, 0, length * inner, result.storage, start * inner, fullSize * inner, outer, length * inner);
        }

        return Record(result, op, [this], g => [g.NarrowBlock(d, start, length, op)]);
    }

    private void RequireDimensions(string op)
    {
        if (dims.Length == 0)
        {
            throw new InvalidOperationException(
                $"{op}: needs a tensor with at least 1 dimension, but got a 0-dimensional tensor (a scalar); use unsqueeze(0) first.");
        }
    }

    /// <summary>Checks a position along dimension <paramref name="d"/> (negative counts from the end) and normalizes it.</summary>
    private int CheckPosition(int index, int d, string op)
    {
        var n = dims[d];
        if (index < -n || index >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(index),
                $"{op}: index {index} is out of range for dimension {d} of size {n} (shape {Format(dims)}); " +
                $"expected {-n} to {n - 1}.");
        }

        return index < 0 ? index + n : index;
    }

    /// <summary>
    /// The <paramref name="length"/> entries of dimension <paramref name="dim"/> starting at <paramref name="start"/>
    /// (negative counts from the end), as PyTorch's <c>x.narrow</c>. The result is a copy here (tensors are always
    /// contiguous); gradients flow back into that slab of the input.
    /// </summary>
    public Tensor narrow(int dim, int start, int length)
    {
        RequireDimensions("narrow");
        var d = NormalizeDim(dim, dims.Length, "narrow");
        var n = dims[d];
        if (start < -n || start > n)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"narrow: start {start} is out of range for dimension {d} of size {n} (shape {Format(dims)}); expected {-n} to {n}.");
        }

        var s = start < 0 ? start + n : start;
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"narrow: length must be non-negative, got {length} (shape {Format(dims)}).");
        }

        if (s + length > n)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"narrow: start ({s}) + length ({length}) exceeds dimension {d} of size {n} (shape {Format(dims)}).");
        }

        return NarrowBlock(d, s, length, "narrow");
    }

    /// <summary>
    /// The slice at position <paramref name="index"/> of dimension <paramref name="dim"/>, with that dimension removed:
    /// <c>x.select(1, 0)</c> is <c>x[:, 0]</c>. Negative indices count from the end.
    /// </summary>
    public Tensor select(int dim, int index)
    {
        RequireDimensions("select");
        var d = NormalizeDim(dim, dims.Length, "select");
        return SelectAt(d, CheckPosition(index, d, "select"), "select");
    }

    private Tensor SelectAt(int d, int index, string op) =>
        NarrowBlock(d, index, 1, op).reshape(dims.Where((_, i) => i != d).ToArray());

    /// <summary>All slices along <paramref name="dim"/>, each with that dimension removed (the inverse of stack).</summary>
    public Tensor[] unbind(int dim = 0)
    {
        RequireDimensions("unbind");
        var d = NormalizeDim(dim, dims.Length, "unbind");
        var pieces = SplitSizes(d, Enumerable.Repeat(1, dims[d]).ToArray(), "unbind");
        var shape = dims.Where((_, i) => i != d).ToArray();
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] = pieces[i].reshape(shape);
        }

        return pieces;
    }

    /// <summary>
    /// Cuts dimension <paramref name="dim"/> into pieces of <paramref name="split_size"/> entries; the last piece is
    /// smaller when the size does not divide evenly (7 split by 3 gives 3, 3, 1).
    /// </summary>
    public Tensor[] split(int split_size, int dim = 0)
    {
        RequireDimensions("split");
        var d = NormalizeDim(dim, dims.Length, "split");
        if (split_size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(split_size),
                $"split: split_size must be positive, got {split_size} (tensor shape {Format(dims)}).");
        }

        var n = dims[d];
        var count = Math.Max(1, (n + split_size - 1) / split_size);
        var sizes = new int[count];
        for (var i = 0; i < count; i++)
        {
            sizes[i] = Math.Min(split_size, n - (i * split_size));
        }

        return SplitSizes(d, sizes, "split");
    }

    /// <summary>Cuts dimension <paramref name="dim"/> into pieces of the given sizes, which must add up to its size.</summary>
    public Tensor[] split(int[] split_sizes, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(split_sizes);
        RequireDimensions("split");
        var d = NormalizeDim(dim, dims.Length, "split");
        var total = 0;
        foreach (var size in split_sizes)
        {
            if (size < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(split_sizes),
                    $"split: split_sizes {Format(split_sizes)} contains the negative size {size}.");
            }

            total += size;
        }

        if (total != dims[d])
        {
            throw new ArgumentException(
                $"split: split_sizes {Format(split_sizes)} add up to {total} but dimension {d} has size {dims[d]} " +
                $"(shape {Format(dims)}).", nameof(split_sizes));
        }

        return SplitSizes(d, split_sizes, "split");
    }

    /// <summary>
    /// Cuts dimension <paramref name="d"/> into consecutive pieces of the given (validated) sizes.
    /// </summary>
    /// <remarks>
    /// A recurrent layer splits a [T, …] tensor into T steps. If each piece's backward returned a full-size gradient
    /// (as a lone narrow must), backward would cost T full-size tensors: O(T²). Instead the pieces hang off one
    /// scalar "gate" node: each piece writes its gradient into a shared buffer, and the gate, which the engine
    /// visits after all of its pieces, hands that buffer to this tensor once. Backward stays O(T).
    /// </remarks>
    private Tensor[] SplitSizes(int d, int[] sizes, string op)
    {
        var (outer, n, inner) = Split3(d);
        var pieces = new Tensor[sizes.Length];
        var offsets = new int[sizes.Length];
        for (int i = 0, offset = 0; i < sizes.Length; offset += sizes[i], i++)
        {
            offsets[i] = offset;
            var shape = (int[])dims.Clone();
            shape[d] = sizes[i];
            pieces[i] = NewLike(shape, zero: false);
            Backend.CopyBlock(storage, offset * inner, n * inner, pieces[i].storage, 0, sizes[i] * inner, outer, sizes[i] * inner);
        }

        if (!GradMode.IsEnabled || !requires_grad)
        {
            return pieces;
        }

        Tensor? buffer = null;
        var gate = Record(NewLike([]), op, [this], _ =>
        {
            var g = buffer ?? NewLike(dims);
            buffer = null; // a second backward (retain_graph) starts from a fresh buffer
            return [g];
        });
        for (var i = 0; i < pieces.Length; i++)
        {
            var (offset, size) = (offsets[i], sizes[i]);
            pieces[i] = Record(pieces[i], op, [gate], g =>
            {
                buffer ??= NewLike(dims);
                Backend.CopyBlock(g.storage, 0, size * inner, buffer.storage, offset * inner, n * inner, outer, size * inner);
                return [g.NewLike([])];
            });
        }

        return pieces;
    }

    /// <summary>
    /// Cuts dimension <paramref name="dim"/> into <paramref name="chunks"/> pieces of ⌈n / chunks⌉ entries (the last
    /// smaller), as PyTorch: fewer pieces come back when the size does not allow that many (size 5 in 4 chunks gives 2, 2, 1).
    /// </summary>
    public Tensor[] chunk(int chunks, int dim = 0)
    {
        RequireDimensions("chunk");
        var d = NormalizeDim(dim, dims.Length, "chunk");
        if (chunks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(chunks), $"chunk: chunks must be positive, got {chunks}.");
        }

        return split(Math.Max(1, (dims[d] + chunks - 1) / chunks), d);
    }

    /// <summary>
    /// Joins tensors along an existing dimension (all other sizes must match): the implementation of
    /// <c>torch.cat</c>. Backward: each input gets its slab of the gradient (a narrow).
    /// </summary>
    internal static Tensor Cat(Tensor[] tensors, int dim)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("cat: expected a non-empty list of tensors.", nameof(tensors));
        }

        var inputs = (Tensor[])tensors.Clone();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentNullException(nameof(tensors), $"cat: tensor {i} is null.");
            }
        }

        var first = inputs[0];
        if (first.dims.Length == 0)
        {
            throw new ArgumentException(
                "cat: tensor 0 is 0-dimensional (a scalar) and cannot be concatenated; use stack, or unsqueeze(0) first.",
                nameof(tensors));
        }

        var d = NormalizeDim(dim, first.dims.Length, "cat");
        var total = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            SameDevice("cat", first, t);
            if (t.dims.Length != first.dims.Length)
            {
                throw new ArgumentException(
                    $"cat: tensors must have the same number of dimensions, but tensor 0 has shape {Format(first.dims)} " +
                    $"and tensor {i} has shape {Format(t.dims)}.", nameof(tensors));
            }

            for (var k = 0; k < t.dims.Length; k++)
            {
                if (k != d && t.dims[k] != first.dims[k])
                {
                    throw new ArgumentException(
                        $"cat: tensors must have the same shape except in dimension {d}, but tensor 0 has " +
                        $"{Format(first.dims)} and tensor {i} has {Format(t.dims)}.", nameof(tensors));
                }
            }

            total += t.dims[d];
        }

        var shape = (int[])first.dims.Clone();
        shape[d] = total;
        var (outer, _, inner) = first.Split3(d);
        var result = first.NewLike(shape, zero: false);
        var starts = new int[inputs.Length];
        var offset = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            // Tensor i fills columns [offset, offset + n_i) of every one of the `outer` rows.
            var cols = inputs[i].dims[d] * inner;
            if (outer > 0 && cols > 0)
            {
                first.Backend.CopyBlock(inputs[i].storage, 0, cols, result.storage, offset * inner, total * inner, outer, cols);
            }

            starts[i] = offset;
            offset += inputs[i].dims[d];
        }

        return Record(result, "cat", inputs, g =>
            inputs.Select((t, i) => t.requires_grad ? g.NarrowBlock(d, starts[i], t.dims[d], "cat") : null).ToArray());
    }

    /// <summary>Joins equally shaped tensors along a new dimension <paramref name="dim"/>: the implementation of <c>torch.stack</c>.</summary>
    internal static Tensor Stack(Tensor[] tensors, int dim)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("stack: expected a non-empty list of tensors.", nameof(tensors));
        }

        for (var i = 0; i < tensors.Length; i++)
        {
            if (tensors[i] is null)
            {
                throw new ArgumentNullException(nameof(tensors), $"stack: tensor {i} is null.");
            }

            if (!tensors[i].ShapeEquals(tensors[0]))
            {
                throw new ArgumentException(
                    $"stack: expects each tensor to be equal size, but got {Format(tensors[0].dims)} at entry 0 and " +
                    $"{Format(tensors[i].dims)} at entry {i}.", nameof(tensors));
            }
        }

        var d = NormalizeDim(dim, tensors[0].dims.Length + 1, "stack");
        return Cat(tensors.Select(t => t.unsqueeze(d)).ToArray(), d);
    }
}
