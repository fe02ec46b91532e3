namespace Attend.Seq2Seq;

/// <summary>The result of one decoder step.</summary>
/// <param name="Logits">Unnormalized scores of the next token [B, V].</param>
/// <param name="Weights">The attention weights over the source used for this step [B, S]; null without attention.</param>
/// <param name="State">The state to pass to the next step.</param>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record DecoderStep(Tensor Logits, Tensor? Weights, DecoderState State);
