namespace Attend.Seq2Seq;

/// <summary>
/// A <see cref="BiGruEncoder"/> followed by a <see cref="Decoder"/>. With a <see cref="PlainDecoder"/> it is the plain
/// encoder-decoder baseline (Bahdanau's RNNencdec: the final encoder states initialise the decoder and nothing else
/// reaches it); with a <see cref="BahdanauDecoder"/> it is RNNsearch; with a <see cref="LuongDecoder"/>, Luong's global
/// attention model. The static factories build each with matching sizes.
/// </summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed class EncoderDecoder : Seq2SeqModel
{
    /// <summary>Joins <paramref name="encoder"/> and <paramref name="decoder"/> (the decoder must read annotations of size 2H).</summary>
    public EncoderDecoder(BiGruEncoder encoder, Decoder decoder)
        : base(nameof(EncoderDecoder))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        if (decoder.encoder_dim != 2 * encoder.hidden_size)
        {
            throw new ArgumentException(
                $"EncoderDecoder: the decoder reads annotations of size {decoder.encoder_dim} but the bidirectional encoder " +
                $"writes 2 × {encoder.hidden_size} = {2 * encoder.hidden_size}.", nameof(decoder));
        }

        this.encoder = encoder;
        this.decoder = decoder;
        RegisterComponents();
    }

    /// <summary>The encoder.</summary>
    public BiGruEncoder encoder { get; }

    /// <summary>The decoder.</summary>
    public Decoder decoder { get; }

    /// <summary>
    /// The baseline without attention: encoder of <paramref name="hiddenSize"/> per direction, decoder of
    /// <paramref name="hiddenSize"/>.
    /// </summary>
    public static EncoderDecoder Baseline(int sourceVocab, int targetVocab, int embeddingDim, int hiddenSize, int? paddingIdx = null) =>
        new(new BiGruEncoder(sourceVocab, embeddingDim, hiddenSize, paddingIdx: paddingIdx),
            new PlainDecoder(targetVocab, embeddingDim, hiddenSize, 2 * hiddenSize, paddingIdx));

    /// <summary>
    /// Bahdanau's RNNsearch: encoder of <paramref name="hiddenSize"/> per direction, decoder and additive attention of
    /// <paramref name="hiddenSize"/>.
    /// </summary>
    public static EncoderDecoder Bahdanau(int sourceVocab, int targetVocab, int embeddingDim, int hiddenSize, int? paddingIdx = null) =>
        new(new BiGruEncoder(sourceVocab, embeddingDim, hiddenSize, paddingIdx: paddingIdx),
            new BahdanauDecoder(targetVocab, embeddingDim, hiddenSize, 2 * hiddenSize, paddingIdx: paddingIdx));

    /// <summary>
    /// Luong's global attention with input feeding: encoder of <paramref name="hiddenSize"/> per direction and a decoder
    /// of the annotations' size 2·<paramref name="hiddenSize"/>, so every score (dot included) applies.
    /// </summary>
    public static EncoderDecoder Luong(int sourceVocab, int targetVocab, int embeddingDim, int hiddenSize,
                                       LuongScore score = LuongScore.General, int? maxSourceLength = null, int? paddingIdx = null) =>
        new(new BiGruEncoder(sourceVocab, embeddingDim, hiddenSize, paddingIdx: paddingIdx),
            new LuongDecoder(targetVocab, embeddingDim, 2 * hiddenSize, 2 * hiddenSize, score, maxSourceLength, paddingIdx));

    /// <inheritdoc/>
    public override DecoderState Encode(Tensor src, Tensor? srcMask) => decoder.Start(encoder.call(src, srcMask));

    /// <inheritdoc/>
    public override DecoderStep Step(Tensor previousTokens, DecoderState state) => decoder.Step(previousTokens, state);
}
