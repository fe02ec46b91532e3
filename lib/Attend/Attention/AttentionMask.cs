namespace Attend.Attention;

/// <summary>
/// Padding masks and the masked softmax. A batch of sequences of different lengths is padded to one length T; the
/// mask [B, T] holds 1 for a real token and 0 for padding, and attention must give padding exactly zero weight.
/// </summary>
/// <remarks>
/// Masked scores are replaced by <see cref="MaskedScore"/> (the most negative float, not −∞) before the softmax:
/// e^(score − max) underflows to exactly 0 there, and no ∞ − ∞ can make a NaN. The weights are then multiplied by
/// the mask, so a query with no real key at all (a row of padding only) gets all-zero weights and a zero context
/// rather than NaN or a uniform guess: its weights sum to 0, every other row's to 1. Gradients never reach masked
/// scores (masked_fill passes none there). Taught in Chapter 2: attention as soft lookup
/// (notebooks/02-attention-as-soft-lookup.ipynb).
/// </remarks>
public static class AttentionMask
{
    /// <summary>The score given to masked positions: float.MinValue, so softmax gives them exactly 0.</summary>
    public const float MaskedScore = float.MinValue;

    /// <summary>
    /// The mask [B, maxLength] of sequences of the given <paramref name="lengths"/>: row b is 1 at positions
    /// 0 … lengths[b] − 1 and 0 after (padding at the end).
    /// </summary>
    public static Tensor FromLengths(int[] lengths, int maxLength, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var values = new float[lengths.Length * maxLength];
        for (var b = 0; b < lengths.Length; b++)
        {
            if (lengths[b] < 0 || lengths[b] > maxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(lengths),
                    $"AttentionMask.FromLengths: length {lengths[b]} of sequence {b} is not between 0 and maxLength {maxLength}.");
            }

            values.AsSpan(b * maxLength, lengths[b]).Fill(1f);
        }

        return torch.tensor(values, [lengths.Length, maxLength], device);
    }

    /// <summary>The mask of a padded batch of token ids [B, T]: 1 where the token is not <paramref name="paddingIdx"/>.</summary>
    public static Tensor FromPadding(Tensor tokens, int paddingIdx)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.ne(paddingIdx);
    }

    /// <summary>
    /// softmax over the last dimension of <paramref name="scores"/> [B, Tq, Tk], with positions where
    /// <paramref name="mask"/> [B, Tk] is 0 given weight exactly 0 (no mask: the plain softmax).
    /// </summary>
    public static Tensor MaskedSoftmax(Tensor scores, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (mask is null)
        {
            return scores.softmax(-1);
        }

        if (scores.ndim != 3 || mask.ndim != 2 || mask.size(0) != scores.size(0) || mask.size(1) != scores.size(2))
        {
            throw new ArgumentException(
                $"attention mask: expected a mask [B, Tk] for scores [B, Tq, Tk], got mask {Tensor.Format(mask.shape)} and " +
                $"scores {Tensor.Format(scores.shape)} (1 = real token, 0 = padding).", nameof(mask));
        }

        var keep = mask.ne(0f).unsqueeze(1); // [B, 1, Tk]: the same keys are real for every query
        var padding = keep.eq(0f);
        var weights = scores.masked_fill(padding, MaskedScore).softmax(-1);
        return weights.mul(keep); // exact zeros, and a fully padded row becomes all zeros instead of uniform
    }
}
