namespace Attend;

public partial class Tensor
{
    /// <summary>
    /// NumPy/PyTorch basic indexing: <c>x[0]</c> (first row, dimension dropped), <c>x[.., 0]</c> (first column),
    /// <c>x[^1]</c> (last row), <c>x[1..3]</c> (rows 1 and 2), <c>x[TensorIndex.Slice(0, null, 2)]</c> (every other row),
    /// <c>x[TensorIndex.Ellipsis, 0]</c>, <c>x[TensorIndex.None]</c> (new leading axis of size 1). Entries apply to the
    /// dimensions from the left; unmentioned trailing dimensions are kept whole. The result is a copy (tensors are
    /// always contiguous) that passes gradients back to the indexed positions.
    /// </summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(indices);
            var consumed = 0;
            var ellipses = 0;
            foreach (var index in indices)
            {
                ArgumentNullException.ThrowIfNull(index, nameof(indices));
                consumed += index.ConsumesDimension ? 1 : 0;
                ellipses += index.Kind == TensorIndex.IndexKind.Ellipsis ? 1 : 0;
            }

            if (ellipses > 1)
            {
                throw new ArgumentException(
                    $"index: an index can only have a single ellipsis (...), got {Describe(indices)}.", nameof(indices));
            }

            if (consumed > dims.Length)
            {
                throw new ArgumentException(
                    $"index: too many indices for a tensor of {dims.Length} dimension(s) (shape {Format(dims)}): " +
                    $"{Describe(indices)} indexes {consumed}.", nameof(indices));
            }

            // Walk the tensor's dimensions left to right; the intermediate result keeps every dimension (a picked
            // one has size 1) so positions line up, and one reshape at the end drops picks and adds new axes.
            var result = this;
            var shape = new List<int>();
            var d = 0;
            foreach (var index in indices)
            {
                switch (index.Kind)
                {
                    case TensorIndex.IndexKind.Ellipsis:
                        for (var skip = dims.Length - consumed; skip > 0; skip--, d++)
                        {
                            shape.Add(dims[d]);
                        }

                        break;
                    case TensorIndex.IndexKind.NewAxis:
                        shape.Add(1);
                        break;
                    case TensorIndex.IndexKind.Single:
                        var at = index.ResolveSingle(dims[d]);
                        if (at < 0)
                        {
                            throw new ArgumentOutOfRangeException(nameof(indices),
                                $"index: index {index} is out of range for dimension {d} of size {dims[d]} " +
                                $"(shape {Format(dims)}, index {Describe(indices)}).");
                        }

                        result = result.NarrowBlock(d, at, 1, "index");
                        d++;
                        break;
                    default:
                        var (first, count) = index.ResolveSlice(dims[d]);
                        result = index.Step == 1
                            ? result.NarrowBlock(d, first, count, "index")
                            : result.TakeAlong(d, Enumerable.Range(0, count).Select(k => first + (k * index.Step)).ToArray(), "index");
                        shape.Add(count);
                        d++;
                        break;
                }
            }

            for (; d < dims.Length; d++)
            {
                shape.Add(dims[d]);
            }

            return result.reshape([.. shape]);
        }
    }

    private static string Describe(TensorIndex[] indices) => "[" + string.Join(", ", indices.Select(i => i.ToString())) + "]";
}
