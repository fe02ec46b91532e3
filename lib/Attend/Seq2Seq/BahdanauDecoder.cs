using Attend.Modules;

namespace Attend.Seq2Seq;

using Attend.Attention; // inside the namespace, so that "Attention" names the class, not the namespace Attend.Attention

/// <summary>
/// The attention decoder of Bahdanau, Cho &amp; Bengio 2014 (RNNsearch). Before writing token t it looks at the
/// source with the state it has so far, s_{t−1}, and reads a context c_t made for this step:
/// <code>
/// α_t    = softmax_j(vᵀ tanh(W s_{t−1} + U h_j))     additive score, padded j masked
/// c_t    = Σ_j α_tj h_j
/// s_t    = GRU([e(y_{t−1}); c_t], s_{t−1})
/// logits = W_o [s_t; c_t; e(y_{t−1})]
/// </code>
/// </summary>
/// <remarks>
/// The paper's output is a "deep output" t = maxout(U_o s_{t−1} + V_o e(y_{t−1}) + C_o c_t) followed by W_o t. We
/// simplify it to one linear layer over [s_t; c_t; e(y_{t−1})]: the same three inputs (with the new state s_t, as most
/// re-implementations do), without the maxout hidden layer. The attention vector v starts at zero, so the first
/// steps of training attend uniformly, as in the paper. Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public sealed class BahdanauDecoder : Decoder
{
    /// <summary>
    /// Creates the decoder for annotations of size <paramref name="encoderDim"/> (2H of a <see cref="BiGruEncoder"/>);
    /// <paramref name="attentionDim"/> is the additive score's hidden size (the decoder's size when null).
    /// </summary>
    public BahdanauDecoder(int vocabSize, int embeddingDim, int hiddenSize, int encoderDim, int? attentionDim = null,
                           int? paddingIdx = null)
        : base(nameof(BahdanauDecoder), vocabSize, embeddingDim, hiddenSize, encoderDim, paddingIdx)
    {
        attention = new Attention(new AdditiveScore(hiddenSize, encoderDim, attentionDim ?? hiddenSize));
        cell = new GRUCell(embeddingDim + encoderDim, hiddenSize);
        output = new Linear(hiddenSize + encoderDim + embeddingDim, vocabSize);
        RegisterComponents();
    }

    /// <summary>The additive attention over the annotations.</summary>
    public Attention attention { get; }

    /// <summary>The recurrent cell, reading [e(y_{t−1}); c_t].</summary>
    public GRUCell cell { get; }

    /// <summary>The output layer over [s_t; c_t; e(y_{t−1})].</summary>
    public Linear output { get; }

    /// <inheritdoc/>
    public override bool has_attention => true;

    /// <inheritdoc/>
    public override DecoderStep Step(Tensor previousTokens, DecoderState state)
    {
        var e = Embed(previousTokens, state);
        var memory = state.Memory ?? throw new ArgumentException("BahdanauDecoder: the state has no encoder memory; create it with Start.", nameof(state));
        var (context, weights) = attention.call(state.Hidden, memory, memory, state.Mask); // query s_{t−1}
        var s = cell.call(torch.cat([e, context], 1), state.Hidden);
        var logits = output.call(torch.cat([s, context, e], 1));
        return new DecoderStep(logits, weights, state with { Hidden = s });
    }
}
