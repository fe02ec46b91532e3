namespace Attend.Optimizers;

/// <summary>
/// Lowers the learning rate when a watched metric stops improving, as PyTorch's <c>ReduceLROnPlateau</c>.
/// Call <see cref="step"/> once per epoch with the metric (e.g. validation loss). When more than
/// <see cref="patience"/> epochs in a row fail to improve on the best value, every group's rate is multiplied by
/// <see cref="factor"/> (not below <see cref="min_lr"/>) and the next <see cref="cooldown"/> epochs are not counted.
/// "Improve" means, for mode "min": below best·(1 − threshold) ("rel") or below best − threshold ("abs");
/// mirrored for mode "max".
/// </summary>
public class ReduceLROnPlateau
{
    private double[] lastLr;

    /// <summary>Watches a metric for <paramref name="optimizer"/>; the arguments are as in PyTorch.</summary>
    public ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1, int patience = 10, double threshold = 1e-4,
                             string threshold_mode = "rel", int cooldown = 0, double min_lr = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Require(mode is "min" or "max", nameof(mode), mode, "mode must be \"min\" or \"max\"");
        Require(threshold_mode is "rel" or "abs", nameof(threshold_mode), threshold_mode, "threshold_mode must be \"rel\" or \"abs\"");
        Require(factor is >= 0 and < 1, nameof(factor), factor, "factor must be in [0, 1) so the rate goes down");
        Require(patience >= 0, nameof(patience), patience, "patience must be >= 0");
        Require(cooldown >= 0, nameof(cooldown), cooldown, "cooldown must be >= 0");
        Require(min_lr >= 0, nameof(min_lr), min_lr, "min_lr must be >= 0");
        Require(threshold >= 0, nameof(threshold), threshold, "threshold must be >= 0");
        this.optimizer = optimizer;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.threshold_mode = threshold_mode;
        this.cooldown = cooldown;
        this.min_lr = min_lr;
        this.eps = eps;
        best = mode == "min" ? double.PositiveInfinity : double.NegativeInfinity;
        lastLr = [.. optimizer.param_groups.Select(g => g.lr)];
    }

    /// <summary>The optimizer whose rates are lowered.</summary>
    public Optimizer optimizer { get; }

    /// <summary>"min" when lower metrics are better (losses), "max" when higher are (accuracy).</summary>
    public string mode { get; }

    /// <summary>The multiplier applied to the rate at each reduction.</summary>
    public double factor { get; }

    /// <summary>How many epochs without improvement are tolerated before reducing.</summary>
    public int patience { get; }

    /// <summary>The least change that counts as an improvement (see <see cref="threshold_mode"/>).</summary>
    public double threshold { get; }

    /// <summary>"rel": relative to the best value; "abs": an absolute margin.</summary>
    public string threshold_mode { get; }

    /// <summary>Epochs to wait after a reduction before counting bad epochs again.</summary>
    public int cooldown { get; }

    /// <summary>The lowest rate a reduction may set.</summary>
    public double min_lr { get; }

    /// <summary>Reductions smaller than this are skipped (the rate is already at its floor).</summary>
    public double eps { get; }

    /// <summary>The best metric seen so far.</summary>
    public double best { get; private set; }

    /// <summary>Consecutive epochs without improvement (reset by an improvement, a reduction or cooldown).</summary>
    public int num_bad_epochs { get; private set; }

    /// <summary>Epochs of cooldown still to run.</summary>
    public int cooldown_counter { get; private set; }

    /// <summary>The number of <see cref="step"/> calls so far.</summary>
    public int last_epoch { get; private set; }

    /// <summary>True while a reduction's cooldown is running.</summary>
    public bool in_cooldown => cooldown_counter > 0;

    /// <summary>Records one epoch's <paramref name="metrics"/> and lowers the rates when it has plateaued.</summary>
    public void step(double metrics)
    {
        last_epoch++;
        if (is_better(metrics, best))
        {
            best = metrics;
            num_bad_epochs = 0;
        }
        else
        {
            num_bad_epochs++;
        }

        if (in_cooldown)
        {
            // Epochs right after a reduction are not held against the new rate.
            cooldown_counter--;
            num_bad_epochs = 0;
        }

        if (num_bad_epochs > patience)
        {
            ReduceRates();
            cooldown_counter = cooldown;
            num_bad_epochs = 0;
        }

        lastLr = [.. optimizer.param_groups.Select(g => g.lr)];
    }

    /// <summary>The rates after the latest <see cref="step"/>, one per group.</summary>
    public IReadOnlyList<double> get_last_lr() => lastLr;

    /// <summary>Whether <paramref name="a"/> improves on <paramref name="best_value"/> by more than the threshold.</summary>
    public bool is_better(double a, double best_value) => (mode, threshold_mode) switch
    {
        ("min", "rel") => a < best_value * (1 - threshold),
        ("min", _) => a < best_value - threshold,
        ("max", "rel") => a > best_value * (1 + threshold),
        _ => a > best_value + threshold,
    };

    private void ReduceRates()
    {
        foreach (var group in optimizer.param_groups)
        {
            var newLr = Math.Max(group.lr * factor, min_lr);
            if (group.lr - newLr > eps)
            {
                group.lr = newLr;
            }
        }
    }

    private static void Require(bool ok, string argument, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"ReduceLROnPlateau: invalid {argument} = {value}: {rule}.", argument);
        }
    }
}
