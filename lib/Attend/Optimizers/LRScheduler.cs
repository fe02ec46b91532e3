namespace Attend.Optimizers;

/// <summary>
/// The base of epoch-based learning-rate schedulers, as PyTorch's <c>torch.optim.lr_scheduler.LRScheduler</c>.
/// Call <see cref="step"/> once per epoch, after the optimizer's steps; it advances <see cref="last_epoch"/> and
/// writes the new rate into every group's <see cref="ParamGroup.lr"/>. Like PyTorch, the constructor takes the
/// first step (to epoch 0), which leaves the rates unchanged.
/// </summary>
public abstract class LRScheduler
{
    private double[] lastLr;

    /// <summary>Attaches to <paramref name="optimizer"/>, recording each group's starting rate as its <c>initial_lr</c>.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        this.optimizer = optimizer;
        foreach (var group in optimizer.param_groups)
        {
            group.initial_lr ??= group.lr;
        }

        base_lrs = [.. optimizer.param_groups.Select(g => g.initial_lr!.Value)];
        lastLr = [.. optimizer.param_groups.Select(g => g.lr)];
    }

    /// <summary>The optimizer whose rates are scheduled.</summary>
    public Optimizer optimizer { get; }

    /// <summary>The rates the schedule starts from, one per group.</summary>
    public IReadOnlyList<double> base_lrs { get; }

    /// <summary>The number of <see cref="step"/> calls since construction (0 right after it).</summary>
    public int last_epoch { get; private set; } = -1;

    /// <summary>Advances one epoch and sets every group's learning rate.</summary>
    public void step()
    {
        last_epoch++;
        var rates = get_lr();
        for (var i = 0; i < rates.Length; i++)
        {
            optimizer.param_groups[i].lr = rates[i];
        }

        lastLr = rates;
    }

    /// <summary>The rates set by the latest <see cref="step"/>, one per group.</summary>
    public IReadOnlyList<double> get_last_lr() => lastLr;

    /// <summary>
    /// The rate of each group for the epoch <see cref="last_epoch"/> has just advanced to, computed (as PyTorch does)
    /// from the groups' current rates, so schedules compose with other changes to <see cref="ParamGroup.lr"/>.
    /// </summary>
    protected abstract double[] get_lr();

    /// <summary>Takes the constructor's first step; derived constructors call it last, once their settings are stored.</summary>
    protected void InitialStep() => step();

    /// <summary>The current rate of every group.</summary>
    protected double[] CurrentRates() => [.. optimizer.param_groups.Select(g => g.lr)];
}
