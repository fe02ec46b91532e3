namespace Attend.Seq2Seq;

/// <summary>
/// Greedy decoding: at every step take the single most likely next token and feed it back, until EOS or the maximum
/// length. Fast, but a choice that looks best now can lead to a worse sentence overall (beam search keeps several).
/// </summary>
/// <remarks>
/// Runs under no_grad and leaves the model's mode alone (call <c>eval()</c> first if it has dropout). The whole batch
/// is decoded together; a sequence that has emitted EOS keeps being fed EOS, and its outputs are ignored, until all
/// are done. Ties go to the lowest token id. Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public static class GreedyDecoder
{
    /// <summary>
    /// Decodes every source row of <paramref name="src"/> [B, S] (mask [B, S] or null) for at most
    /// <paramref name="maxLen"/> tokens, starting from <paramref name="bos"/> and stopping at <paramref name="eos"/>.
    /// </summary>
    public static DecodedSequence[] Decode(Seq2SeqModel model, Tensor src, Tensor? srcMask, int maxLen, int bos, int eos)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(src);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLen, 1);
        using var _ = torch.no_grad();
        var batch = src.size(0);
        var tokens = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
        var attention = Enumerable.Range(0, batch).Select(_ => new List<float[]>()).ToArray();
        var logProbability = new double[batch];
        var done = new bool[batch];
        var state = model.Encode(src, srcMask);
        var previous = torch.full([batch], bos, src.device);
        for (var t = 0; t < maxLen && !done.All(d => d); t++)
        {
            var step = model.Step(previous, state);
            state = step.State;
            var logp = step.Logits.log_softmax(-1).ToArray();
            var vocab = logp.Length / batch;
            var weights = step.Weights?.ToArray();
            var next = new float[batch];
            for (var b = 0; b < batch; b++)
            {
                if (done[b])
                {
                    next[b] = eos;
                    continue;
                }

                var row = logp.AsSpan(b * vocab, vocab);
                var token = ArgMax(row);
                tokens[b].Add(token);
                logProbability[b] += row[token];
                if (weights is not null)
                {
                    var sourceLength = weights.Length / batch;
                    attention[b].Add(weights.AsSpan(b * sourceLength, sourceLength).ToArray());
                }

                done[b] = token == eos;
                next[b] = token;
            }

            previous = torch.tensor(next, [batch], src.device);
        }

        return TrimToSource(
            [.. Enumerable.Range(0, batch).Select(b => new DecodedSequence(tokens[b].ToArray(), Rows(attention[b]), logProbability[b], logProbability[b], done[b]))],
            srcMask);
    }

    /// <summary>
    /// Drops the attention columns of each row's trailing padding (where its mask is 0 to the end): a batch pads every
    /// source to the longest, but a sentence's alignment should have its own length. Those columns hold weight 0.
    /// </summary>
    internal static DecodedSequence[] TrimToSource(DecodedSequence[] decoded, Tensor? srcMask)
    {
        if (srcMask is null)
        {
            return decoded;
        }

        var mask = srcMask.ToArray();
        var width = srcMask.size(1);
        for (var b = 0; b < decoded.Length; b++)
        {
            var length = width;
            while (length > 1 && mask[(b * width) + length - 1] == 0)
            {
                length--;
            }

            if (decoded[b].Attention is { } weights && weights.GetLength(1) > length)
            {
                var trimmed = new float[weights.GetLength(0), length];
                for (var t = 0; t < weights.GetLength(0); t++)
                {
                    for (var j = 0; j < length; j++)
                    {
                        trimmed[t, j] = weights[t, j];
                    }
                }

                decoded[b] = decoded[b] with { Attention = trimmed };
            }
        }

        return decoded;
    }

    /// <summary>The index of the largest value (the first one on ties).</summary>
    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Attention rows (one per generated token) as a matrix [rows, S], or null when there are none to show.</summary>
    internal static float[,]? Rows(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var matrix = new float[rows.Count, rows[0].Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < rows[i].Length; j++)
            {
                matrix[i, j] = rows[i][j];
            }
        }

        return matrix;
    }
}
