using Attend.Modules;

namespace Attend.Dmn;

/// <summary>
/// The input module of DMN+ (§3.1): each sentence becomes a vector by position encoding of its word embeddings
/// (as in MemN2N, <see cref="MemN2N.SentenceEncoder"/>), then an input fusion layer, a bidirectional GRU over the
/// sentences, lets facts exchange information (a later sentence can explain an earlier one):
/// f↔_i = GRU→(f_i, f→_{i−1}) + GRU←(f_i, f←_{i+1}). Padding facts leave both states unchanged, so the backward pass
/// starts at each story's last real sentence.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.2.</remarks>
public sealed class InputFusion : Module
{
    private readonly GRUCell forwardCell;
    private readonly GRUCell backwardCell;

    /// <summary>A fusion layer over sentence vectors of size <paramref name="dim"/>.</summary>
    public InputFusion(int dim)
        : base(nameof(InputFusion))
    {
        forwardCell = new GRUCell(dim, dim);
        backwardCell = new GRUCell(dim, dim);
        RegisterComponents();
    }

    /// <summary>Fuses sentence vectors [B, M, d] (<paramref name="mask"/> [B, M]: 1 for a real sentence) into facts [B, M, d].</summary>
    public Tensor forward(Tensor sentences, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(mask);
        if (sentences.dim() != 3 || mask.dim() != 2 || mask.size(0) != sentences.size(0) || mask.size(1) != sentences.size(1))
        {
            throw new ArgumentException(
                $"InputFusion: sentences must be [B, M, d] and mask [B, M], got {Tensor.Format(sentences.dims)} and {Tensor.Format(mask.dims)}.",
                nameof(mask));
        }

        int b = sentences.size(0), m = sentences.size(1), d = sentences.size(2);
        var forwardStates = new Tensor[m];
        var backwardStates = new Tensor[m];
        var h = torch.zeros([b, d], sentences.device);
        for (var i = 0; i < m; i++)
        {
            h = Masked(forwardCell.forward(sentences.select(1, i), h), h, mask.select(1, i));
            forwardStates[i] = h;
        }

        h = torch.zeros([b, d], sentences.device);
        for (var i = m - 1; i >= 0; i--)
        {
            h = Masked(backwardCell.forward(sentences.select(1, i), h), h, mask.select(1, i));
            backwardStates[i] = h;
        }

        return torch.stack([.. forwardStates.Zip(backwardStates, (f, r) => f.add(r))], 1).mul(mask.unsqueeze(2));
    }

    // Where the mask is 0 the state is carried over unchanged.
    private static Tensor Masked(Tensor next, Tensor previous, Tensor mask)
    {
        var keep = mask.unsqueeze(1);
        return next.mul(keep).add(previous.mul(keep.rsub(1f)));
    }
}
