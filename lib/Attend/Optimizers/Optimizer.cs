namespace Attend.Optimizers;

/// <summary>
/// The base of every optimizer, as PyTorch's <c>torch.optim.Optimizer</c>. It owns the parameter groups and the
/// per-parameter state; <see cref="step"/> visits every parameter that has a gradient and hands it to the
/// subclass's <see cref="Update"/>, which holds the algorithm's math. The training loop is always
/// <c>opt.zero_grad(); loss.backward(); opt.step();</c>.
/// </summary>
public abstract class Optimizer
{
    private readonly List<ParamGroup> groups = [];
    private readonly Dictionary<Tensor, ParamState> states = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Creates an optimizer over <paramref name="parameters"/> (one group) with the hyper-parameters of
    /// <paramref name="defaults"/>; groups added later with <see cref="add_param_group(IEnumerable{Tensor}, double?)"/>
    /// copy them.
    /// </summary>
    protected Optimizer(IEnumerable<Tensor> parameters, ParamGroup defaults)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(defaults);
        this.defaults = defaults;
        add_param_group(defaults.WithParameters(parameters));
    }

    /// <summary>The hyper-parameters given to the constructor (its parameter list is empty).</summary>
    public ParamGroup defaults { get; }

    /// <summary>The parameter groups; a scheduler changes their <see cref="ParamGroup.lr"/>.</summary>
    public IReadOnlyList<ParamGroup> param_groups => groups;

    /// <summary>What the optimizer remembers per parameter (filled in by the first step that updates it).</summary>
    public IReadOnlyDictionary<Tensor, ParamState> state => states;

    /// <summary>Adds a group of <paramref name="parameters"/> with the default hyper-parameters, optionally its own <paramref name="lr"/>.</summary>
    public void add_param_group(IEnumerable<Tensor> parameters, double? lr = null)
    {
        var group = defaults.WithParameters(parameters);
        group.lr = lr ?? group.lr;
        add_param_group(group);
    }

    /// <summary>Adds a fully specified group (of this optimizer's group type).</summary>
    public void add_param_group(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var name = GetType().Name;
        if (group.GetType() != defaults.GetType())
        {
            throw new ArgumentException(
                $"{name}: add_param_group needs a {defaults.GetType().FullName}, got a {group.GetType().FullName}.", nameof(group));
        }

        if (group.parameters.Count == 0)
        {
            throw new ArgumentException(
                $"{name}: the parameter list is empty (0 tensors), so there is nothing to optimize; did the model " +
                "register its parameters (register_parameter or RegisterComponents)?", "parameters");
        }

        var seen = new HashSet<Tensor>(groups.SelectMany(g => g.parameters), ReferenceEqualityComparer.Instance);
        for (var i = 0; i < group.parameters.Count; i++)
        {
            var p = group.parameters[i];
            if (p is null)
            {
                throw new ArgumentException($"{name}: parameter {i} of the group is null.", "parameters");
            }

            if (!p.is_leaf)
            {
                throw new ArgumentException(
                    $"{name}: parameter {i} (shape {Tensor.Format(p.shape)}) is not a leaf tensor (it was computed by " +
                    $"'{p.grad_fn!.Name}'); an optimizer can only update leaves such as parameters.", "parameters");
            }

            if (!seen.Add(p))
            {
                throw new ArgumentException(
                    $"{name}: parameter {i} (shape {Tensor.Format(p.shape)}) appears more than once across the parameter " +
                    "groups; each tensor may be in one group only.", "parameters");
            }
        }

        group.Validate();
        groups.Add(group);
    }

    /// <summary>
    /// Clears the gradients of every parameter: sets them to null (PyTorch's default), or to zeros when
    /// <paramref name="set_to_none"/> is false. Call it before each backward, since gradients accumulate.
    /// </summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (var p in groups.SelectMany(g => g.parameters))
        {
            if (set_to_none)
            {
                p.grad = null;
            }
            else
            {
                p.grad?.zero_();
            }
        }
    }

    /// <summary>
    /// Updates every parameter that has a gradient, in place (parameters whose grad is null are skipped).
    /// A <paramref name="closure"/>, when given, recomputes the loss (with gradients recorded) first; its loss is returned.
    /// </summary>
    public Tensor? step(Func<Tensor>? closure = null)
    {
        Tensor? loss = null;
        if (closure is not null)
        {
            using (torch.enable_grad())
            {
                loss = closure();
            }
        }

        foreach (var group in groups)
        {
            group.Validate();
        }

        // The update itself must not be recorded: it changes leaves in place.
        using (torch.no_grad())
        {
            foreach (var group in groups)
            {
                foreach (var p in group.parameters)
                {
                    if (p.grad is not { } grad)
                    {
                        continue;
                    }

                    if (!states.TryGetValue(p, out var s))
                    {
                        s = new ParamState();
                        states[p] = s;
                    }

                    s.step++;
                    Update(group, p, grad, s);
                }
            }
        }

        return loss;
    }

    /// <summary>
    /// The algorithm: updates <paramref name="parameter"/> in place from its <paramref name="grad"/>, using and
    /// updating <paramref name="state"/> (whose <see cref="ParamState.step"/> already counts this update).
    /// Runs under <c>no_grad</c>; must not modify <paramref name="grad"/>.
    /// </summary>
    protected abstract void Update(ParamGroup group, Tensor parameter, Tensor grad, ParamState state);

    /// <summary>A snapshot (copied tensors) of the hyper-parameters and per-parameter state, for resuming training.</summary>
    public OptimizerStateDict state_dict()
    {
        var snapshotGroups = new List<ParamGroup>();
        var sizes = new List<int>();
        var snapshotState = new Dictionary<int, ParamState>();
        var index = 0;
        foreach (var group in groups)
        {
            snapshotGroups.Add(group.WithParameters([]));
            sizes.Add(group.parameters.Count);
            foreach (var p in group.parameters)
            {
                if (states.TryGetValue(p, out var s))
                {
                    snapshotState[index] = s.Clone();
                }

                index++;
            }
        }

        return new OptimizerStateDict(GetType().Name, snapshotGroups, sizes, snapshotState);
    }

    /// <summary>
    /// Restores a snapshot taken by <see cref="state_dict"/> from an optimizer of the same kind over parameters of
    /// the same shapes. Everything is checked first, so a failed load changes nothing; tensors are copied.
    /// </summary>
    public void load_state_dict(OptimizerStateDict state_dict)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        var name = GetType().Name;
        var problems = new List<string>();
        if (state_dict.optimizer != name)
        {
            problems.Add($"the snapshot was taken from {state_dict.optimizer}");
        }

        if (state_dict.group_sizes.Count != groups.Count)
        {
            problems.Add($"the snapshot has {state_dict.group_sizes.Count} parameter group(s), this optimizer {groups.Count}");
        }
        else
        {
            for (var g = 0; g < groups.Count; g++)
            {
                if (state_dict.group_sizes[g] != groups[g].parameters.Count)
                {
                    problems.Add($"group {g} has {state_dict.group_sizes[g]} parameter(s) in the snapshot but {groups[g].parameters.Count} here");
                }
            }
        }

        var flat = groups.SelectMany(g => g.parameters).ToList();
        if (problems.Count == 0)
        {
            foreach (var (index, s) in state_dict.state)
            {
                if (index < 0 || index >= flat.Count)
                {
                    problems.Add($"state for parameter {index}, but there are only {flat.Count} parameters");
                    continue;
                }

                foreach (var (key, tensor) in s.tensors)
                {
                    if (!tensor.ShapeEquals(flat[index]))
                    {
                        problems.Add($"parameter {index}: state '{key}' has shape {Tensor.Format(tensor.shape)} but the parameter has shape {Tensor.Format(flat[index].shape)}");
                    }
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"load_state_dict ({name}): {string.Join("; ", problems)}.", nameof(state_dict));
        }

        for (var g = 0; g < groups.Count; g++)
        {
            groups[g] = state_dict.param_groups[g].WithParameters(groups[g].parameters);
        }

        states.Clear();
        foreach (var (index, s) in state_dict.state)
        {
            var copy = s.Clone();
            foreach (var key in copy.tensors.Keys.ToList())
            {
                copy.tensors[key] = copy.tensors[key].to(flat[index].device);
            }

            states[flat[index]] = copy;
        }
    }

    /// <summary>The optimizer's name and each group's hyper-parameters.</summary>
    public override string ToString() =>
        $"{GetType().Name}(\n{string.Join("\n", groups.Select((g, i) => $"  group {i}: {g}"))}\n)";
}
