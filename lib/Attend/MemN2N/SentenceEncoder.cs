namespace Attend.MemN2N;

/// <summary>
/// Sentences of word ids → one vector each, through an embedding matrix A [V, d]: the bag of words Σ_j A x_j or the
/// position-encoded sum Σ_j l_j ∘ A x_j (<see cref="PositionEncoding"/>). Written as an embedding lookup followed by
/// a weighted sum over the words: the word vectors A x_ij [N, L, d] are gathered (whose backward adds each word's
/// gradient back into its row of A), and a per-sentence weight matrix w [N, R, L] that does not depend on A sums
/// them with one batched product, w · (A x) → [N, R, d]. Bag of words: R = 1, w_j = 1 on the sentence's words.
/// Position encoding: with l_kj = a_j + (k/d)·b_j, R = 2 rows a_j and b_j, and the result is
/// Σ_j a_j A x_j + (k/d) ∘ Σ_j b_j A x_j. The weights are built once per batch (<see cref="Weights"/>) and reused by
/// every hop's table; padding words weigh 0, so a sentence of length 0 (an empty memory) encodes to the zero vector
/// and the padding word's row never matters (the paper's zero null-word embedding).
/// <para>
/// The same function as the dense product S·A with S[n, w] = Σ_{j: x_nj = w} a_j (the form §6.3 derives), but it
/// touches N·L word vectors instead of multiplying an [N, V] matrix: on bAbI (V = 176, L ≤ 12) several times less
/// arithmetic. Several d-wide tables side by side ([V, T·d], see <see cref="Apply"/>) are encoded in one pass.
/// </para>
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.3.</remarks>
public static class SentenceEncoder
{
    /// <summary>
    /// The word weights of the sentences <paramref name="ids"/> [N, L] (whole floats) of lengths
    /// <paramref name="lengths"/> [N], checked against a vocabulary of <paramref name="vocabularySize"/>:
    /// [N, 1, L] (1 on each word) for the bag of words, [N, 2, L] (a_j above b_j) for position encoding; on the
    /// device of <paramref name="ids"/>.
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
        var weights = new float[n * rows * l];
        for (var i = 0; i < n; i++)
        {
            var length = lengths[i];
            if (length < 0 || length > l)
            {
                throw new ArgumentException($"SentenceEncoder: lengths[{i}] = {length} is outside 0–{l}.", nameof(lengths));
            }

            for (var j = 1; j <= length; j++)
            {
                var w = words[i * l + j - 1];
                if (w < 0 || w >= vocabularySize || w != MathF.Floor(w))
                {
                    throw new ArgumentException(
                        $"SentenceEncoder: word id {w} (sentence {i}, position {j}) is outside the vocabulary of {vocabularySize}.", nameof(ids));
                }

                if (encoding == SentenceEncoding.Position)
                {
                    weights[(i * 2 * l) + j - 1] = PositionEncoding.A(j, length);
                    weights[(i * 2 * l) + l + j - 1] = PositionEncoding.B(j, length);
                }
                else
                {
                    weights[(i * l) + j - 1] = 1;
                }
            }
        }

        return torch.tensor(weights, [n, rows, l], ids.device);
    }

    /// <summary>
    /// Encodes the sentences <paramref name="ids"/> [N, L] whose <see cref="Weights"/> are <paramref name="weights"/>
    /// with <paramref name="table"/> [V, T·d]: T tables of width <paramref name="dim"/> side by side (T = 1 and
    /// d = the table's width when <paramref name="dim"/> is null), each position-encoded with its own k/d. Returns
    /// [N, T·d]: sentence n's vector under table t is columns t·d … t·d + d − 1.
    /// </summary>
    public static Tensor Apply(Tensor ids, Tensor weights, Tensor table, SentenceEncoding encoding, int? dim = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(table);
        var rows = encoding == SentenceEncoding.Position ? 2 : 1;
        if (ids.dim() != 2 || weights.dim() != 3 || weights.size(0) != ids.size(0) || weights.size(1) != rows ||
            weights.size(2) != ids.size(1))
        {
            throw new ArgumentException(
                $"SentenceEncoder: weights must be [N, {rows}, L] for ids [N, L], got {Tensor.Format(weights.dims)} and {Tensor.Format(ids.dims)}.",
                nameof(weights));
        }

        if (table.dim() != 2)
        {
            throw new ArgumentException($"SentenceEncoder: table must be [V, d], got {Tensor.Format(table.dims)}.", nameof(table));
        }

        var width = table.size(1);
        var d = dim ?? width;
        if (d < 1 || width % d != 0)
        {
            throw new ArgumentException($"SentenceEncoder: the table's width {width} is not a multiple of dim {d}.", nameof(dim));
        }

        var vectors = torch.nn.functional.embedding(ids, table);   // A x_ij: [N, L, T·d]
        var sums = weights.bmm(vectors);                           // Σ_j w_rj A x_ij: [N, R, T·d]
        if (encoding == SentenceEncoding.BagOfWords)
        {
            return sums.squeeze(1);
        }

        var k = new float[width];
        for (var i = 0; i < width; i++)
        {
            k[i] = ((i % d) + 1f) / d;
        }

        return sums.select(1, 0).add(sums.select(1, 1).mul(torch.tensor(k, [width], table.device)));
    }

    /// <summary>Encodes the sentences <paramref name="ids"/> [N, L] of lengths <paramref name="lengths"/> with <paramref name="table"/> [V, d]: [N, d].</summary>
    public static Tensor Encode(Tensor ids, int[] lengths, Tensor table, SentenceEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Apply(ids, Weights(ids, lengths, table.size(0), encoding), table, encoding);
    }
}
