namespace Attend.Backends;

/// <summary>
/// A flat run of float32 values owned by one backend. Tensors hold a storage plus a shape;
/// reshapes share the storage, everything else allocates a fresh one through the backend.
/// </summary>
public abstract class Storage
{
    /// <summary>Number of float32 elements.</summary>
    public abstract int Length { get; }

    /// <summary>The device the values live on.</summary>
    public abstract Device Device { get; }
}
