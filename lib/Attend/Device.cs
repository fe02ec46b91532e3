namespace Attend;

/// <summary>The kind of processor a tensor's storage lives on.</summary>
public enum DeviceType
{
    /// <summary>Host memory, computed by the managed CPU backend.</summary>
    CPU,

    /// <summary>An NVIDIA GPU, computed by the CUDA backend.</summary>
    CUDA,
}

/// <summary>
/// Where a tensor lives. Every op runs on the device of its inputs (all inputs must agree), so the
/// same model code runs on the CPU or a GPU depending only on where its parameters and data are.
/// </summary>
public sealed record Device(DeviceType type, int index = 0)
{
    /// <summary>The host CPU.</summary>
    public static readonly Device CPU = new(DeviceType.CPU, 0);

    /// <summary>The first CUDA GPU.</summary>
    public static readonly Device CUDA = new(DeviceType.CUDA, 0);

    /// <summary>Parses "cpu", "cuda" or "cuda:1", as <c>torch.device("cuda:1")</c> does.</summary>
    public static Device Parse(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = description.Trim().ToLowerInvariant();
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? text : text[..colon];
        var index = 0;
        if (colon >= 0 && (!int.TryParse(text[(colon + 1)..], out index) || index < 0))
        {
            throw new ArgumentException($"device: '{description}' has no valid index after ':'.", nameof(description));
        }

        return kind switch
        {
            "cpu" => CPU,
            "cuda" or "gpu" => new Device(DeviceType.CUDA, index),
            _ => throw new ArgumentException(
                $"device: unknown device '{description}'; expected 'cpu', 'cuda' or 'cuda:N'.", nameof(description)),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => type == DeviceType.CPU ? "cpu" : $"cuda:{index}";
}
