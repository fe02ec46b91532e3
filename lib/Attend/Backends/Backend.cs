using Attend.Backends.Cpu;
using Attend.Backends.Cuda;

namespace Attend.Backends;

/// <summary>Finds the backend that computes on a device: the one place ops learn how to reach kernels.</summary>
public static class Backend
{
    /// <summary>The backend for <paramref name="device"/>, or a clear error when that device cannot be used.</summary>
    public static IBackend For(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        IBackend backend = device.type switch
        {
            DeviceType.CPU => CpuBackend.Instance,
            DeviceType.CUDA => CudaDevices.For(device),
            _ => throw new ArgumentException($"device: unknown device type {device.type}.", nameof(device)),
        };

        // While torch.profiler.profile() records, every kernel call goes through a timing proxy.
        return Profiling.Profile.Active is { } profile ? profile.Wrap(backend) : backend;
    }
}
