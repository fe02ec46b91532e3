using System.Collections.Concurrent;
using System.Numerics;

namespace Attend.Backends.Cpu;

/// <summary>
/// Recycles large float arrays. A training step allocates the same activation sizes every step; without
/// a pool each one is a fresh large-object-heap array: fresh memory to fault in, and full collections.
/// Arrays come back when their <see cref="CpuStorage"/> is collected (a finalizer returns them) or disposed
/// (the autograd engine disposes the gradients it no longer needs).
/// </summary>
internal static class BufferPool
{
    /// <summary>
    /// Arrays shorter than this (below the large-object-heap threshold of 85,000 bytes) are ordinary gen-0
    /// allocations: they die young for free, which is cheaper than pooling them behind a finalizer.
    /// </summary>
    public const int MinPooledLength = 85_000 / sizeof(float);

    /// <summary>
    /// Large arrays rented between two young-generation collections, beyond which the pool asks for one: dropped
    /// tensors only give their arrays back when collected, and a loop of large temporaries (an optimizer step)
    /// can outrun the collector and make the pool allocate, and fault in, fresh memory every step. Each forced
    /// collection costs a pause that grows with the live autograd graph (3-10 ms at the chapters' sizes), so the
    /// budget is a few steps' worth: at 64 MB the NTM (batch 32) and DMN+ steps forced one or two collections a
    /// step and ran 1.3-1.6x slower than at 256 MB; at 1 GB fresh arrays are faulted in again
    /// (tests/Benchmarks/README.md, "Garbage collector").
    /// </summary>
    private const long CollectAfterBytes = 256L << 20;

    private const long MaxPooledBytes = 1L << 30;
    private static long rentedSinceCollection;
    private static int collectionsSeen;
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
        CollectWhenOutrun(4L << bucket);
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

    private static void CollectWhenOutrun(long bytes)
    {
        var collections = GC.CollectionCount(1);
        if (collections != Volatile.Read(ref collectionsSeen))
        {
            // The collector ran on its own since the last rent: dead storages have been (or are being) returned.
            Volatile.Write(ref collectionsSeen, collections);
            Volatile.Write(ref rentedSinceCollection, 0);
        }

        if (Interlocked.Add(ref rentedSinceCollection, bytes) > CollectAfterBytes)
        {
            Volatile.Write(ref rentedSinceCollection, 0);
            GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    /// <summary>Whether arrays of this length go through the pool.</summary>
    public static bool IsPooled(int length) => length >= MinPooledLength;

    private static int BucketOf(int length) => BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)length));
}
