using System.Collections.Concurrent;
using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

/// <summary>One device allocation of a power-of-two number of floats, owned by a <see cref="DeviceAllocator"/>.</summary>
/// <remarks>Chapter 1 (the tensor engine): the device seam. Backends/Cuda/README.md explains the memory rules.</remarks>
internal sealed class DeviceBlock(MemoryBuffer1D<float, Stride1D.Dense> buffer, int bucket)
{
    /// <summary>The device memory (never disposed while the allocator holds the block).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Buffer { get; } = buffer;

    /// <summary>log2 of the capacity in floats.</summary>
    public int Bucket { get; } = bucket;

    /// <summary>Capacity in bytes.</summary>
    public long Bytes => 4L << Bucket;
}

/// <summary>
/// The caching device allocator: device allocations (cudaMalloc through ILGPU) are slow and synchronize the device,
/// and a training step asks for the same sizes every step, so freed blocks are kept in power-of-two size buckets and
/// handed out again. The allocator holds every block it ever made (the free ones in the buckets, the rented ones in a
/// registry), so the memory is never finalized behind its back; only <see cref="EmptyCache"/> and disposal of the
/// backend give memory back to the driver.
/// </summary>
/// <remarks>
/// The collector does not see device memory: a loop that drops tensors without disposing them would fill the GPU
/// long before the managed heap grows enough to trigger a collection. So the allocator counts the bytes it hands out
/// and forces a collection (and waits for finalizers, which return the dropped blocks) once more than
/// <see cref="CollectAfterBytes"/> were rented since the last one; and when the driver refuses an allocation it
/// collects, empties the cache and tries once more before reporting the sizes. Chapter 1, §1.1 (the device seam).
/// </remarks>
internal sealed class DeviceAllocator
{
    /// <summary>The smallest block: 64 floats (256 bytes, the alignment cudaMalloc guarantees anyway).</summary>
    public const int MinBucket = 6;

    private readonly Accelerator accelerator;
    private readonly ConcurrentStack<DeviceBlock>[] free =
        Enumerable.Range(0, 32).Select(_ => new ConcurrentStack<DeviceBlock>()).ToArray();
    private readonly ConcurrentDictionary<DeviceBlock, byte> all = new(ReferenceEqualityComparer.Instance);
    private long rentedSinceCollection;
    private long reservedBytes;
    private long allocatedBytes;
    private int collectionsSeen;

    public DeviceAllocator(Accelerator accelerator, long collectAfterBytes)
    {
        this.accelerator = accelerator;
        CollectAfterBytes = collectAfterBytes;
    }

    /// <summary>Bytes rented between two collections beyond which the allocator asks the collector to run.</summary>
    public long CollectAfterBytes { get; }

    /// <summary>Bytes held by live storages (as <c>torch.cuda.memory_allocated</c>).</summary>
    public long AllocatedBytes => Interlocked.Read(ref allocatedBytes);

    /// <summary>Bytes obtained from the driver, cached or in use (as <c>torch.cuda.memory_reserved</c>).</summary>
    public long ReservedBytes => Interlocked.Read(ref reservedBytes);

    /// <summary>The block bucket for <paramref name="length"/> floats.</summary>
    public static int BucketOf(int length) =>
        Math.Max(MinBucket, BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 1))));

    /// <summary>A block of at least <paramref name="length"/> floats (contents undefined). Call under the backend's lock.</summary>
    public DeviceBlock Rent(int length)
    {
        var bucket = BucketOf(length);
        var bytes = 4L << bucket;
        CollectWhenOutrun(bytes);
        if (!free[bucket].TryPop(out var block))
        {
            block = AllocateFresh(bucket, bytes);
        }

        Interlocked.Add(ref allocatedBytes, bytes);
        return block;
    }

    /// <summary>Takes a block back into its bucket (any thread, the finalizer's included: no driver call).</summary>
    public void Return(DeviceBlock block)
    {
        Interlocked.Add(ref allocatedBytes, -block.Bytes);
        free[block.Bucket].Push(block);
    }

    /// <summary>Gives every cached (free) block back to the driver. Call under the backend's lock.</summary>
    public void EmptyCache()
    {
        accelerator.Synchronize();
        foreach (var bucket in free)
        {
            while (bucket.TryPop(out var block))
            {
                all.TryRemove(block, out _);
                Interlocked.Add(ref reservedBytes, -block.Bytes);
                block.Buffer.Dispose();
            }
        }
    }

    private DeviceBlock AllocateFresh(int bucket, long bytes)
    {
        MemoryBuffer1D<float, Stride1D.Dense> buffer;
        try
        {
            buffer = accelerator.Allocate1D<float>(1L << bucket);
        }
        catch (Exception first) when (first is OutOfMemoryException or AcceleratorException)
        {
            // Dropped storages may still hold blocks the collector has not found yet: collect, free the cache, retry.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            EmptyCache();
            if (free[bucket].TryPop(out var recycled))
            {
                return recycled;
            }

            try
            {
                buffer = accelerator.Allocate1D<float>(1L << bucket);
            }
            catch (Exception second) when (second is OutOfMemoryException or AcceleratorException)
            {
                throw new OutOfMemoryException(
                    $"cuda: out of device memory allocating {bytes} bytes on {accelerator.Name}: " +
                    $"{AllocatedBytes} bytes in live tensors, {ReservedBytes} bytes reserved, device has " +
                    $"{accelerator.MemorySize} bytes ({second.Message}). Dispose tensors you no longer need or use smaller batches.",
                    second);
            }
        }

        var block = new DeviceBlock(buffer, bucket);
        all[block] = 0;
        Interlocked.Add(ref reservedBytes, bytes);
        return block;
    }

    private void CollectWhenOutrun(long bytes)
    {
        var collections = GC.CollectionCount(2);
        if (collections != Volatile.Read(ref collectionsSeen))
        {
            // The collector ran on its own since the last rent: dropped storages have been (or are being) returned.
            Volatile.Write(ref collectionsSeen, collections);
            Volatile.Write(ref rentedSinceCollection, 0);
        }

        if (Interlocked.Add(ref rentedSinceCollection, bytes) > CollectAfterBytes)
        {
            Volatile.Write(ref rentedSinceCollection, 0);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            GC.WaitForPendingFinalizers();
        }
    }
}
