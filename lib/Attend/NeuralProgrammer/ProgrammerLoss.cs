namespace Attend.NeuralProgrammer;

/// <summary>
/// The training loss of the neural programmer (Chapter 9, §9.4), per question then averaged over the batch:
/// <code>
/// L_scalar = Huber_δ(scalar_T − y)       = ½a² if |a| ≤ δ, else δ|a| − ½δ²
/// L_lookup = −(1/MC) Σ_ij [y_ij log p_ij + (1 − y_ij) log(1 − p_ij)]   (the real cells only)
/// L        = mean over questions of (scalar question ? L_scalar : λ·L_lookup)
/// </code>
/// The Huber term keeps a wrong sum of several hundreds from producing gradients hundreds of times larger than those
/// of the other questions (the squared loss would); λ balances the two kinds of answer.
/// </summary>
public static class ProgrammerLoss
{
    /// <summary>The Huber loss of residuals a (any shape), elementwise.</summary>
    public static Tensor Huber(Tensor residual, float delta)
    {
        ArgumentNullException.ThrowIfNull(residual);
        if (!(delta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), $"Huber: delta must be positive, got {delta}.");
        }

        var size = residual.abs();
        return torch.where(size.le(delta), residual.square().mul(0.5f), size.mul(delta).sub(0.5f * delta * delta));
    }

    /// <summary>
    /// The loss of answers <paramref name="scalar"/> [B] and <paramref name="lookup"/> [B, M, C] (probabilities) for
    /// <paramref name="batch"/>: (total, mean scalar loss over scalar questions, mean lookup loss over lookup questions).
    /// </summary>
    /// <remarks>
    /// With <paramref name="relative"/> the Huber loss is taken of the relative error (scalar − y) / max(1, |y|)
    /// instead of the raw one. The raw error (the paper's) lets questions with large answers (sums of hundreds)
    /// dominate the gradient over those with small ones (counts of a few rows) by two orders of magnitude; on a short
    /// CPU budget the counts were then never learned. The relative error weighs every question alike.
    /// <para>
    /// <paramref name="relativeScale"/> s divides by max(1, |y|/s) instead: answers up to s in size keep the raw error,
    /// larger ones the error relative to y/s. With s = 1 a count of 9 that is one short costs (1/9)²/2 ≈ 0.006, less
    /// than a hundredth of what the same miss costs on a count of 1, although a scalar answer is right only within ½:
    /// the loss then barely asks for the last row of a large count (Chapter 9, §9.4 and §9.5 measure what that did to
    /// the "or" counts). s = 10 keeps counts (at most 10 rows here) on the raw scale and sums in the hundreds relative.
    /// </para>
    /// <para>
    /// With <paramref name="symmetric"/> the divisor is max(1, |y|/s, |scalar|/s) (the answer's size without a gradient):
    /// the error relative to the larger of the two, so that answering the average (y/n) for a sum costs about as much as
    /// answering the sum (n·y) for an average; relative to y alone the first costs at most ½ and the second up to n.
    /// </para>
    /// </remarks>
    public static (Tensor Total, float Scalar, float Lookup) Compute(Tensor scalar, Tensor lookup, TableBatch batch, float delta = 10f, float lambda = 50f,
                                                                    bool relative = false, float relativeScale = 1f, bool symmetric = false)
    {
        if (!(relativeScale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeScale), $"ProgrammerLoss: relativeScale must be positive, got {relativeScale}.");
        }

        ArgumentNullException.ThrowIfNull(scalar);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(batch);
        if (!scalar.shape.SequenceEqual(batch.Scalar.shape))
        {
            throw new ArgumentException(
                $"ProgrammerLoss: expected scalar {Tensor.Format(batch.Scalar.shape)}, got {Tensor.Format(scalar.shape)}.", nameof(scalar));
        }

        if (!lookup.shape.SequenceEqual(batch.Lookup.shape))
        {
            throw new ArgumentException(
                $"ProgrammerLoss: expected lookup {Tensor.Format(batch.Lookup.shape)}, got {Tensor.Format(lookup.shape)}.", nameof(lookup));
        }

        var isLookup = batch.IsLookup;
        var isScalar = isLookup.rsub(1f);
        var residual = scalar.sub(batch.Scalar);
        if (relative)
        {
            var scale = batch.Scalar.abs();
            if (symmetric)
            {
                // Relative to the larger of answer and target (the target alone punishes answering 7× too much six
                // times harder than answering 7× too little, so an uncertain model hedged to average for every sum).
                scale = torch.maximum(scale, scalar.detach().abs());
            }

            residual = residual.div(scale.div(relativeScale).clamp(min: 1f));
        }

        var scalarLoss = Huber(residual, delta); // [B]

        var real = batch.RowMask.unsqueeze(2).mul(batch.ColumnMask.unsqueeze(1)); // [B, M, C]
        var p = lookup.clamp(1e-6f, 1f - 1e-6f);
        var y = batch.Lookup;
        var bce = y.mul(p.log()).add(y.rsub(1f).mul(p.rsub(1f).log())).neg().mul(real);
        var lookupLoss = bce.sum([1, 2]).div(real.sum([1, 2]).clamp(min: 1f)); // [B]

        var total = scalarLoss.mul(isScalar).add(lookupLoss.mul(isLookup).mul(lambda)).mean();
        var nScalar = isScalar.sum().item();
        var nLookup = isLookup.sum().item();
        float scalarMean, lookupMean;
        using (torch.no_grad())
        {
            scalarMean = nScalar > 0 ? scalarLoss.mul(isScalar).sum().item() / nScalar : 0f;
            lookupMean = nLookup > 0 ? lookupLoss.mul(isLookup).sum().item() / nLookup : 0f;
        }

        return (total, scalarMean, lookupMean);
    }

    /// <summary>The loss of a <see cref="ProgrammerOutput"/> (see <see cref="Compute(Tensor, Tensor, TableBatch, float, float, bool, float, bool)"/>).</summary>
    public static (Tensor Total, float Scalar, float Lookup) Compute(ProgrammerOutput output, TableBatch batch, float delta = 10f, float lambda = 50f,
                                                                    bool relative = false, float relativeScale = 1f, bool symmetric = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Compute(output.Scalar, output.Lookup, batch, delta, lambda, relative, relativeScale, symmetric);
    }
}
