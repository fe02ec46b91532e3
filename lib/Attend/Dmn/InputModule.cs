using Attend.MemN2N;
using Attend.Modules;

namespace Attend.Dmn;

/// <summary>
/// DMN+'s input module (Xiong et al. 2016, §3.1). Each sentence becomes a vector by positional encoding of its
/// words, f_i = Σ_j l_j ∘ E w_ij with l_kj = (1 − j/J) − (k/d)(1 − 2j/J) (the same weights as
/// <see cref="PositionEncoding"/>), and the input fusion layer lets facts exchange information: a bidirectional
/// GRU over the facts whose two directions are summed, f⃡_i = f→_i + f←_i. Dropout follows in the network.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.2.</remarks>
public sealed class InputModule : Module
{
    /// <summary>The fusion layer's forward GRU.</summary>
    public MaskedGru forward_gru { get; }

    /// <summary>The fusion layer's backward GRU.</summary>
    public MaskedGru backward_gru { get; }

    /// <summary>The fusion layer for facts of size <paramref name="dim"/>.</summary>
    public InputModule(int dim, Device? device = null, Generator? generator = null)
        : base(nameof(InputModule))
    {
        DmnInit.Positive(nameof(InputModule), nameof(dim), dim);
        forward_gru = new MaskedGru(dim, dim, device, generator);
        backward_gru = new MaskedGru(dim, dim, device, generator);
        register_module("forward_gru", forward_gru);
        register_module("backward_gru", backward_gru);
    }

    /// <summary>
    /// Positional encoding of sentences: <paramref name="words"/> [N, L] word ids with <paramref name="lengths"/>
    /// [N] through <paramref name="embedding"/> [V, d] → [N, d]. With a_j = 1 − j/J and b_j = 2j/J − 1, l_kj =
    /// a_j + (k/d) b_j, so the sum is two weighted sums over the words and one scaling by k/d; padding words
    /// weigh 0. An empty sentence (length 0) encodes to zeros.
    /// </summary>
    public static Tensor Encode(Tensor words, int[] lengths, Tensor embedding)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(embedding);
        if (words.dim() != 2 || lengths.Length != words.size(0) || embedding.dim() != 2)
        {
            throw new ArgumentException(
                $"InputModule.Encode: words must be [N, L] with N lengths and embedding [V, d], got words {Tensor.Format(words.dims)}, " +
                $"{lengths.Length} lengths, embedding {Tensor.Format(embedding.dims)}.", nameof(words));
        }

        int n = words.size(0), l = words.size(1), d = embedding.size(1);
        var a = new float[n * l];
        var bw = new float[n * l];
        for (var i = 0; i < n; i++)
        {
            if (lengths[i] < 0 || lengths[i] > l)
            {
                throw new ArgumentException($"InputModule.Encode: lengths[{i}] = {lengths[i]} is outside 0–{l}.", nameof(lengths));
            }

            for (var j = 1; j <= lengths[i]; j++)
            {
                a[i * l + j - 1] = PositionEncoding.A(j, lengths[i]);
                bw[i * l + j - 1] = PositionEncoding.B(j, lengths[i]);
            }
        }

        // Two weighted bags of embeddings straight from the ids (embedding_bag): the [N, L, d] tensor of looked-up
        // words, its gradient and the two bmm gradients into it never exist.
        var device = embedding.device;
        var sumA = torch.nn.functional.embedding_bag(words, embedding, torch.tensor(a, [n, l], device)); // Σ_j a_j E w_j
        var sumB = torch.nn.functional.embedding_bag(words, embedding, torch.tensor(bw, [n, l], device)); // Σ_j b_j E w_j
        var k = torch.tensor([.. Enumerable.Range(1, d).Select(x => (float)x / d)], [d], device); // k/d
        return sumA.add(sumB.mul(k));
    }

    /// <summary>The input fusion layer: <paramref name="sentences"/> [B, M, d], <paramref name="mask"/> [B, M] → facts [B, M, d].</summary>
    public Tensor Fuse(Tensor sentences, Tensor mask)
    {
        var (forwardStates, _) = forward_gru.Run(sentences, mask);
        var (backwardStates, _) = backward_gru.Run(sentences, mask, reverse: true);
        return forwardStates.add(backwardStates).mul(mask.unsqueeze(2)); // padding facts stay zero
    }
}
