using System.Runtime.InteropServices;
using ILGPU.Runtime.Cuda;

namespace Attend.Backends.Cuda;

/// <summary>
/// Whether a CUDA device can be used, and if not, why: true when ILGPU finds a CUDA GPU through the driver, or when
/// <see cref="CudaDevices.EmulateVariable"/> asks for ILGPU's CPU accelerator instead.
/// </summary>
/// <remarks>Chapter 1 (the tensor engine): the device seam.</remarks>
public static class CudaAvailability
{
    private static readonly Lazy<(bool Available, string Reason)> Probe = new(Check);

    /// <summary>True when tensors can be placed on a CUDA device.</summary>
    public static bool IsAvailable => Probe.Value.Available;

    /// <summary>Why CUDA is not available (empty when it is).</summary>
    public static string Reason => Probe.Value.Reason;

    /// <summary>The number of CUDA devices: ILGPU's count of GPUs, 1 under emulation, 0 when unavailable.</summary>
    public static int DeviceCount => !IsAvailable ? 0 : CudaDevices.EmulationRequested ? 1 : CudaDevices.GpuCount;

    private static (bool, string) Check()
    {
        if (CudaDevices.EmulationRequested)
        {
            return (true, "");
        }

        string[] drivers = ["libcuda.so.1", "/usr/lib/wsl/lib/libcuda.so.1", "nvcuda.dll"];
        string? found = null;
        foreach (var driver in drivers)
        {
            if (NativeLibrary.TryLoad(driver, out var handle))
            {
                NativeLibrary.Free(handle);
                found = driver;
                break;
            }
        }

        if (found is null)
        {
            return (false, $"no CUDA driver found (tried {string.Join(", ", drivers)}); set " +
                           $"{CudaDevices.EmulateVariable}=1 to run the CUDA backend on ILGPU's CPU accelerator");
        }

        try
        {
            var count = CudaDevices.Context.GetCudaDevices().Count;
            return count > 0
                ? (true, "")
                : (false, $"the CUDA driver was found ({found}), but ILGPU found no CUDA device " +
                          $"(is the GPU visible to this process, and is the driver at least CUDA 11?)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (false, $"the CUDA driver was found ({found}), but ILGPU could not use it: {e.Message}");
        }
    }
}
