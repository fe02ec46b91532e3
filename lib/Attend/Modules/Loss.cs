namespace Attend.Modules;

/// <summary>
/// The base of the loss modules: a module of (input, target) that remembers how to reduce the per-element losses:
/// "mean" (the default), "sum" or "none".
/// </summary>
public abstract class Loss : Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss with its reduction.</summary>
    protected Loss(string name, string reduction)
        : base(name)
    {
        torch.nn.functional.CheckReduction(reduction, name);
        this.reduction = reduction;
    }

    /// <summary>"mean", "sum" or "none".</summary>
    public string reduction { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => reduction == "mean" ? "" : $"reduction={reduction}";
}
