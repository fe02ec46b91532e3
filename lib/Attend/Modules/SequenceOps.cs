using Attend.Autograd;

namespace Attend.Modules;

/// <summary>
/// The few slicing and joining steps the recurrent layers and embeddings need (split a tensor into pieces, join
/// pieces back, look rows up), written directly on <c>IBackend.CopyBlock</c>/<c>IndexSelect</c> with their own
/// backward. Stand-ins until the library's general <c>torch.cat</c>/<c>split</c>/<c>index_select</c> exist.
/// </summary>
internal static class SequenceOps
{
    /// <summary>
    /// Splits <paramref name="x"/> along <paramref name="dim"/> into consecutive pieces of the given sizes.
    /// </summary>
    /// <remarks>
    /// A recurrent layer splits a [T, …] tensor into T steps. If each piece's backward returned a full-size
    /// gradient for x (as a lone slice must), the backward pass would cost T full-size tensors: O(T²). Instead the
    /// pieces hang off one scalar "gate" node: each piece writes its gradient into a shared buffer, and the gate,
    /// which the engine visits after all of its pieces, hands that buffer to x once. Backward stays O(T).
    /// </remarks>
    public static Tensor[] Split(Tensor x, int dim, int[] sizes, string op = "split")
    {
        var d = Tensor.NormalizeDim(dim, x.dims.Length, op);
        var (outer, n, inner) = x.Split3(d);
        if (sizes.Any(s => s < 0) || sizes.Sum() != n)
        {
            throw new ArgumentException(
                $"{op}: sizes {Tensor.Format(sizes)} must be non-negative and add up to the size of dimension {dim} ({n}) " +
                $"of a tensor of shape {Tensor.Format(x.dims)}.", nameof(sizes));
        }

        var pieces = new Tensor[sizes.Length];
        var offsets = new int[sizes.Length];
        for (int i = 0, offset = 0; i < sizes.Length; offset += sizes[i], i++)
        {
            offsets[i] = offset;
            var shape = (int[])x.dims.Clone();
            shape[d] = sizes[i];
            pieces[i] = x.NewLike(shape, zero: false);
            x.Backend.CopyBlock(x.storage, offset * inner, n * inner, pieces[i].storage, 0, sizes[i] * inner, outer, sizes[i] * inner);
        }

        if (!GradMode.IsEnabled || !x.requires_grad)
        {
            return pieces;
        }

        Tensor? buffer = null;
        var gate = Tensor.Record(x.NewLike([]), op, [x], _ =>
        {
            var g = buffer ?? x.NewLike(x.dims);
            buffer = null; // a second backward (retain_graph) starts from a fresh buffer
            return [g];
        });
        for (var i = 0; i < pieces.Length; i++)
        {
            var (offset, size) = (offsets[i], sizes[i]);
            pieces[i] = Tensor.Record(pieces[i], op, [gate], g =>
            {
                buffer ??= x.NewLike(x.dims);
                x.Backend.CopyBlock(g.storage, 0, size * inner, buffer.storage, offset * inner, n * inner, outer, size * inner);
                return [g.NewLike([])];
            });
        }

        return pieces;
    }

    /// <summary>Splits into <paramref name="chunks"/> equal pieces along <paramref name="dim"/> (e.g. LSTM gates).</summary>
    public static Tensor[] Chunk(Tensor x, int chunks, int dim)
    {
        var n = x.size(dim);
        if (chunks <= 0 || n % chunks != 0)
        {
            throw new ArgumentException(
                $"chunk: dimension {dim} of a tensor of shape {Tensor.Format(x.dims)} has size {n}, which cannot be split " +
                $"into {chunks} equal pieces.", nameof(chunks));
        }

        return Split(x, dim, Enumerable.Repeat(n / chunks, chunks).ToArray(), "chunk");
    }

    /// <summary>The slices along <paramref name="dim"/> with that dimension removed ([T, B, F] → T × [B, F]).</summary>
    public static Tensor[] Unbind(Tensor x, int dim)
    {
        var d = Tensor.NormalizeDim(dim, x.dims.Length, "unbind");
        return Split(x, d, Enumerable.Repeat(1, x.dims[d]).ToArray(), "unbind").Select(p => p.squeeze(d)).ToArray();
    }

