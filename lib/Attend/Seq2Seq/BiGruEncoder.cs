using Attend.Modules;
using F = Attend.torch.nn.functional;

namespace Attend.Seq2Seq;

/// <summary>
/// The encoder of Bahdanau et al. 2014: embed the source tokens, read them left to right with one GRU and right to
/// left with another, and keep both states at every position, so each annotation [→h_j; ←h_j] describes token j in
/// the context of the whole sentence. Layers above the first read the concatenated states of the layer below.
/// forward(src [B, S], mask [B, S]) → <see cref="EncoderOutput"/> (outputs [B, S, 2H], final states).
/// </summary>
/// <remarks>
/// Padding is handled exactly, as PyTorch's packed sequences would: at a padded step the state is carried over
/// unchanged (h_t = h_{t−1}), so the forward direction ends on the last real token and the backward direction starts
/// from zero at it, whatever the padding. The cells are <see cref="GRUCell"/>s driven step by step for that reason
/// (the input part of every gate is still computed for all steps at once). Taught in Chapter 3: translation with
/// attention (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public sealed class BiGruEncoder : Module
{
    /// <summary>Creates the encoder; <paramref name="paddingIdx"/> is the padding token (its embedding stays zero).</summary>
    public BiGruEncoder(int vocabSize, int embeddingDim, int hiddenSize, int numLayers = 1, int? paddingIdx = null)
        : base(nameof(BiGruEncoder))
    {
        if (numLayers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numLayers), $"BiGruEncoder: numLayers must be at least 1, got {numLayers}.");
        }

        embedding = new Embedding(vocabSize, embeddingDim, paddingIdx);
        forward_cells = new ModuleList<GRUCell>();
        backward_cells = new ModuleList<GRUCell>();
        for (var layer = 0; layer < numLayers; layer++)
        {
            var input = layer == 0 ? embeddingDim : 2 * hiddenSize;
            forward_cells.Add(new GRUCell(input, hiddenSize));
            backward_cells.Add(new GRUCell(input, hiddenSize));
        }

        RegisterComponents();
    }

    /// <summary>The source embedding.</summary>
    public Embedding embedding { get; }

    /// <summary>The left-to-right cell of each layer.</summary>
    public ModuleList<GRUCell> forward_cells { get; }

    /// <summary>The right-to-left cell of each layer.</summary>
    public ModuleList<GRUCell> backward_cells { get; }

    /// <summary>The size of each direction's state, H (the outputs have 2H).</summary>
    public int hidden_size => forward_cells[0].hidden_size;

    /// <summary>The number of stacked layers.</summary>
    public int num_layers => forward_cells.Count;

    /// <summary>Encodes <paramref name="src"/> [B, S] (token ids) with <paramref name="mask"/> [B, S] (1 = real, 0 = padding; null: none).</summary>
    public EncoderOutput forward(Tensor src, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (src.ndim != 2 || src.size(1) == 0)
        {
            throw new ArgumentException($"BiGruEncoder: expected token ids [B, S] with S ≥ 1, got {Tensor.Format(src.shape)}.", nameof(src));
        }

        if (mask is not null && !mask.ShapeEquals(src))
        {
            throw new ArgumentException(
                $"BiGruEncoder: the mask {Tensor.Format(mask.shape)} must have the shape of the source {Tensor.Format(src.shape)}.", nameof(mask));
        }

        var keep = mask?.ne(0f).unsqueeze(2).unbind(1); // per step [B, 1]: 1 where the token is real
        var x = embedding.call(src);                      // [B, S, E]
        var finals = new List<Tensor>();
        for (var layer = 0; layer < num_layers; layer++)
        {
            var (forwardStates, forwardFinal) = Run(forward_cells[layer], x, keep, reverse: false);
            var (backwardStates, backwardFinal) = Run(backward_cells[layer], x, keep, reverse: true);
            x = torch.cat([forwardStates, backwardStates], 2); // [B, S, 2H]
            finals.Add(forwardFinal);
            finals.Add(backwardFinal);
        }

        if (mask is not null)
        {
            x = x.mul(mask.ne(0f).unsqueeze(2)); // padded annotations are zero
        }

        return new EncoderOutput(x, torch.stack(finals, 0), mask);
    }

    /// <summary>Runs <see cref="forward"/>.</summary>
    public EncoderOutput call(Tensor src, Tensor? mask = null) => forward(src, mask);

    /// <summary>One direction of one layer over x [B, S, F]: (the state at every position [B, S, H], the final state [B, H]).</summary>
    private static (Tensor States, Tensor Final) Run(GRUCell cell, Tensor x, Tensor[]? keep, bool reverse)
    {
        var steps = x.size(1);
        var inputGates = F.linear(x, cell.weight_ih, cell.bias_ih).unbind(1); // x·W_ihᵀ + b_ih for every step at once
        var h = torch.zeros([x.size(0), cell.hidden_size], x.device);
        var states = new Tensor[steps];
        for (var i = 0; i < steps; i++)
        {
            var t = reverse ? steps - 1 - i : i;
            var next = GRUCell.Step(inputGates[t], F.linear(h, cell.weight_hh, cell.bias_hh), h);
            h = keep is null ? next : torch.where(keep[t], next, h); // a padded step leaves the state as it was
            states[t] = h;
        }

        return (torch.stack(states, 1), h);
    }
}
