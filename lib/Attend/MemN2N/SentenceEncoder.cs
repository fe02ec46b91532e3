namespace Attend.MemN2N;

/// <summary>
/// Sentences of word ids → one vector each, through an embedding matrix A [V, d]: the bag of words Σ_j A x_j or the
/// position-encoded sum Σ_j l_j ∘ A x_j (<see cref="PositionEncoding"/>). Written as embedding bags
/// (<c>torch.nn.functional.embedding_bag</c>: the weighted sum of the looked-up rows, in one pass, whose backward adds
/// each word's weighted gradient back into its row of A) with per-word weights that do not depend on A. Bag of
/// words: one bag with w_j = 1 on the sentence's words. Position encoding: with l_kj = a_j + (k/d)·b_j, two bags
/// with weights a_j and b_j, and the result is Σ_j a_j A x_j + (k/d) ∘ Σ_j b_j A x_j. The weights [R, N, L] are
/// built once per batch (<see cref="Weights"/>) and reused by every hop's table; padding words weigh 0, so a
/// sentence of length 0 (an empty memory) encodes to the zero vector and the padding word's row never matters (the
/// paper's zero null-word embedding).
/// <para>
/// The same function as the dense product S·A with S[n, w] = Σ_{j: x_nj = w} a_j (the first formulation of this
/// chapter), but it touches the N·L word vectors actually there instead of multiplying an [N, V] matrix: on bAbI
/// (V = 176, L ≤ 12) several times less arithmetic, and no [N, L, d] tensor of rows either. Several d-wide tables
/// side by side ([V, T·d], see <see cref="Apply"/>) are encoded in one pass.
/// </para>
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.3.</remarks>
public static class SentenceEncoder
{
    /// <summary>
    /// The word weights of the sentences <paramref name="ids"/> [N, L] (whole floats) of lengths
    /// <paramref name="lengths"/> [N], checked against a vocabulary of <paramref name="vocabularySize"/>:
    /// [1, N, L] (1 on each word) for the bag of words, [2, N, L] (a_j, then b_j) for position encoding; on the
    /// device of <paramref name="ids"/>. With <paramref name="fixedLength"/> J (position encoding only), the weights
    /// are the authors' code's (<see cref="PositionEncoding.FixedWeights"/>) for one J shared by every sentence,
    /// which needs the embedding size <paramref name="dim"/>.
    /// </summary>
    public static Tensor Weights(Tensor ids, int[] lengths, int vocabularySize, SentenceEncoding encoding, int? fixedLength = null, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(lengths);
        if (ids.dim() != 2 || ids.size(0) != lengths.Length)
        {
            throw new ArgumentException(
                $"SentenceEncoder: ids must be [N, L] with N = lengths ({lengths.Length}), got {Tensor.Format(ids.dims)}.", nameof(ids));
        }

        if (fixedLength is { } fixedJ && encoding == SentenceEncoding.Position && (fixedJ < 1 || dim < 1))
        {
            throw new ArgumentException($"SentenceEncoder: fixedLength ({fixedJ}) and dim ({dim}) must be positive.", nameof(fixedLength));
        }

        int n = ids.size(0), l = ids.size(1);
        var rows = encoding == SentenceEncoding.Position ? 2 : 1;
        var words = ids.ToArray();
        var weights = new float[rows * n * l];
        for (var i = 0; i < n; i++)
        {
            var length = lengths[i];
            if (length < 0 || length > l)
            {
                throw new ArgumentException($"SentenceEncoder: lengths[{i}] = {length} is outside 0–{l}.", nameof(lengths));
            }

            if (encoding == SentenceEncoding.Position && length > fixedLength)
            {
                throw new ArgumentException(
                    $"SentenceEncoder: sentence {i} has {length} words, more than the fixed position-encoding length {fixedLength}.", nameof(lengths));
            }

            for (var j = 1; j <= length; j++)
            {
                var w = words[i * l + j - 1];
                if (w < 0 || w >= vocabularySize || w != MathF.Floor(w))
                {
                    throw new ArgumentException(
                        $"SentenceEncoder: word id {w} (sentence {i}, position {j}) is outside the vocabulary of {vocabularySize}.", nameof(ids));
                }

                if (encoding == SentenceEncoding.Position && fixedLength is { } j0)
                {
                    weights[(i * l) + j - 1] = PositionEncoding.FixedA(j, j0, dim);
                    weights[((n + i) * l) + j - 1] = PositionEncoding.FixedB(j, j0);
                }
                else if (encoding == SentenceEncoding.Position)
                {
                    weights[(i * l) + j - 1] = PositionEncoding.A(j, length);
                    weights[((n + i) * l) + j - 1] = PositionEncoding.B(j, length);
                }
                else
                {
                    weights[(i * l) + j - 1] = 1;
                }
            }
        }

        return torch.tensor(weights, [rows, n, l], ids.device);
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
        if (ids.dim() != 2 || weights.dim() != 3 || weights.size(0) != rows || weights.size(1) != ids.size(0) ||
            weights.size(2) != ids.size(1))
        {
            throw new ArgumentException(
                $"SentenceEncoder: weights must be [{rows}, N, L] for ids [N, L], got {Tensor.Format(weights.dims)} and {Tensor.Format(ids.dims)}.",
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

        // Σ_j w_j A x_ij for each row of weights: [N, T·d] each.
        var first = torch.nn.functional.embedding_bag(ids, table, weights.select(0, 0));
        if (encoding == SentenceEncoding.BagOfWords)
        {
            return first;
        }

        var k = new float[width];
        for (var i = 0; i < width; i++)
        {
            k[i] = ((i % d) + 1f) / d;
        }

        var second = torch.nn.functional.embedding_bag(ids, table, weights.select(0, 1));
        return first.add(second.mul(torch.tensor(k, [width], table.device)));
    }

    /// <summary>
    /// Encodes the sentences <paramref name="ids"/> [N, L] of lengths <paramref name="lengths"/> with <paramref name="table"/> [V, d]: [N, d]
    /// (with <paramref name="fixedLength"/>, the authors' position weights for that one J: see <see cref="Weights"/>).
    /// </summary>
    public static Tensor Encode(Tensor ids, int[] lengths, Tensor table, SentenceEncoding encoding, int? fixedLength = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Apply(ids, Weights(ids, lengths, table.size(0), encoding, fixedLength, table.size(1)), table, encoding);
    }
}
