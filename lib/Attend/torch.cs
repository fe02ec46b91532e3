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

    /// <summary>CUDA availability, as <c>torch.cuda</c>.</summary>
    public static class cuda
    {
        /// <summary>True when tensors can be moved to a GPU.</summary>
        public static bool is_available() => CudaAvailability.IsAvailable;

        /// <summary>Why CUDA cannot be used here (empty when it can).</summary>
        public static string unavailable_reason() => CudaAvailability.Reason;
    }

    /// <summary>Which kernels run where.</summary>
    public static class backends
    {
        /// <summary>One line per backend: the CPU's threads and GEMM provider, and CUDA's status.</summary>
        public static string describe() =>
            $"{CpuBackend.Instance.Description}; GEMM choice: {GemmProvider.Reason}\n" +
            $"cuda: {(CudaAvailability.IsAvailable ? "available" : "not available: " + CudaAvailability.Reason)}";
    }

    /// <summary>The backend that computes on <paramref name="device"/> (the CPU when null).</summary>
    internal static IBackend BackendFor(Device? device) => Backend.For(device ?? Device.CPU);
}
