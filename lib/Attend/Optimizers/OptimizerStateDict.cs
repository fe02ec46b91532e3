namespace Attend.Optimizers;

/// <summary>
/// A snapshot of an optimizer, as PyTorch's <c>optimizer.state_dict()</c>: every group's hyper-parameters and
/// every parameter's state. Parameters are identified by position (group 0's parameters first, in order), so
/// the snapshot can be loaded into a fresh optimizer built over the same model. Tensors are copies: later
/// steps do not change a snapshot.
/// </summary>
public sealed class OptimizerStateDict
{
    internal OptimizerStateDict(string optimizer, List<ParamGroup> groups, List<int> sizes, Dictionary<int, ParamState> state)
    {
        this.optimizer = optimizer;
        param_groups = groups;
        group_sizes = sizes;
        this.state = state;
    }

    /// <summary>The type name of the optimizer the snapshot was taken from.</summary>
    public string optimizer { get; }

    /// <summary>Each group's hyper-parameters (copies with empty parameter lists).</summary>
    public IReadOnlyList<ParamGroup> param_groups { get; }

    /// <summary>How many parameters each group held.</summary>
    public IReadOnlyList<int> group_sizes { get; }

    /// <summary>Per-parameter state by position; parameters that were never updated have no entry.</summary>
    public IReadOnlyDictionary<int, ParamState> state { get; }
}
