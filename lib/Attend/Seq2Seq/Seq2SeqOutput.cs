namespace Attend.Seq2Seq;

/// <summary>What <see cref="Seq2SeqModel.forward"/> returns for a whole target sequence.</summary>
/// <param name="Logits">The next-token scores at every target step [B, T, V] (feed them to cross_entropy).</param>
/// <param name="Attention">The attention weights of every step over the source [B, T, S], or null for a model without attention.</param>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record Seq2SeqOutput(Tensor Logits, Tensor? Attention);
