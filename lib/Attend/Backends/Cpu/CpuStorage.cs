namespace Attend.Backends.Cpu;

/// <summary>Float32 values in a managed array, possibly longer than <see cref="Length"/> when pooled.</summary>
public sealed class CpuStorage : Storage, IDisposable
{
    private float[]? array;
    private readonly int length;
    private readonly PoolReturn? poolReturn;

    internal CpuStorage(float[] array, int length, bool pooled)
    {
        this.array = array;
        this.length = length;
        if (pooled)
        {
            poolReturn = new PoolReturn(array);
        }
    }

    /// <inheritdoc/>
    public override int Length => length;

    /// <inheritdoc/>
    public override Device Device => Device.CPU;

    /// <summary>The backing array (may be longer than <see cref="Length"/>).</summary>
    public float[] Array => array ?? throw new ObjectDisposedException(nameof(CpuStorage), "This tensor's storage was disposed.");

    /// <summary>The values as a span of exactly <see cref="Length"/> elements.</summary>
    public Span<float> Span => Array.AsSpan(0, length);

    /// <summary>Returns a pooled array to the pool now instead of at the next collection.</summary>
    public void Dispose()
    {
        var a = Interlocked.Exchange(ref array, null);
        if (a is not null && poolReturn is not null)
        {
            poolReturn.Cancel();
            BufferPool.Return(a);
        }
    }

    /// <summary>
    /// Gives a pooled array back when its storage is collected without being disposed. A separate object so that
    /// only pooled (large) storages carry a finalizer: finalizable objects are slower to allocate and survive one
    /// extra collection, which small, short-lived tensors should not pay for.
    /// </summary>
    private sealed class PoolReturn(float[] array)
    {
        public void Cancel() => GC.SuppressFinalize(this);

        ~PoolReturn() => BufferPool.Return(array);
    }
}
