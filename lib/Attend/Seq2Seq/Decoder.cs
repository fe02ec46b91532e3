using Attend.Modules;

namespace Attend.Seq2Seq;

/// <summary>
/// A decoder that writes the target one token at a time: <see cref="Start"/> turns the encoder's output into the
/// first state, then each <see cref="Step"/> reads the previous token and returns the scores of the next one.
/// Every decoder here embeds the previous token, runs a <see cref="GRUCell"/>, and starts from
/// s_0 = tanh(W_init [→h_last; ←h_first]) (the encoder's <see cref="EncoderOutput.Summary"/>).
/// </summary>
/// <remarks>
/// Bahdanau et al. start from tanh(W_s ←h_1), the backward state only; we use both directions' final states, which
/// costs nothing and gives the decoder without attention its only view of the source (it is the same bridge for all
/// three decoders, so comparisons between them are fair). Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public abstract class Decoder : Module
{
    /// <summary>Creates the parts every decoder has: the target embedding and the bridge from the encoder.</summary>
    protected Decoder(string name, int vocabSize, int embeddingDim, int hiddenSize, int encoderDim, int? paddingIdx)
        : base(name)
    {
        embedding = new Embedding(vocabSize, embeddingDim, paddingIdx);
        bridge = new Linear(encoderDim, hiddenSize);
    }

    /// <summary>The target embedding [V, E].</summary>
    public Embedding embedding { get; }

    /// <summary>The map from the encoder's summary [B, encoderDim] to the first decoder state [B, H] (before tanh).</summary>
    public Linear bridge { get; }

    /// <summary>The target vocabulary size V.</summary>
    public int vocab_size => embedding.num_embeddings;

    /// <summary>The size of the decoder state H.</summary>
    public int hidden_size => bridge.out_features;

    /// <summary>The size of the encoder annotations this decoder reads.</summary>
    public int encoder_dim => bridge.in_features;

    /// <summary>Whether <see cref="Step"/> returns attention weights.</summary>
    public abstract bool has_attention { get; }

    /// <summary>The state before the first target token.</summary>
    public virtual DecoderState Start(EncoderOutput encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Outputs.size(2) != encoder_dim)
        {
            throw new ArgumentException(
                $"{GetName}: built for encoder annotations of size {encoder_dim}, got encoder outputs {Tensor.Format(encoded.Outputs.shape)}.",
                nameof(encoded));
        }

        var s0 = bridge.call(encoded.Summary).tanh();
        return has_attention ? new DecoderState(s0, null, encoded.Outputs, encoded.Mask) : new DecoderState(s0);
    }

    /// <summary>One step: the previous tokens [B] (whole floats) and the state → the next token's scores, the attention weights, the new state.</summary>
    public abstract DecoderStep Step(Tensor previousTokens, DecoderState state);

    /// <summary>Embeds the previous tokens [B] → [B, E], checking their shape.</summary>
    private protected Tensor Embed(Tensor previousTokens, DecoderState state)
    {
        ArgumentNullException.ThrowIfNull(previousTokens);
        ArgumentNullException.ThrowIfNull(state);
        if (previousTokens.ndim != 1 || previousTokens.size(0) != state.Hidden.size(0))
        {
            throw new ArgumentException(
                $"{GetName}: expected the previous tokens as [B] = [{state.Hidden.size(0)}] (one per sequence), got " +
                $"{Tensor.Format(previousTokens.shape)}.", nameof(previousTokens));
        }

        return embedding.call(previousTokens);
    }
}
