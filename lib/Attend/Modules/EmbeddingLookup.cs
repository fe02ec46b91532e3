namespace Attend.Modules;

/// <summary>The embedding lookup: rows of a table picked by whole-float indices, with a padding row that never learns.</summary>
internal static class EmbeddingLookup
{
    /// <summary>
    /// Rows of <paramref name="weight"/> [num, dim] picked by <paramref name="indices"/> (whole floats, any shape):
    /// result [..., dim]. The gradient adds back into the picked rows, except row <paramref name="paddingIdx"/>.
    /// </summary>
    public static Tensor Rows(Tensor weight, Tensor indices, int? paddingIdx, string op = "embedding")
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
