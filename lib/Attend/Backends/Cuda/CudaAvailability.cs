using System.Runtime.InteropServices;

namespace Attend.Backends.Cuda;

/// <summary>
/// Whether a CUDA device can be used, and if not, why. The CUDA backend is not written yet: naming
/// <c>cuda</c> works, and moving a tensor there explains that it is not available and why.
/// </summary>
public static class CudaAvailability
{
    private static readonly Lazy<(bool Available, string Reason)> Probe = new(Check);

    /// <summary>True when tensors can be placed on a CUDA device.</summary>
    public static bool IsAvailable => Probe.Value.Available;

    /// <summary>Why CUDA is not available (empty when it is).</summary>
    public static string Reason => Probe.Value.Reason;

    private static (bool, string) Check()
    {
        string[] drivers = ["libcuda.so.1", "/usr/lib/wsl/lib/libcuda.so.1", "nvcuda.dll"];
        foreach (var driver in drivers)
        {
            if (NativeLibrary.TryLoad(driver, out var handle))
            {
                NativeLibrary.Free(handle);
                return (false, $"the CUDA driver was found ({driver}), but this version of the library has no CUDA " +
                               "backend yet; tensors stay on the CPU");
            }
        }

        return (false, $"no CUDA driver found (tried {string.Join(", ", drivers)}), and this version of the " +
                       "library has no CUDA backend yet");
    }
}
