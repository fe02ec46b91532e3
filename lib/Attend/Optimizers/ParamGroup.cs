namespace Attend.Optimizers;

/// <summary>
/// A set of parameters that share hyper-parameters, as an entry of PyTorch's <c>optimizer.param_groups</c>.
/// Every group has its own learning rate <see cref="lr"/> (what a scheduler changes); each optimizer derives a
/// group type that adds its own options (momentum, betas, …). Different groups can train at different rates,
/// e.g. a pretrained encoder slowly and a new head quickly.
/// </summary>
public abstract class ParamGroup
{
    /// <summary>Creates a group of <paramref name="parameters"/> for the optimizer named <paramref name="optimizer"/>.</summary>
    protected ParamGroup(string optimizer, IEnumerable<Tensor> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.optimizer = optimizer;
        this.parameters = [.. parameters];
        this.lr = lr;
    }

    /// <summary>The name of the optimizer the group belongs to (used in error messages).</summary>
    public string optimizer { get; }

    /// <summary>The tensors this group updates.</summary>
    public IReadOnlyList<Tensor> parameters { get; private set; }

    /// <summary>The learning rate: the step size of every update in this group.</summary>
    public double lr { get; set; }

    /// <summary>The learning rate when the first scheduler was attached (schedulers compute from it); null before.</summary>
    public double? initial_lr { get; set; }

    /// <summary>
    /// Throws a clear error when a hyper-parameter is out of range. The optimizer calls it when the group is
    /// added and again before every step, so a bad value set later is caught before it is used.
    /// </summary>
    public virtual void Validate() => Require(lr >= 0, "lr", lr, "a learning rate must be >= 0");

    /// <summary>A copy of this group's hyper-parameters holding <paramref name="newParameters"/> instead of its own.</summary>
    public ParamGroup WithParameters(IEnumerable<Tensor> newParameters)
    {
        ArgumentNullException.ThrowIfNull(newParameters);
        var copy = (ParamGroup)MemberwiseClone();
        copy.parameters = [.. newParameters];
        return copy;
    }

    /// <summary>The group as "2 parameter(s), lr=0.01, momentum=0.9".</summary>
    public override string ToString() => $"{parameters.Count} parameter(s), lr={lr}{ExtraRepr()}";

    /// <summary>The group type's own options, each as ", name=value", for <see cref="ToString"/>.</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the optimizer, the argument and its value unless <paramref name="ok"/>.</summary>
    protected void Require(bool ok, string argument, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"{optimizer}: invalid {argument} = {value}: {rule}.", argument);
        }
    }
}
