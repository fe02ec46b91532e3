namespace Attend.Optimizers;

/// <summary>
/// What an optimizer remembers about one parameter between steps, as an entry of PyTorch's
/// <c>optimizer.state</c>: how many updates it has had and named running tensors (Adam's "exp_avg" and
/// "exp_avg_sq", SGD's "momentum_buffer", …). Saving these is what lets training resume exactly.
/// </summary>
public sealed class ParamState
{
    /// <summary>The number of updates applied to this parameter so far.</summary>
    public long step { get; set; }

    /// <summary>The running tensors by name; each has the parameter's shape.</summary>
    public Dictionary<string, Tensor> tensors { get; } = [];

    /// <summary>The tensor named <paramref name="name"/>, created with <paramref name="initial"/> on first use.</summary>
    public Tensor GetOrAdd(string name, Func<Tensor> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (!tensors.TryGetValue(name, out var tensor))
        {
            tensor = initial();
            tensors[name] = tensor;
        }

        return tensor;
    }

    /// <summary>An independent copy: the step count and a copy of every tensor.</summary>
    public ParamState Clone()
    {
        var copy = new ParamState { step = step };
        foreach (var (name, tensor) in tensors)
        {
            copy.tensors[name] = tensor.detach().clone();
        }

        return copy;
    }
}
