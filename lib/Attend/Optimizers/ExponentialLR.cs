namespace Attend.Optimizers;

/// <summary>
/// Multiplies the learning rate by <c>gamma</c> every epoch, as PyTorch's <c>ExponentialLR</c>:
/// lr(epoch) = base_lr · gamma^epoch.
/// </summary>
public class ExponentialLR : LRScheduler
{
    /// <summary>Creates the schedule for <paramref name="optimizer"/>.</summary>
    public ExponentialLR(Optimizer optimizer, double gamma)
        : base(optimizer)
    {
        if (!(gamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"ExponentialLR: gamma must be > 0, got {gamma}.");
        }

        this.gamma = gamma;
        InitialStep();
    }

    /// <summary>The factor applied each epoch.</summary>
    public double gamma { get; }

    /// <inheritdoc/>
    protected override double[] get_lr()
    {
        var lrs = CurrentRates();
        return last_epoch == 0 ? lrs : [.. lrs.Select(lr => lr * gamma)];
    }
}
