namespace Attend.Ntm.Tasks;

/// <summary>
/// The paper's two measures for the bit-sequence tasks (Chapter 5, §5.5): the cost in bits per sequence (binary
/// cross-entropy in bits, summed over every output bit of a sequence, averaged over the batch) and the bit errors per
/// sequence (outputs thresholded at 0.5, wrong bits counted, averaged over the batch).
/// </summary>
public static class SequenceMetrics
{
    /// <summary>
    /// The training loss: Σ over steps and bits of BCE(σ(logits), targets) / ln 2, averaged over the batch
    /// (a scalar tensor with gradient). <paramref name="logits"/> and <paramref name="targets"/> are [T_out, B, O].
    /// </summary>
    public static Tensor BitsPerSequence(Tensor logits, Tensor targets)
    {
        Check(logits, targets);
        var batch = logits.size(1);
        var nats = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: "sum");
        return nats.div((float)(Math.Log(2) * batch));
    }

    /// <summary>Wrong bits per sequence after thresholding σ(logits) at 0.5 (logits at 0), averaged over the batch.</summary>
    public static double BitErrorsPerSequence(Tensor logits, Tensor targets) => BitErrors(logits, targets).Average();

    /// <summary>Wrong bits of each sequence in the batch.</summary>
    public static int[] BitErrors(Tensor logits, Tensor targets)
    {
        Check(logits, targets);
        int steps = logits.size(0), batch = logits.size(1), width = logits.size(2);
        var y = logits.detach().ToArray();
        var t = targets.detach().ToArray();
        var errors = new int[batch];
        for (var s = 0; s < steps; s++)
        {
            for (var b = 0; b < batch; b++)
            {
                for (var k = 0; k < width; k++)
                {
                    var i = (((s * batch) + b) * width) + k;
                    if ((y[i] > 0 ? 1f : 0f) != t[i])
                    {
                        errors[b]++;
                    }
                }
            }
        }

        return errors;
    }

    private static void Check(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.dim() != 3 || !logits.ShapeEquals(targets))
        {
            throw new ArgumentException(
                $"SequenceMetrics: logits and targets must both be [T_out, B, O], got {Tensor.Format(logits.shape)} and {Tensor.Format(targets.shape)}.",
                nameof(targets));
        }
    }
}
