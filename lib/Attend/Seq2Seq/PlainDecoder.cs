using Attend.Modules;

namespace Attend.Seq2Seq;

/// <summary>
/// The decoder of the plain encoder-decoder (Sutskever et al. 2014; Cho et al. 2014), the baseline without attention:
/// the whole source reaches it only through its first state s_0, so everything must fit in one fixed-size vector.
/// <code>
/// s_t    = GRU(e(y_{t−1}), s_{t−1})
/// logits = W_o s_t
/// </code>
/// </summary>
/// <remarks>
/// Cho et al. also feed the summary vector c to every step and to the output layer; we keep the barest form
/// (Sutskever's), which is what attention is measured against. Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public sealed class PlainDecoder : Decoder
{
    /// <summary>Creates the decoder; <paramref name="encoderDim"/> is the size of the encoder's summary (2H of a <see cref="BiGruEncoder"/>).</summary>
    public PlainDecoder(int vocabSize, int embeddingDim, int hiddenSize, int encoderDim, int? paddingIdx = null)
        : base(nameof(PlainDecoder), vocabSize, embeddingDim, hiddenSize, encoderDim, paddingIdx)
    {
        cell = new GRUCell(embeddingDim, hiddenSize);
        output = new Linear(hiddenSize, vocabSize);
        RegisterComponents();
    }

    /// <summary>The recurrent cell.</summary>
    public GRUCell cell { get; }

    /// <summary>The output layer W_o.</summary>
    public Linear output { get; }

    /// <inheritdoc/>
    public override bool has_attention => false;

    /// <inheritdoc/>
    public override DecoderStep Step(Tensor previousTokens, DecoderState state)
    {
        var e = Embed(previousTokens, state);
        var s = cell.call(e, state.Hidden);
        return new DecoderStep(output.call(s), null, state with { Hidden = s });
    }
}
