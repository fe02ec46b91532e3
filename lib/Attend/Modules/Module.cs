using System.Reflection;

namespace Attend.Modules;

/// <summary>
/// The base of every layer and model, as PyTorch's <c>nn.Module</c>: it owns named parameters, buffers and
/// submodules, switches between training and evaluation, moves to a device, and saves or restores its state.
/// Subclasses register what they own with <see cref="register_parameter"/>/<see cref="register_module"/>, or call
/// <see cref="RegisterComponents"/> once at the end of their constructor to register their fields in order.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Parameter? Value)> ownParameters = [];
    private readonly List<(string Name, Tensor? Value)> buffers = [];
    private readonly List<(string Name, Module Value)> modules = [];

    /// <summary>Creates a module with a display name (its type name by default).</summary>
    protected Module(string? name = null) => GetName = name ?? GetType().Name;

    /// <summary>The module's display name.</summary>
    public string GetName { get; }

    /// <summary>True in training mode (dropout active), false after <see cref="eval"/>.</summary>
    public bool training { get; private set; } = true;

    /// <summary>Registers a parameter under <paramref name="name"/> (null registers a placeholder, e.g. no bias).</summary>
    public void register_parameter(string name, Parameter? parameter)
    {
        CheckName(name);
        ownParameters.Add((name, parameter));
    }

    /// <summary>Registers a non-learnable tensor saved with the state (e.g. running statistics).</summary>
    public void register_buffer(string name, Tensor? buffer)
    {
        CheckName(name);
        buffers.Add((name, buffer));
    }

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    public void register_module(string name, Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        modules.Add((name, module));
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException($"{GetName}: invalid member name '{name}': it must be non-empty and contain no '.'.", nameof(name));
        }

        if (ownParameters.Any(p => p.Name == name) || buffers.Any(b => b.Name == name) || modules.Any(m => m.Name == name))
        {
            throw new ArgumentException($"{GetName}: a member named '{name}' is already registered.", nameof(name));
        }
    }

    /// <summary>
    /// Registers every field of type <see cref="Parameter"/> or <see cref="Module"/> declared by the concrete type
    /// (and its base types), in declaration order, under the field's name (a leading underscore is dropped).
    /// </summary>
    protected void RegisterComponents()
    {
        var types = new Stack<Type>();
        for (var t = GetType(); t is not null && t != typeof(Module); t = t.BaseType)
        {
            types.Push(t);
        }

        foreach (var type in types)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) && !field.Name.Contains("k__BackingField"))
                {
                    continue;
                }

                var name = FieldName(field.Name);
                var value = field.GetValue(this);
                if (value is Parameter p && !ownParameters.Any(x => ReferenceEquals(x.Value, p)))
                {
                    register_parameter(name, p);
                }
                else if (value is Module m && !modules.Any(x => ReferenceEquals(x.Value, m)))
                {
                    register_module(name, m);
                }
            }
        }
    }

    private static string FieldName(string raw)
    {
        if (raw.StartsWith('<'))
        {
            raw = raw[1..raw.IndexOf('>')];
        }

        return raw.TrimStart('_');
    }

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string name, Module module)> named_children() => modules.Select(m => (m.Name, m.Value));

    /// <summary>The direct children.</summary>
    public IEnumerable<Module> children() => modules.Select(m => m.Value);

    /// <summary>This module and every descendant, with dotted names ("" for this one).</summary>
    public IEnumerable<(string name, Module module)> named_modules()
    {
        yield return ("", this);
        foreach (var (name, child) in modules)
        {
            foreach (var (sub, module) in child.named_modules())
            {
                yield return (sub.Length == 0 ? name : $"{name}.{sub}", module);
            }
        }
    }

    /// <summary>Every parameter of this module and its descendants, with dotted names (each once).</summary>
    public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in recurse ? named_modules() : [("", this)])
        {
            foreach (var (name, p) in module.ownParameters)
            {
                if (p is not null && seen.Add(p))
                {
                    yield return (prefix.Length == 0 ? name : $"{prefix}.{name}", p);
                }
            }
        }
    }

    /// <summary>Every parameter of this module and its descendants (what an optimizer updates).</summary>
    public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

    /// <summary>Every buffer with its dotted name.</summary>
    public IEnumerable<(string name, Tensor buffer)> named_buffers()
    {
        foreach (var (prefix, module) in named_modules())
        {
            foreach (var (name, b) in module.buffers)
            {
                if (b is not null)
                {
                    yield return (prefix.Length == 0 ? name : $"{prefix}.{name}", b);
                }
            }
        }
    }

    /// <summary>Replaces a registered buffer's tensor (modules that update statistics call this).</summary>
    protected void set_buffer(string name, Tensor value)
    {
        var i = buffers.FindIndex(b => b.Name == name);
        if (i < 0)
        {
            throw new ArgumentException($"{GetName}: no buffer named '{name}'.", nameof(name));
        }

        buffers[i] = (name, value);
    }

    /// <summary>Switches this module and its descendants to training mode (or evaluation when false).</summary>
    public Module train(bool mode = true)
    {
        foreach (var (_, m) in named_modules())
        {
            m.training = mode;
        }

        return this;
    }

    /// <summary>Switches to evaluation mode: dropout off.</summary>
    public Module eval() => train(false);

    /// <summary>Clears every parameter's gradient (sets it to null, as PyTorch's default).</summary>
    public void zero_grad()
    {
        foreach (var p in parameters())
        {
            p.grad = null;
        }
    }

    /// <summary>Moves every parameter and buffer to <paramref name="device"/>, in place; returns this module.</summary>
    public Module to(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (var p in parameters())
        {
            if (p.device != device)
            {
                p.storage = p.detach().to(device).storage;
                p.grad = null;
            }
        }

        foreach (var (_, m) in named_modules())
        {
            for (var i = 0; i < m.buffers.Count; i++)
            {
                if (m.buffers[i].Value is { } b && b.device != device)
                {
                    m.buffers[i] = (m.buffers[i].Name, b.to(device));
                }
            }
        }

        return this;
    }

    /// <summary>The parameters and buffers by dotted name, in registration order (shares their values).</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, p) in named_parameters())
        {
            state[name] = p.detach();
        }

        foreach (var (name, b) in named_buffers())
        {
            state[name] = b.detach();
        }

        return state;
    }

    /// <summary>
    /// Copies values from <paramref name="state"/> into this module's parameters and buffers. Everything is
    /// checked first (missing or unexpected names when <paramref name="strict"/>, shape mismatches always), so a
    /// failed load changes nothing.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = state_dict();
        var problems = new List<string>();
        if (strict)
        {
            problems.AddRange(own.Keys.Where(k => !state.ContainsKey(k)).Select(k => $"missing key '{k}'"));
            problems.AddRange(state.Keys.Where(k => !own.ContainsKey(k)).Select(k => $"unexpected key '{k}'"));
        }

        foreach (var (name, target) in own)
        {
            if (state.TryGetValue(name, out var source) && !source.ShapeEquals(target))
            {
                problems.Add($"'{name}': checkpoint shape {Tensor.Format(source.shape)}, model shape {Tensor.Format(target.shape)}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"load_state_dict ({GetName}): {string.Join("; ", problems)}.", nameof(state));
        }

        using var _ = torch.no_grad();
        foreach (var (name, target) in own)
        {
            if (state.TryGetValue(name, out var source))
            {
                target.copy_(source);
            }
        }
    }

    /// <summary>A one-line-per-module summary, as PyTorch prints a model.</summary>
    public override string ToString()
    {
        if (modules.Count == 0)
        {
            return $"{GetName}({ExtraRepr()})";
        }

        var lines = modules.Select(m => $"  ({m.Name}): " + m.Value.ToString().Replace("\n", "\n  "));
        return $"{GetName}(\n{string.Join("\n", lines)}\n)";
    }

    /// <summary>The settings shown between the parentheses of <see cref="ToString"/> (e.g. "in_features=4, ...").</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>
    /// Saves <see cref="state_dict"/> to <paramref name="path"/> as a safetensors file (float32, metadata
    /// <c>format: pt</c>, since names and layouts follow PyTorch's), which <c>safetensors.torch.load_file</c> reads.
    /// The write is atomic: an existing file is replaced only once the new one is complete. Returns this module.
    /// </summary>
    public Module save(string path)
    {
        Serialization.SafeTensors.Save(state_dict(), path, new Dictionary<string, string> { ["format"] = "pt" });
        return this;
    }

    /// <summary>
    /// Restores parameters and buffers from the safetensors file at <paramref name="path"/> (ours or PyTorch's),
    /// as <see cref="load_state_dict"/>: everything is checked first (a bad file, missing or unexpected names when
    /// <paramref name="strict"/>, any shape mismatch), so a failed load leaves the module unchanged and the
    /// <see cref="InvalidDataException"/> names the file and the tensors. Returns this module.
    /// </summary>
    public Module load(string path, bool strict = true)
    {
        var state = Serialization.SafeTensors.Load(path);
        try
        {
            load_state_dict(state, strict);
        }
        catch (ArgumentException e) when (e.ParamName == "state")
        {
            // ArgumentException appends " (Parameter 'state')", which means nothing to someone loading a file.
            var reason = e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new InvalidDataException($"{path}: the checkpoint does not fit this model: {reason}", e);
        }

        return this;
    }
}

/// <summary>A module with one input and one output, as TorchSharp's <c>Module&lt;T, TResult&gt;</c>.</summary>
public abstract class Module<T, TResult> : Module
{
    /// <summary>Creates a module with a display name.</summary>
    protected Module(string? name = null)
        : base(name)
    {
    }

    /// <summary>The computation.</summary>
    public abstract TResult forward(T input);

    /// <summary>Runs <see cref="forward"/> (the place for hooks later, as in TorchSharp).</summary>
    public TResult call(T input) => forward(input);
}

/// <summary>A module with two inputs.</summary>
public abstract class Module<T1, T2, TResult> : Module
{
    /// <summary>Creates a module with a display name.</summary>
    protected Module(string? name = null)
        : base(name)
    {
    }

    /// <summary>The computation.</summary>
    public abstract TResult forward(T1 input1, T2 input2);

    /// <summary>Runs <see cref="forward"/>.</summary>
    public TResult call(T1 input1, T2 input2) => forward(input1, input2);
}
