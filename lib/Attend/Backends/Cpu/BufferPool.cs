using System.Collections.Concurrent;
using System.Numerics;

namespace Attend.Backends.Cpu;

/// <summary>
/// Recycles large float arrays. A training step allocates the same activation sizes every step; without
/// a pool each one is a fresh large-object-heap array and the GC spends its time in full collections.
/// Arrays come back when their <see cref="CpuStorage"/> is collected (its finalizer returns them) or disposed
/// (the autograd engine disposes the gradients it no longer needs).
/// </summary>
internal static class BufferPool
{
    /// <summary>Arrays shorter than this are ordinary gen-0 allocations, which are cheaper than pooling.</summary>
    public const int MinPooledLength = 85_000 / sizeof(float);

    private const long MaxPooledBytes = 1L << 30;
    private static readonly ConcurrentStack<float[]>[] Buckets =
        Enumerable.Range(0, 32).Select(_ => new ConcurrentStack<float[]>()).ToArray();
    private static long pooledBytes;

    /// <summary>Rents an array of at least <paramref name="length"/> floats (contents undefined).</summary>
    public static float[] Rent(int length)
    {
        if (length < MinPooledLength)
        {
            return length == 0 ? [] : GC.AllocateUninitializedArray<float>(length);
        }

        var bucket = BucketOf(length);
        if (Buckets[bucket].TryPop(out var array))
        {
            Interlocked.Add(ref pooledBytes, -4L * array.Length);
            return array;
        }

        return GC.AllocateUninitializedArray<float>(1 << bucket);
    }

    /// <summary>Returns an array obtained from <see cref="Rent"/>; dropped when the pool is full.</summary>
    public static void Return(float[] array)
    {
        if (array.Length < MinPooledLength || !BitOperations.IsPow2(array.Length))
        {
            return;
        }

        if (Interlocked.Add(ref pooledBytes, 4L * array.Length) > MaxPooledBytes)
        {
            Interlocked.Add(ref pooledBytes, -4L * array.Length);
            return;
        }

        Buckets[BitOperations.Log2((uint)array.Length)].Push(array);
    }

    /// <summary>Whether arrays of this length go through the pool.</summary>
    public static bool IsPooled(int length) => length >= MinPooledLength;

    private static int BucketOf(int length) => BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)length));
}
