namespace Attend.Optimizers;

/// <summary>
/// Multiplies the learning rate by <c>gamma</c> every <c>step_size</c> epochs, as PyTorch's <c>StepLR</c>:
/// lr(epoch) = base_lr · gamma^⌊epoch / step_size⌋.
/// </summary>
public class StepLR : LRScheduler
{
    /// <summary>Creates the schedule for <paramref name="optimizer"/>.</summary>
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1)
        : base(optimizer)
    {
        if (step_size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(step_size), $"StepLR: step_size must be >= 1, got {step_size}.");
        }

        if (!(gamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"StepLR: gamma must be > 0, got {gamma}.");
        }

        this.step_size = step_size;
        this.gamma = gamma;
        InitialStep();
    }

    /// <summary>The number of epochs between decays.</summary>
    public int step_size { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double gamma { get; }

    /// <inheritdoc/>
    protected override double[] get_lr()
    {
        var lrs = CurrentRates();
        if (last_epoch == 0 || last_epoch % step_size != 0)
        {
            return lrs;
        }

        return [.. lrs.Select(lr => lr * gamma)];
    }
}
