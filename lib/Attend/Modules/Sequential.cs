using System.Collections;

namespace Attend.Modules;

/// <summary>
/// A chain of modules applied one after another, as PyTorch's <c>nn.Sequential</c>: the children are registered as
/// "0", "1", … (or under the names given), so parameter names read "0.weight", "2.bias" as in PyTorch.
/// </summary>
public sealed class Sequential : Module<Tensor, Tensor>, IEnumerable<Module<Tensor, Tensor>>
{
    private readonly List<Module<Tensor, Tensor>> layers = [];

    /// <summary>An empty chain (add modules with <see cref="append"/>).</summary>
    public Sequential()
        : base(nameof(Sequential))
    {
    }

    /// <summary>Chains <paramref name="modules"/>, named by position.</summary>
    public Sequential(params Module<Tensor, Tensor>[] modules)
        : base(nameof(Sequential))
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            append(module);
        }
    }

    /// <summary>Chains <paramref name="modules"/> under the given names.</summary>
    public Sequential(params (string name, Module<Tensor, Tensor> module)[] modules)
        : base(nameof(Sequential))
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, module) in modules)
        {
            register_module(name, module);
            layers.Add(module);
        }
    }

    /// <summary>The number of modules in the chain.</summary>
    public int Count => layers.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => layers[index];

    /// <summary>Adds <paramref name="module"/> at the end (named by its position) and returns this chain.</summary>
    public Sequential append(Module<Tensor, Tensor> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        register_module(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    /// <summary>Feeds the input through every module in order.</summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            x = layer.forward(x);
        }

        return x;
    }

    /// <summary>The modules in order.</summary>
    public IEnumerator<Module<Tensor, Tensor>> GetEnumerator() => layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
