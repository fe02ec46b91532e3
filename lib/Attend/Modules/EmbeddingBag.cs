namespace Attend.Modules;

/// <summary>
/// The summed embedding bag: for each row of indices, the (weighted) sum of the table rows it picks, without the
/// [B, L, d] tensor of looked-up rows in between (one backend pass forward and one backward).
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (a sentence's vector Σ_j l_j A x_j, §6.3).</remarks>
internal static class EmbeddingBag
{
    /// <summary>
    /// Bags <paramref name="indices"/> [B, L] (whole floats) of <paramref name="weight"/> [V, d] rows, summed with
    /// <paramref name="perSampleWeights"/> [B, L] (1 when null): [B, d]. Gradients reach the table and the weights.
    /// </summary>
    public static Tensor Sum(Tensor indices, Tensor weight, Tensor? perSampleWeights)
    {
        const string op = "embedding_bag";
        Tensor.SameDevice(op, weight, indices);
        if (weight.dims.Length != 2 || indices.dims.Length != 2)
        {
            throw new ArgumentException(
                $"{op}: input must be 2-D [B, L] and weight [num_embeddings, embedding_dim], got {Tensor.Format(indices.dims)} and " +
                $"{Tensor.Format(weight.dims)}.", "input");
        }

        if (perSampleWeights is not null && !perSampleWeights.ShapeEquals(indices))
        {
            throw new ArgumentException(
                $"{op}: per_sample_weights must have the input's shape {Tensor.Format(indices.dims)}, got {Tensor.Format(perSampleWeights.dims)}.",
                "per_sample_weights");
        }

        if (perSampleWeights is not null)
        {
            Tensor.SameDevice(op, weight, perSampleWeights);
        }

        var (num, width) = (weight.dims[0], weight.dims[1]);
        var (bags, l) = (indices.dims[0], indices.dims[1]);
        var values = indices.ToArray();
        var index = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v != MathF.Floor(v) || v < 0 || v >= num)
            {
                throw new ArgumentOutOfRangeException("input",
                    $"{op}: index {v} at position {i} is out of range: indices must be whole numbers in [0, {num}) for a table of {num} rows.");
            }

            index[i] = (int)v;
        }

        var result = weight.NewLike([bags, width], zero: false);
        weight.Backend.EmbeddingBagSum(weight.storage, width, index, perSampleWeights?.storage, bags, l, result.storage);
        Tensor[] inputs = perSampleWeights is null ? [weight] : [weight, perSampleWeights];
        return Tensor.Record(result, op, inputs, g =>
        {
            Tensor? gradWeight = null;
            if (weight.requires_grad)
            {
                gradWeight = weight.NewLike(weight.dims);
                g.Backend.EmbeddingBagSumBackward(g.storage, width, index, perSampleWeights?.storage, bags, l, gradWeight.storage);
            }

            // ∂/∂w[o, j] = table[index[o, j]] · g[o]: the looked-up rows against the bag's gradient.
            var gradSamples = perSampleWeights is { requires_grad: true }
                ? EmbeddingLookup.Rows(weight, indices, null, op).bmm(g.unsqueeze(2)).squeeze(2)
                : null;
            return perSampleWeights is null ? [gradWeight] : [gradWeight, gradSamples];
        });
    }
}
