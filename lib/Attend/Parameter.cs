namespace Attend;

/// <summary>
/// A tensor that is a learnable weight of a module: a leaf that requires grad by default, found by
/// <c>Module.parameters()</c> and updated in place by optimizers.
/// </summary>
public sealed class Parameter : Tensor
{
    /// <summary>Wraps <paramref name="data"/>'s values (shared, not copied) as a parameter.</summary>
    public Parameter(Tensor data, bool requires_grad = true)
        : base(data.detach())
    {
        this.requires_grad = requires_grad;
    }
}
