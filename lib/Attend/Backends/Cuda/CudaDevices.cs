using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Attend.Backends.Cuda;

/// <summary>
/// The one ILGPU context of the process and the backend of each CUDA device, created on first use. Which
/// accelerator backs <c>cuda:N</c>: the N-th CUDA GPU ILGPU finds; or, when the environment variable
/// <see cref="EmulateVariable"/> is <c>1</c>, ILGPU's CPU accelerator (so a machine without a GPU runs CUDA code paths,
/// slowly); and <see cref="EmulatorIndex"/> is always the CPU accelerator once a test asks for it with
/// <see cref="StartEmulator"/>, leaving <c>torch.cuda.is_available()</c> as the hardware says.
/// </summary>
/// <remarks>Chapter 1 (the tensor engine): the device seam. Backends/Cuda/README.md describes the emulation.</remarks>
public static class CudaDevices
{
    /// <summary>Set to <c>1</c> (or <c>true</c>) to make <c>cuda</c> mean ILGPU's CPU accelerator.</summary>
    public const string EmulateVariable = "ATTEND_CUDA_EMULATE";

    /// <summary>The device index reserved for the test emulator (<see cref="StartEmulator"/>).</summary>
    public const int EmulatorIndex = 99;

    private static readonly object Gate = new();
    private static readonly Dictionary<int, CudaBackend> Backends = [];
    private static Context? context;
    private static volatile bool emulatorStarted;

    /// <summary>Whether <see cref="EmulateVariable"/> asks for emulation.</summary>
    public static bool EmulationRequested =>
        Environment.GetEnvironmentVariable(EmulateVariable)?.Trim().ToLowerInvariant() is "1" or "true";

    /// <summary>
    /// Starts the CPU-accelerator backend at <c>cuda:99</c> and returns that device: the same kernels as on a GPU,
    /// run by ILGPU on the CPU. Used by the parity tests; does not change <c>torch.cuda.is_available()</c>.
    /// </summary>
    public static Device StartEmulator()
    {
        var device = new Device(DeviceType.CUDA, EmulatorIndex);
        lock (Gate)
        {
            emulatorStarted = true;
            if (!Backends.ContainsKey(EmulatorIndex))
            {
                Backends[EmulatorIndex] = CreateEmulator(device);
            }
        }

        return device;
    }

    /// <summary>The backend of <paramref name="device"/>, or a <see cref="NotSupportedException"/> saying why not.</summary>
    public static CudaBackend For(Device device)
    {
        // Probe availability before taking the lock: the probe itself creates the context under it.
        _ = device.index == EmulatorIndex || EmulationRequested || CudaAvailability.IsAvailable;
        lock (Gate)
        {
            if (Backends.TryGetValue(device.index, out var backend))
            {
                return backend;
            }

            if (device.index == EmulatorIndex && emulatorStarted)
            {
                return Backends[device.index] = CreateEmulator(device);
            }

            if (EmulationRequested)
            {
                if (device.index != 0)
                {
                    throw new NotSupportedException(
                        $"device {device}: with {EmulateVariable}=1 only cuda:0 exists (ILGPU's CPU accelerator).");
                }

                return Backends[device.index] = CreateEmulator(device);
            }

            if (!CudaAvailability.IsAvailable)
            {
                throw new NotSupportedException($"device {device}: CUDA is not available: {CudaAvailability.Reason}.");
            }

            var gpus = new List<CudaDevice>();
            foreach (var gpu in Context.GetCudaDevices())
            {
                gpus.Add(gpu);
            }

            if (device.index >= gpus.Count)
            {
                throw new NotSupportedException(
                    $"device {device}: CUDA is not available at that index: ILGPU found {gpus.Count} CUDA device(s) " +
                    $"({string.Join(", ", gpus.Select((g, i) => $"cuda:{i} {g.Name}"))}).");
            }

            var accelerator = gpus[device.index].CreateCudaAccelerator(Context);
            return Backends[device.index] = new CudaBackend(device, accelerator, emulated: false);
        }
    }

    /// <summary>How many CUDA GPUs ILGPU finds.</summary>
    internal static int GpuCount
    {
        get
        {
            var count = 0;
            foreach (var _ in Context.GetCudaDevices())
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>The backends created so far (for <c>torch.cuda.synchronize</c>, <c>empty_cache</c> and descriptions).</summary>
    public static IReadOnlyList<CudaBackend> Started
    {
        get
        {
            lock (Gate)
            {
                return [.. Backends.Values];
            }
        }
    }

    /// <summary>The ILGPU context with the CUDA and CPU runtimes and the algorithms library (XMath on PTX).</summary>
    internal static Context Context
    {
        get
        {
            lock (Gate)
            {
                // The emulator's CPU device: groups of 8 threads (2 warps of 4) on as many multiprocessors as cores. The
                // kernels use no shared memory or barriers, so small groups lose nothing, and each emulated thread is
                // an OS thread: more of them than cores only adds context switches.
                return context ??= Context.Create(builder => builder
                    .Cuda()
                    .CPU(new CPUDevice(numThreadsPerWarp: 4, numWarpsPerMultiprocessor: 2,
                                       numMultiprocessors: Math.Max(1, Environment.ProcessorCount / 2)))
                    .EnableAlgorithms());
            }
        }
    }

    private static CudaBackend CreateEmulator(Device device)
    {
        var cpu = Context.GetCPUDevice(0).CreateCPUAccelerator(Context);
        return new CudaBackend(device, cpu, emulated: true);
    }
}
