namespace Attend.Vision;

/// <summary>What <see cref="SoftAttentionCaptioner"/> computes for a batch of pictures and caption prefixes (teacher forcing).</summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
/// <param name="Logits">[B, T, V]: scores of the next word after each input token.</param>
/// <param name="Alphas">[B, T, L]: where the decoder looked at each step (each row sums to 1).</param>
/// <param name="Betas">[B, T]: the gate β_t = σ(f_β(h_{t−1})) that scaled each step's context.</param>
public sealed record CaptionerOutput(Tensor Logits, Tensor Alphas, Tensor Betas);
