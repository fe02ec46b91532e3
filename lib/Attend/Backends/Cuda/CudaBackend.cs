using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Attend.Backends.Cuda;

/// <summary>
/// The CUDA backend: every <see cref="IBackend"/> kernel written once in C# and compiled by ILGPU, to PTX for an
/// NVIDIA GPU or to .NET code for ILGPU's CPU accelerator (which is how CI checks it without a GPU). Kernels are
/// loaded once per backend (one backend per accelerator) on first use and cached; storages are blocks of a caching
/// <see cref="DeviceAllocator"/>; matrix products go to cuBLAS when the accelerator is a GPU and the library loads,
/// and to <see cref="TiledGemm"/> otherwise. All work is queued on the accelerator's default stream, in order, so
/// ops need no synchronization between them; only copies to the host wait.
/// </summary>
/// <remarks>
/// Chapter 1 (the tensor engine): the device seam. Ops are serialized by a lock: ILGPU accelerators are bound to one
/// thread at a time, and the kernels are asynchronous anyway, so the lock costs only the launch itself.
/// Backends/Cuda/README.md explains how to add an op.
/// </remarks>
public sealed partial class CudaBackend : IBackend
{
    private readonly object gate = new();
    private readonly Accelerator accelerator;
    private readonly CuBlasLibrary? cublas;
    private readonly string gemmReason;

    [ThreadStatic]
    private static Accelerator? boundOnThisThread;

    internal CudaBackend(Device device, Accelerator accelerator, bool emulated)
    {
        Device = device;
        this.accelerator = accelerator;
        Emulated = emulated;
        // Collect after a sixteenth of the GPU's memory was handed out (at least 256 MiB); the CPU accelerator reports
        // an unbounded size, and its buffers are native host memory the collector does not feel either: 256 MiB.
        var budget = emulated ? 256L << 20 : Math.Max(256L << 20, accelerator.MemorySize / 16);
        Allocator = new DeviceAllocator(accelerator, budget);
        if (accelerator is CudaAccelerator cuda)
        {
            cublas = CuBlasLibrary.TryCreate(cuda, out gemmReason);
        }
        else
        {
            gemmReason = "ILGPU tiled GEMM kernel (no cuBLAS on ILGPU's CPU accelerator)";
        }
    }

    /// <inheritdoc/>
    public Device Device { get; }

    /// <summary>Whether this backend runs on ILGPU's CPU accelerator instead of a GPU.</summary>
    public bool Emulated { get; }

    /// <inheritdoc/>
    public string Description =>
        $"{Device} ({(Emulated ? "ILGPU CPU accelerator emulating CUDA" : accelerator.Name)}, GEMM: {gemmReason})";

    /// <summary>The device memory cache.</summary>
    internal DeviceAllocator Allocator { get; }

    /// <summary>The accelerator (for tests and the GPU runner).</summary>
    internal Accelerator Accelerator => accelerator;

    /// <summary>Whether matrix products go through cuBLAS.</summary>
    public bool UsesCuBlas => cublas is not null;

    /// <summary>Waits until every queued kernel has finished (as <c>torch.cuda.synchronize</c>).</summary>
    public void Synchronize()
    {
        lock (gate)
        {
            Bind();
            accelerator.Synchronize();
        }
    }

    /// <summary>Gives the cached free device memory back to the driver (as <c>torch.cuda.empty_cache</c>).</summary>
    public void EmptyCache()
    {
        lock (gate)
        {
            Bind();
            Allocator.EmptyCache();
        }
    }

    /// <summary>Makes this accelerator current on the calling thread (CUDA contexts are per thread).</summary>
    private void Bind()
    {
        if (!ReferenceEquals(boundOnThisThread, accelerator))
        {
            accelerator.Bind();
            boundOnThisThread = accelerator;
        }
    }

    /// <summary>
    /// Runs <paramref name="enqueue"/> (which queues one or more kernels on the stream) under the backend's lock with
    /// this accelerator bound to the calling thread; does nothing when <paramref name="count"/>, the op's number of
    /// output values, is 0 (CUDA refuses a launch of zero threads, and there is nothing to compute). Every op goes
    /// through here, so the locking and binding rule lives in one place.
    /// </summary>
    private void Launch(long count, Action enqueue)
    {
        if (count == 0)
        {
            return;
        }

        lock (gate)
        {
            Bind();
            enqueue();
        }
    }

    /// <summary>The storage as this backend's, or a clear error when it belongs to another device.</summary>
    private CudaStorage C(Storage s) => s is CudaStorage c && ReferenceEquals(c.Backend, this)
        ? c
        : throw new ArgumentException($"cuda backend {Device}: got a storage on {s.Device}; move tensors with .to(device).");

    private ArrayView<float> V(Storage s) => C(s).View;

    /// <summary>Loads a kernel on first use and keeps it (kernels compile once per accelerator).</summary>
    private T Kernel<T>(ref T? slot, Func<Accelerator, T> load)
        where T : class => slot ??= load(accelerator);

    /// <inheritdoc/>
    public Storage Allocate(int length, bool zero = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (gate)
        {
            Bind();
            var block = Allocator.Rent(length);
            var storage = new CudaStorage(this, block, length);
            if (zero && length > 0)
            {
                block.Buffer.View.SubView(0, length).MemSetToZero(accelerator.DefaultStream);
            }

            return storage;
        }
    }

    /// <inheritdoc/>
    public Storage FromHost(ReadOnlySpan<float> values)
    {
        var storage = (CudaStorage)Allocate(values.Length, zero: false);
        if (values.Length > 0)
        {
            lock (gate)
            {
                Bind();
                storage.View.SubView(0, values.Length).CopyFromCPU(accelerator.DefaultStream, values);
                accelerator.DefaultStream.Synchronize(); // the span may be stack memory the caller reuses at once
            }
        }

        return storage;
    }

    /// <inheritdoc/>
    public void ToHost(Storage source, Span<float> destination)
    {
        var view = V(source);
        var count = Math.Min(source.Length, destination.Length);
        if (count == 0)
        {
            return;
        }

        lock (gate)
        {
            Bind();
            view.SubView(0, count).CopyToCPU(accelerator.DefaultStream, destination[..count]);
            accelerator.DefaultStream.Synchronize();
        }

        GC.KeepAlive(source);
    }

    /// <summary>Uploads small integer arguments (indices) as floats in a temporary storage.</summary>
    private CudaStorage Upload(int[] values)
    {
        var floats = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            floats[i] = values[i];
        }

        return (CudaStorage)FromHost(floats);
    }
}
