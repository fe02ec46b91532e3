using ILGPU;

namespace Attend.Backends.Cuda;

/// <summary>
/// Float32 values in device memory: a block rented from the <see cref="DeviceAllocator"/> of one
/// <see cref="CudaBackend"/>, possibly longer than <see cref="Length"/> (blocks come in power-of-two sizes).
/// </summary>
/// <remarks>
/// Release rule (see Backends/Cuda/README.md): <see cref="Dispose"/> gives the block back to the allocator's cache at
/// once (the autograd engine does this for the gradients it no longer needs, the backend for its temporaries);
/// a storage dropped without disposal gives its block back when the collector finalizes it, and the allocator forces
/// that collection itself when device memory is handed out faster than the collector runs. Giving a block back never
/// calls the driver (it only pushes onto a stack), so it is safe from the finalizer thread; and since every kernel of
/// a backend runs on one stream, a block reused by a later op is written only after earlier ops have read it.
/// Chapter 1 (the tensor engine) introduces the device seam this class plugs into.
/// </remarks>
public sealed class CudaStorage : Storage, IDisposable
{
    private DeviceBlock? block;
    private readonly int length;
    private readonly Reclaim reclaim;

    internal CudaStorage(CudaBackend backend, DeviceBlock block, int length)
    {
        Backend = backend;
        this.block = block;
        this.length = length;
        reclaim = new Reclaim(backend.Allocator, block);
    }

    /// <summary>The backend (one accelerator) that owns the memory.</summary>
    internal CudaBackend Backend { get; }

    /// <inheritdoc/>
    public override int Length => length;

    /// <inheritdoc/>
    public override Device Device => Backend.Device;

    /// <summary>The device block, or an error naming the disposal when the storage was already released.</summary>
    internal DeviceBlock Block => block ?? throw new ObjectDisposedException(nameof(CudaStorage),
        "This tensor's device storage was disposed (its memory went back to the CUDA allocator's cache).");

    /// <summary>The whole block as a kernel argument (at least <see cref="Length"/> values).</summary>
    internal ArrayView<float> View => Block.Buffer.View;

    /// <summary>Gives the device memory back to the allocator's cache now instead of at the next collection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref block, null) is not null)
        {
            reclaim.Now();
        }
    }

    /// <summary>
    /// Returns the block when the storage is collected without being disposed. A separate object so that the storage
    /// itself stays cheap to allocate; it only touches managed bookkeeping (no driver call on the finalizer thread).
    /// </summary>
    private sealed class Reclaim(DeviceAllocator allocator, DeviceBlock block)
    {
        private int done;

        public void Now()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                GC.SuppressFinalize(this);
                allocator.Return(block);
            }
        }

        ~Reclaim()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                allocator.Return(block);
            }
        }
    }
}
