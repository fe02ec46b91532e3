namespace Attend.Act;

/// <summary>
/// The ponder cost of adaptive computation time and its time penalty: the training loss is
/// L̂ = L + τ P, with P = Σ_t ρ_t = Σ_t (N_t + R_t) per sequence, averaged over the batch here.
/// <para>
/// N_t is an integer chosen by a threshold, so it has no gradient; P changes by a jump whenever N_t changes (when
/// the running sum of halting probabilities crosses 1 − ε at a different step). Within a fixed N_t, R_t is smooth, and
/// ∂R_t/∂hⁿ = −1 for every n &lt; N_t: the penalty pushes the halting probabilities of the steps taken up, so that the
/// threshold is reached sooner, and τ sets how much accuracy a step is worth.
/// </para>
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.1 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public static class PonderCost
{
    /// <summary>
    /// τ · mean over the batch of Σ_t ρ_t, from the ponder costs ρ [B, T] (or [B]) of an <see cref="ActOutput"/>;
    /// <paramref name="mask"/> [B, T] (1 for real steps, 0 for padding) leaves padded steps out.
    /// </summary>
    public static Tensor Penalty(Tensor ponder, double tau, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(ponder);
        CheckTau(tau);
        if (ponder.dims.Length is not (1 or 2))
        {
            throw new ArgumentException($"PonderCost: expected ponder costs of shape [B, T] or [B], got {Tensor.Format(ponder.dims)}.", nameof(ponder));
        }

        var rho = ponder.dims.Length == 1 ? ponder.unsqueeze(1) : ponder;
        if (mask is not null)
        {
            if (!mask.dims.AsSpan().SequenceEqual(rho.dims))
            {
                throw new ArgumentException(
                    $"PonderCost: the mask's shape {Tensor.Format(mask.dims)} differs from the ponder costs' {Tensor.Format(rho.dims)}.", nameof(mask));
            }

            rho = rho.mul(mask);
        }

        return rho.sum(1).mean().mul((float)tau);
    }

    /// <summary>Throws for a negative or non-finite τ (a negative penalty would reward pondering for its own sake).</summary>
    public static void CheckTau(double tau)
    {
        if (!(tau >= 0 && double.IsFinite(tau)))
        {
            throw new ArgumentOutOfRangeException(nameof(tau),
                $"PonderCost: the time penalty tau ({tau}) must be a finite number ≥ 0; a negative one would reward pondering.");
        }
    }
}
