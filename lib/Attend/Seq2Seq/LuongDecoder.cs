using Attend.Modules;

namespace Attend.Seq2Seq;

using Attend.Attention; // inside the namespace, so that "Attention" names the class, not the namespace Attend.Attention

/// <summary>
/// The global-attention decoder of Luong, Pham &amp; Manning 2015 with input feeding. Unlike Bahdanau's, it first
/// updates its state and then looks at the source with the current state h_t; the context and the state combine
/// into an attentional vector h̃_t that predicts the token and is fed to the next step, so the decoder knows where
/// it looked before:
/// <code>
/// h_t    = GRU([e(y_{t−1}); h̃_{t−1}], h_{t−1})       input feeding (h̃_0 = 0)
/// α_t    = softmax_s(score(h_t, h̄_s))                dot, general, concat or location
/// c_t    = Σ_s α_ts h̄_s
/// h̃_t    = tanh(W_c [c_t; h_t])
/// logits = W_s h̃_t
/// </code>
/// </summary>
/// <remarks>
/// The paper stacks LSTMs over a unidirectional encoder; we keep one GRU layer over the <see cref="BiGruEncoder"/>'s
/// annotations, like the other decoders here, so the three differ only in how they attend. W_c has no bias, as in the
/// paper. Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public sealed class LuongDecoder : Decoder
{
    /// <summary>
    /// Creates the decoder for annotations of size <paramref name="encoderDim"/>. <see cref="LuongScore.Dot"/> needs
    /// <paramref name="hiddenSize"/> = <paramref name="encoderDim"/>; <see cref="LuongScore.Location"/> needs
    /// <paramref name="maxSourceLength"/>.
    /// </summary>
    public LuongDecoder(int vocabSize, int embeddingDim, int hiddenSize, int encoderDim, LuongScore score = LuongScore.General,
                        int? maxSourceLength = null, int? paddingIdx = null)
        : base(nameof(LuongDecoder), vocabSize, embeddingDim, hiddenSize, encoderDim, paddingIdx)
    {
        score_type = score;
        attention = new Attention(CreateScore(score, hiddenSize, encoderDim, maxSourceLength));
        cell = new GRUCell(embeddingDim + hiddenSize, hiddenSize);
        combine = new Linear(encoderDim + hiddenSize, hiddenSize, bias: false);
        output = new Linear(hiddenSize, vocabSize);
        RegisterComponents();
    }

    /// <summary>Which scoring function the attention uses.</summary>
    public LuongScore score_type { get; }

    /// <summary>The global attention over the annotations, queried with h_t.</summary>
    public Attention attention { get; }

    /// <summary>The recurrent cell, reading [e(y_{t−1}); h̃_{t−1}].</summary>
    public GRUCell cell { get; }

    /// <summary>W_c, making h̃_t = tanh(W_c [c_t; h_t]).</summary>
    public Linear combine { get; }

    /// <summary>W_s, the output layer over h̃_t.</summary>
    public Linear output { get; }

    /// <inheritdoc/>
    public override bool has_attention => true;

    /// <inheritdoc/>
    public override DecoderState Start(EncoderOutput encoded)
    {
        var state = base.Start(encoded);
        return state with { Feed = torch.zeros_like(state.Hidden) }; // h̃_0 = 0: nothing attended yet
    }

    /// <inheritdoc/>
    public override DecoderStep Step(Tensor previousTokens, DecoderState state)
    {
        var e = Embed(previousTokens, state);
        var memory = state.Memory ?? throw new ArgumentException("LuongDecoder: the state has no encoder memory; create it with Start.", nameof(state));
        var feed = state.Feed ?? torch.zeros_like(state.Hidden);
        var h = cell.call(torch.cat([e, feed], 1), state.Hidden);
        var (context, weights) = attention.call(h, memory, memory, state.Mask); // query h_t
        var attentional = combine.call(torch.cat([context, h], 1)).tanh();
        return new DecoderStep(output.call(attentional), weights, state with { Hidden = h, Feed = attentional });
    }

    private static AttentionScore CreateScore(LuongScore score, int hiddenSize, int encoderDim, int? maxSourceLength)
    {
        switch (score)
        {
            case LuongScore.Dot when hiddenSize != encoderDim:
                throw new ArgumentException(
                    $"LuongDecoder: the dot score needs the decoder state ({hiddenSize}) and the annotations ({encoderDim}) to " +
                    "have the same size; use LuongScore.General, or make hiddenSize equal to encoderDim.", nameof(score));
            case LuongScore.Dot:
                return new DotScore();
            case LuongScore.General:
                return new GeneralScore(hiddenSize, encoderDim);
            case LuongScore.Concat:
                return new AdditiveScore(hiddenSize, encoderDim, hiddenSize);
            case LuongScore.Location:
                return new LocationScore(hiddenSize, maxSourceLength ?? throw new ArgumentException(
                    "LuongDecoder: the location score needs maxSourceLength (how many source positions it can score).", nameof(maxSourceLength)));
            default:
                throw new ArgumentOutOfRangeException(nameof(score), $"LuongDecoder: unknown score {score}.");
        }
    }
}
