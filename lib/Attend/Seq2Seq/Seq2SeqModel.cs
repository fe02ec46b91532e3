using Attend.Modules;

namespace Attend.Seq2Seq;

/// <summary>
/// The interface every sequence-to-sequence model here shares, and what the decoders (<see cref="GreedyDecoder"/>,
/// <see cref="BeamSearchDecoder"/>) drive: <see cref="Encode"/> reads the source once, <see cref="Step"/> writes one
/// target token at a time. <see cref="forward"/> runs the whole target for training, with teacher forcing.
/// </summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public abstract class Seq2SeqModel : Module
{
    /// <summary>Creates the model with its display name.</summary>
    protected Seq2SeqModel(string name)
        : base(name)
    {
    }

    /// <summary>The decoder's state before the first target token, for source <paramref name="src"/> [B, S] and its mask [B, S].</summary>
    public abstract DecoderState Encode(Tensor src, Tensor? srcMask);

    /// <summary>One decoding step from the previous tokens [B] (whole floats).</summary>
    public abstract DecoderStep Step(Tensor previousTokens, DecoderState state);

    /// <summary>
    /// Runs the decoder over the target: <paramref name="tgtIn"/> [B, T] is the target shifted right (BOS first). Step
    /// t reads tgtIn[:, t] when teacher forcing says so (always at t = 0, and always with the default ratio 1), else
    /// the model's own best guess at step t − 1. Returns the logits [B, T, V] and the attention weights [B, T, S] (null
    /// when the model has no attention).
    /// </summary>
    public Seq2SeqOutput forward(Tensor src, Tensor? srcMask, Tensor tgtIn, double teacherForcingRatio = 1.0, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(tgtIn);
        if (tgtIn.ndim != 2 || tgtIn.size(0) != src.size(0) || tgtIn.size(1) == 0)
        {
            throw new ArgumentException(
                $"{GetName}: expected target inputs [B, T] with the source's batch size B = {src.size(0)} and T ≥ 1, got " +
                $"{Tensor.Format(tgtIn.shape)}.", nameof(tgtIn));
        }

        var forcing = new TeacherForcing(teacherForcingRatio, generator);
        var targets = tgtIn.unbind(1);
        var state = Encode(src, srcMask);
        var logits = new Tensor[targets.Length];
        var weights = new Tensor?[targets.Length];
        var input = targets[0];
        for (var t = 0; t < targets.Length; t++)
        {
            var step = Step(input, state);
            (logits[t], weights[t], state) = (step.Logits, step.Weights, step.State);
            if (t + 1 < targets.Length)
            {
                // The prediction is a choice, not a function to differentiate: argmax carries no gradient.
                input = forcing.UseTarget() ? targets[t + 1] : step.Logits.argmax(-1);
            }
        }

        var attention = weights.All(w => w is not null) ? torch.stack(weights.Select(w => w!), 1) : null;
        return new Seq2SeqOutput(torch.stack(logits, 1), attention);
    }

    /// <summary>Runs <see cref="forward"/>.</summary>
    public Seq2SeqOutput call(Tensor src, Tensor? srcMask, Tensor tgtIn, double teacherForcingRatio = 1.0, Generator? generator = null) =>
        forward(src, srcMask, tgtIn, teacherForcingRatio, generator);
}
