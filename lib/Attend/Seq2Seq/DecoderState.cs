namespace Attend.Seq2Seq;

/// <summary>
/// Everything a decoder carries from one step to the next, batch-first. Beam search reorders it with
/// <see cref="Select"/> when hypotheses are kept, dropped or duplicated.
/// </summary>
/// <param name="Hidden">The recurrent state [B, H] (s_{t−1} for Bahdanau, h_{t−1} for Luong).</param>
/// <param name="Feed">Luong's input feeding: the previous attentional vector h̃_{t−1} [B, H]; null for other decoders.</param>
/// <param name="Memory">The encoder annotations attended over [B, S, dk]; null for a decoder without attention.</param>
/// <param name="Mask">The source mask [B, S] (1 = real token), or null when nothing is padded.</param>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record DecoderState(Tensor Hidden, Tensor? Feed = null, Tensor? Memory = null, Tensor? Mask = null)
{
    /// <summary>The state of the batch rows <paramref name="rows"/> [K] (whole floats; repeats allowed), in that order.</summary>
    public DecoderState Select(Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new DecoderState(
            Hidden.index_select(0, rows), Feed?.index_select(0, rows), Memory?.index_select(0, rows), Mask?.index_select(0, rows));
    }
}
