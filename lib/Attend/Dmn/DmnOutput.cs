namespace Attend.Dmn;

/// <summary>What a DMN+ returns: the answer scores and the attention gates of every episodic pass.</summary>
/// <param name="Logits">[B, V] answer scores (an answer is one vocabulary id; see <see cref="DynamicMemoryNetwork"/>).</param>
/// <param name="Attention">T tensors [B, M]: pass t's gates over the facts (0 on padding).</param>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.3.</remarks>
public sealed record DmnOutput(Tensor Logits, IReadOnlyList<Tensor> Attention);
