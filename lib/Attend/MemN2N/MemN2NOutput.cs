namespace Attend.MemN2N;

/// <summary>What an end-to-end memory network gives back for a batch.</summary>
/// <param name="Logits">[B, V] the answer's scores over the vocabulary (â = softmax(W(o^K + u^K)) before the softmax).</param>
/// <param name="Attention">One [B, M] tensor per hop: p^k, the weight of every memory slot at hop k.</param>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.2.</remarks>
public sealed record MemN2NOutput(Tensor Logits, IReadOnlyList<Tensor> Attention);
