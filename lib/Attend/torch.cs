using Attend.Autograd;
using Attend.Backends;
using Attend.Backends.Cpu;
using Attend.Backends.Cuda;

namespace Attend;

/// <summary>
/// The library's front door, named and shaped like TorchSharp's <c>torch</c> so that code from PyTorch and
/// TorchSharp ports line by line: <c>torch.zeros(2, 3)</c>, <c>torch.manual_seed(0)</c>, <c>torch.no_grad()</c>,
/// <c>torch.nn.Linear(4, 8)</c>, <c>torch.optim.Adam(model.parameters(), lr: 1e-3)</c>.
/// With <c>using static Attend.torch;</c> the prefix can be dropped.
/// </summary>
public static partial class torch
{
    /// <summary>The generator every random op uses unless given another one.</summary>
    public static Generator default_generator { get; } = new(0);

    /// <summary>Seeds the default generator: one seed fixes initialization, sampling and dropout.</summary>
    public static Generator manual_seed(long seed) => default_generator.manual_seed(seed);

    /// <summary>
    /// A scope in which ops do not record gradients: <c>using (torch.no_grad()) { ... }</c>. It follows
    /// the code across awaits and thread hops and does not affect other threads.
    /// </summary>
    public static IDisposable no_grad() => GradMode.Scope(false);

    /// <summary>A scope in which ops record gradients again (inside a no_grad region).</summary>
    public static IDisposable enable_grad() => GradMode.Scope(true);

    /// <summary>Sets whether ops record gradients outside any scope (process-wide, persists across cells).</summary>
    public static void set_grad_enabled(bool enabled) => GradMode.SetEnabled(enabled);

    /// <summary>Whether ops record gradients here and now.</summary>
    public static bool is_grad_enabled() => GradMode.IsEnabled;

    /// <summary>The CPU device.</summary>
    public static Device CPU => Device.CPU;

    /// <summary>The first CUDA device.</summary>
    public static Device CUDA => Device.CUDA;

    /// <summary>Parses a device name: "cpu", "cuda", "cuda:1".</summary>
    public static Device device(string name) => Device.Parse(name);

    /// <summary>Where the time goes, as <c>torch.profiler</c>.</summary>
    public static class profiler
    {
        /// <summary>
        /// Starts recording every kernel call (see <see cref="Profiling.Profile"/>) until the result is disposed:
        /// <c>using (var prof = torch.profiler.profile()) { step(); }</c> then
        /// <c>Console.WriteLine(prof.key_averages().table(row_limit: 10));</c>. One profile records at a time.
        /// </summary>
        public static Profiling.Profile profile() => new();
    }

    /// <summary>CUDA availability, as <c>torch.cuda</c>.</summary>
    public static class cuda
    {
        /// <summary>True when tensors can be moved to a GPU.</summary>
        public static bool is_available() => CudaAvailability.IsAvailable;

        /// <summary>Why CUDA cannot be used here (empty when it can).</summary>
        public static string unavailable_reason() => CudaAvailability.Reason;

        /// <summary>How many CUDA devices there are (1 under ATTEND_CUDA_EMULATE=1, 0 without a GPU).</summary>
        public static int device_count() => CudaAvailability.DeviceCount;

        /// <summary>Waits for every kernel queued on the CUDA devices in use (kernels run asynchronously).</summary>
        public static void synchronize()
        {
            foreach (var backend in CudaDevices.Started)
            {
                backend.Synchronize();
            }
        }

        /// <summary>Gives the CUDA allocator's cached free blocks back to the driver.</summary>
        public static void empty_cache()
        {
            foreach (var backend in CudaDevices.Started)
            {
                backend.EmptyCache();
            }
        }

        /// <summary>Bytes of device memory held by live tensors on <paramref name="device"/> (cuda:0 when null).</summary>
        public static long memory_allocated(Device? device = null) =>
            CudaDevices.For(device ?? Device.CUDA).Allocator.AllocatedBytes;

        /// <summary>Bytes of device memory the caching allocator holds, in use or cached (cuda:0 when null).</summary>
        public static long memory_reserved(Device? device = null) =>
            CudaDevices.For(device ?? Device.CUDA).Allocator.ReservedBytes;
    }

    /// <summary>Which kernels run where.</summary>
    public static class backends
    {
        /// <summary>One line per backend: the CPU's threads and GEMM provider, and CUDA's status.</summary>
        public static string describe() =>
            $"{CpuBackend.Instance.Description}; GEMM choice: {GemmProvider.Reason}\n" +
            $"cuda: {(CudaAvailability.IsAvailable ? "available" : "not available: " + CudaAvailability.Reason)}" +
            string.Concat(CudaDevices.Started.Select(b => "\n" + b.Description));
    }

    /// <summary>The backend that computes on <paramref name="device"/> (the CPU when null).</summary>
    internal static IBackend BackendFor(Device? device) => Backend.For(device ?? Device.CPU);
}
