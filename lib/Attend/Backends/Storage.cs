namespace Attend.Backends;

/// <summary>
/// A flat run of float32 values owned by one backend. Tensors hold a storage plus a shape;
/// reshapes share the storage, everything else allocates a fresh one through the backend.
/// </summary>
public abstract class Storage
{
    private static long created;

    /// <summary>Number of float32 elements.</summary>
    public abstract int Length { get; }

    /// <summary>The device the values live on.</summary>
    public abstract Device Device { get; }

    /// <summary>
    /// Creation order of storages: the autograd engine recognizes the gradients it allocated during a backward
    /// pass (serial at least <see cref="NextSerial"/> when the pass began), which it may hand over or free early.
    /// </summary>
    internal long Serial { get; } = Interlocked.Increment(ref created);

    /// <summary>The serial the next storage will get.</summary>
    internal static long NextSerial => Interlocked.Read(ref created) + 1;
}
