namespace Attend.Backends.Cpu;

/// <summary>Float32 values in a managed array, possibly longer than <see cref="Length"/> when pooled.</summary>
public sealed class CpuStorage : Storage, IDisposable
{
    private float[]? array;
    private readonly int length;

    internal CpuStorage(float[] array, int length, bool pooled)
    {
        this.array = array;
        this.length = length;
        if (!pooled)
        {
            GC.SuppressFinalize(this);
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

    /// <summary>Returns the array to the pool now instead of at the next collection.</summary>
    public void Dispose()
    {
        var a = Interlocked.Exchange(ref array, null);
        if (a is not null)
        {
            BufferPool.Return(a);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Gives the array back to the pool when the tensor that held it is collected.</summary>
    ~CpuStorage()
    {
        var a = array;
        if (a is not null)
        {
            BufferPool.Return(a);
        }
    }
}
