namespace Attend.MemN2N;

/// <summary>
/// Sentences of word ids → one vector each, through an embedding matrix A [V, d]: the bag of words Σ_j A x_j or the
/// position-encoded sum Σ_j l_j ∘ A x_j (<see cref="PositionEncoding"/>). Both are linear in A, so they are written
/// as matrix products with a per-sentence word-weight matrix S [N, V] that does not depend on A:
/// bag of words Σ_j A x_j = (S A) with S[n, w] = how often word w occurs in sentence n; position encoding
/// (S_a A) + (k/d) ∘ (S_b A) with S_a[n, w] = Σ_{j: x_j = w} a_j and S_b likewise with b_j. S is built once per batch
/// (<see cref="Weights"/>) and reused by every hop's matrix; the products are dense GEMMs, which beat a gather of
/// N·L word vectors when the vocabulary is as small as bAbI's (under 200 words). Padding words get weight 0; a
/// sentence of length 0 (an empty memory) encodes to the zero vector.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.3.</remarks>
public static class SentenceEncoder
{
    /// <summary>
    /// The word-weight matrix of the sentences <paramref name="ids"/> [N, L] (whole floats) of lengths
    /// <paramref name="lengths"/> [N] over a vocabulary of <paramref name="vocabularySize"/>: [N, V] for the bag of
    /// words, [2N, V] (S_a above S_b) for position encoding; on the device of <paramref name="ids"/>.
    /// </summary>
    public static Tensor Weights(Tensor ids, int[] lengths, int vocabularySize, SentenceEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(lengths);
        if (ids.dim() != 2 || ids.size(0) != lengths.Length)
        {
            throw new ArgumentException(
                $"SentenceEncoder: ids must be [N, L] with N = lengths ({lengths.Length}), got {Tensor.Format(ids.dims)}.", nameof(ids));
        }

        int n = ids.size(0), l = ids.size(1);
        var rows = encoding == SentenceEncoding.Position ? 2 : 1;
        var words = ids.ToArray();
        var weights = new float[rows * n * vocabularySize];
        for (var i = 0; i < n; i++)
        {
            var length = lengths[i];
            if (length < 0 || length > l)
            {
                throw new ArgumentException($"SentenceEncoder: lengths[{i}] = {length} is outside 0–{l}.", nameof(lengths));
            }

            for (var j = 1; j <= length; j++)
            {
                var w = (int)words[i * l + j - 1];
                if (w < 0 || w >= vocabularySize)
                {
                    throw new ArgumentException(
                        $"SentenceEncoder: word id {w} (sentence {i}, position {j}) is outside the vocabulary of {vocabularySize}.", nameof(ids));
                }

                if (encoding == SentenceEncoding.Position)
                {
                    weights[i * vocabularySize + w] += PositionEncoding.A(j, length);
                    weights[(n + i) * vocabularySize + w] += PositionEncoding.B(j, length);
                }
                else
                {
                    weights[i * vocabularySize + w] += 1;
                }
            }
        }

        return torch.tensor(weights, [rows * n, vocabularySize], ids.device);
    }

    /// <summary>Encodes with <paramref name="table"/> [V, d] the sentences whose <see cref="Weights"/> are <paramref name="weights"/>: [N, d].</summary>
    public static Tensor Apply(Tensor weights, Tensor table, SentenceEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(table);
        if (table.dim() != 2 || weights.dim() != 2 || weights.size(1) != table.size(0))
        {
            throw new ArgumentException(
                $"SentenceEncoder: weights [N, V] and table [V, d] must share V, got {Tensor.Format(weights.dims)} and {Tensor.Format(table.dims)}.",
                nameof(table));
        }

        var sums = weights.matmul(table);
        if (encoding == SentenceEncoding.BagOfWords)
        {
            return sums;
        }

        int n = weights.size(0) / 2, d = table.size(1);
        var k = new float[d];
        for (var i = 0; i < d; i++)
        {
            k[i] = (i + 1f) / d;
        }

        return sums.narrow(0, 0, n).add(sums.narrow(0, n, n).mul(torch.tensor(k, [d], table.device)));
    }

    /// <summary>Encodes the sentences <paramref name="ids"/> [N, L] of lengths <paramref name="lengths"/> with <paramref name="table"/> [V, d]: [N, d].</summary>
    public static Tensor Encode(Tensor ids, int[] lengths, Tensor table, SentenceEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Apply(Weights(ids, lengths, table.size(0), encoding), table, encoding);
    }
}
