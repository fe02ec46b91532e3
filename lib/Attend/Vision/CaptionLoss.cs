using Attend.Data;

namespace Attend.Vision;

/// <summary>
/// The training objective of Show, Attend and Tell: the captions' negative log-likelihood plus the doubly
/// stochastic attention penalty λ Σ_i (1 − Σ_t α_ti)².
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public static class CaptionLoss
{
    /// <summary>
    /// Σ_i (1 − Σ_t α_ti)² for each caption, averaged over the batch. Softmax already makes Σ_i α_ti = 1 at every step
    /// (the first "stochastic"); this term also pushes Σ_t α_ti, each location's total attention over the caption,
    /// toward 1 (the second), so the model cannot stare at one spot for every word. <paramref name="alphas"/> is
    /// [B, T, L]; <paramref name="mask"/> [B, T] (1 for real steps, 0 for padding) leaves padded steps out.
    /// </summary>
    public static Tensor DoublyStochastic(Tensor alphas, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        if (alphas.ndim != 3 || (mask is not null && (mask.ndim != 2 || mask.size(0) != alphas.size(0) || mask.size(1) != alphas.size(1))))
        {
            throw new ArgumentException(
                $"DoublyStochastic: expected alphas [B, T, L] and a mask [B, T], got {Tensor.Format(alphas.shape)}" +
                (mask is null ? "" : $" and {Tensor.Format(mask.shape)}") + ".", nameof(alphas));
        }

        var weighted = mask is null ? alphas : alphas.mul(mask.unsqueeze(2));
        var total = weighted.sum(1);                  // [B, L]: Σ_t α_ti
        return total.rsub(1f).square().sum(1).mean(); // mean over the batch of Σ_i (1 − Σ_t α_ti)²
    }

    /// <summary>
    /// The paper's objective for a batch, per caption and averaged over the captions: the caption's negative
    /// log-likelihood −Σ_t log p(y_t) (summed over its words, as the paper writes it) plus <paramref name="lambda"/> times
    /// <see cref="DoublyStochastic"/>. <paramref name="targets"/> [B, T] are the next words of the
    /// <paramref name="output"/>'s logits [B, T, V]; &lt;pad&gt; (0) targets and their steps count in neither term.
    /// Also returns the mean cross-entropy per word (the number to watch: ln V at the start, 0 when perfect).
    /// </summary>
    /// <remarks>
    /// Summing over the words matters for λ: the penalty is per caption, so a per-word mean would weigh it about T
    /// times more than in the paper, and then attention spreads out to satisfy it instead of finding objects.
    /// </remarks>
    public static (Tensor Total, Tensor CrossEntropy, Tensor Penalty) Compute(CaptionerOutput output, Tensor targets, float lambda = 1f)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(targets);
        var (b, t, v) = (output.Logits.size(0), output.Logits.size(1), output.Logits.size(2));
        if (!targets.shape.SequenceEqual([b, t]))
        {
            throw new ArgumentException(
                $"CaptionLoss: targets must be [B, T] = [{b}, {t}] like the logits {Tensor.Format(output.Logits.shape)}, got " +
                $"{Tensor.Format(targets.shape)}.", nameof(targets));
        }

        var mask = targets.ne(ShapesVocabulary.PadId);
        var perWord = torch.nn.functional.cross_entropy(output.Logits.reshape(b * t, v), targets.reshape(b * t),
                                                        ignore_index: ShapesVocabulary.PadId, reduction: "none"); // 0 at padding
        var words = mask.sum().item();
        var crossEntropy = perWord.sum().div(Math.Max(words, 1));
        var nll = perWord.sum().div(b);                        // −log p(caption), averaged over the captions
        var penalty = DoublyStochastic(output.Alphas, mask);
        return (nll.add(penalty.mul(lambda)), crossEntropy, penalty);
    }
}
