namespace Attend.Seq2Seq;

/// <summary>
/// What <see cref="BiGruEncoder"/> returns: one annotation per source token and the final states.
/// </summary>
/// <param name="Outputs">[B, S, 2H]: at each position the forward state (what came before, and this token) and the
/// backward state (what comes after, and this token), concatenated: Bahdanau's annotations h_j = [→h_j; ←h_j].
/// Padded positions are zero.</param>
/// <param name="Final">[layers·2, B, H], PyTorch's h_n layout: for each layer the forward direction's state after
/// the last real token, then the backward direction's state after reading back to the first token.</param>
/// <param name="Mask">[B, S], 1 for a real token and 0 for padding, or null when nothing is padded.</param>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record EncoderOutput(Tensor Outputs, Tensor Final, Tensor? Mask)
{
    /// <summary>
    /// The top layer's two final states side by side, [B, 2H]: [→h_last; ←h_first], a summary of the whole source
    /// (what the decoders start from).
    /// </summary>
    public Tensor Summary
    {
        get
        {
            var n = Final.size(0);
            return torch.cat([Final.select(0, n - 2), Final.select(0, n - 1)], 1);
        }
    }
}