    /// <summary>Joins tensors along an existing dimension; all other dimensions must match.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> xs, int dim)
    {
        if (xs.Count == 0)
        {
            throw new ArgumentException("cat: expected a non-empty list of tensors.", nameof(xs));
        }

        var first = xs[0];
        var d = Tensor.NormalizeDim(dim, first.dims.Length, "cat");
        for (var i = 1; i < xs.Count; i++)
        {
            Tensor.SameDevice("cat", first, xs[i]);
            var same = xs[i].dims.Length == first.dims.Length &&
                       xs[i].dims.Select((s, k) => k == d || s == first.dims[k]).All(ok => ok);
            if (!same)
            {
                throw new ArgumentException(
                    $"cat: tensors must have the same shape except in dimension {dim}, but tensor 0 has " +
                    $"{Tensor.Format(first.dims)} and tensor {i} has {Tensor.Format(xs[i].dims)}.", nameof(xs));
            }
        }

        var shape = (int[])first.dims.Clone();
        shape[d] = xs.Sum(x => x.dims[d]);
        var result = first.NewLike(shape, zero: false);
        var (outer, n, inner) = result.Split3(d);
        var offsets = new int[xs.Count];
        for (int i = 0, offset = 0; i < xs.Count; offset += xs[i].dims[d], i++)
        {
            offsets[i] = offset;
            var size = xs[i].dims[d];
            first.Backend.CopyBlock(xs[i].storage, 0, size * inner, result.storage, offset * inner, n * inner, outer, size * inner);
        }

        return Tensor.Record(result, "cat", [.. xs], g =>
        {
            var grads = new Tensor?[xs.Count];
            for (var i = 0; i < xs.Count; i++)
            {
                var size = xs[i].dims[d];
                var gi = xs[i].NewLike(xs[i].dims, zero: false);
                g.Backend.CopyBlock(g.storage, offsets[i] * inner, n * inner, gi.storage, 0, size * inner, outer, size * inner);
                grads[i] = gi;
            }

            return grads;
        });
    }

    /// <summary>Joins equally shaped tensors along a new dimension (T × [B, H] → [T, B, H]).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> xs, int dim)
    {
        if (xs.Count == 0)
        {
            throw new ArgumentException("stack: expected a non-empty list of tensors.", nameof(xs));
        }

        var d = Tensor.NormalizeDim(dim, xs[0].dims.Length + 1, "stack");
        for (var i = 1; i < xs.Count; i++)
        {
            if (!xs[i].ShapeEquals(xs[0]))
            {
                throw new ArgumentException(
                    $"stack: expects each tensor to be equal size, but got {Tensor.Format(xs[0].dims)} at entry 0 and " +
                    $"{Tensor.Format(xs[i].dims)} at entry {i}.", nameof(xs));
            }
        }

        return Cat(xs.Select(x => x.unsqueeze(d)).ToList(), d);
    }

    /// <summary>
    /// Rows of <paramref name="weight"/> [num, dim] picked by <paramref name="indices"/> (whole floats, any shape):
    /// result [..., dim]. The gradient adds back into the picked rows, except row <paramref name="paddingIdx"/>.
    /// </summary>
    public static Tensor EmbeddingRows(Tensor weight, Tensor indices, int? paddingIdx, string op = "embedding")
    {
        Tensor.SameDevice(op, weight, indices);
        if (weight.dims.Length != 2)
        {
            throw new ArgumentException($"{op}: weight must be 2-D [num_embeddings, embedding_dim], got {Tensor.Format(weight.dims)}.", nameof(weight));
        }

        var (num, width) = (weight.dims[0], weight.dims[1]);
        var values = indices.ToArray();
        var index = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v != MathF.Floor(v) || v < 0 || v >= num)
            {
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"{op}: index {v} at position {i} is out of range: indices must be whole numbers in [0, {num}) " +
                    $"for a table of {num} rows.");
            }

            index[i] = (int)v;
        }

        var result = weight.NewLike([.. indices.dims, width], zero: false);
        weight.Backend.IndexSelect(weight.storage, 1, num, width, index, result.storage);
        return Tensor.Record(result, op, [weight], g =>
        {
            var grad = weight.NewLike(weight.dims);
            g.Backend.IndexAdd(g.storage, 1, num, width, index, grad.storage);
            if (paddingIdx is { } pad)
            {
                // The padding row is a fixed "nothing here" vector: it never learns.
                var zeros = weight.NewLike([width]);
                g.Backend.CopyBlock(zeros.storage, 0, width, grad.storage, pad * width, width, 1, width);
            }

            return [grad];
        });
    }
}
