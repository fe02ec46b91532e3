using System.Collections;

namespace Attend.Modules;

/// <summary>
/// A list of modules whose parameters belong to the owner, as PyTorch's <c>nn.ModuleList</c>: items are registered
/// as children "0", "1", … so <c>parameters()</c> and <c>state_dict()</c> see them ("layers.0.weight"). It has no
/// forward: the owner decides how to call its items.
/// </summary>
/// <typeparam name="T">The item type (any module).</typeparam>
public sealed class ModuleList<T> : Module, IReadOnlyList<T>
    where T : Module
{
    private readonly List<T> items = [];

    /// <summary>Creates the list with <paramref name="modules"/>.</summary>
    public ModuleList(params T[] modules)
        : base("ModuleList")
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            Add(module);
        }
    }

    /// <summary>The number of modules.</summary>
    public int Count => items.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public T this[int index] => items[index];

    /// <summary>Appends <paramref name="module"/>, registering it under its position.</summary>
    public void Add(T module)
    {
        ArgumentNullException.ThrowIfNull(module);
        register_module(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        items.Add(module);
    }

    /// <summary>Appends <paramref name="module"/> (PyTorch's name) and returns this list.</summary>
    public ModuleList<T> append(T module)
    {
        Add(module);
        return this;
    }

    /// <summary>The modules in order.</summary>
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
