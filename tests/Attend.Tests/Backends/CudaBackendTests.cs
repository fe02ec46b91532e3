using Attend.Backends.Cuda;
using Attend.Modules;

namespace Attend.Tests.Devices;

/// <summary>The CUDA backend's own behaviour on ILGPU's CPU accelerator: memory, training parity, errors.</summary>
public class CudaBackendTests
{
    private static Device Cuda => CudaParityTests.Cuda;

    private static CudaBackend Backend => CudaDevices.For(Cuda);

    /// <summary>A GRU cell and a linear read-out: the recurrent step of chapters 2–3, small enough for the emulator.</summary>
    private sealed class TinyRecurrent : Module
    {
        public readonly GRUCell cell;
        public readonly Linear head;

        public TinyRecurrent()
        {
            cell = torch.nn.GRUCell(3, 8);
            head = torch.nn.Linear(8, 4);
            register_module("cell", cell);
            register_module("head", head);
        }

        public Tensor Loss(Tensor inputs, Tensor targets)
        {
            Tensor? h = null;
            for (var t = 0; t < inputs.size(0); t++)
            {
                h = cell.forward(inputs.select(0, t), h);
            }

            return torch.nn.functional.cross_entropy(head.forward(h!), targets);
        }
    }

    /// <summary>Trains the model from the same initial values on <paramref name="device"/>; returns the losses.</summary>
    private static float[] Train(Device device, TinyRecurrent template, int steps)
    {
        var model = new TinyRecurrent();
        using (torch.no_grad())
        {
            foreach (var (p, q) in model.parameters().Zip(template.parameters()))
            {
                p.copy_(q);
            }
        }

        model.to(device);
        var g = new Generator(17);
        var inputs = torch.randn([5, 6, 3], g).to(device);
        var targets = torch.randint(0, 4, [6], g).to(device);
        var optimizer = torch.optim.Adam(model.parameters(), 0.05);
        var losses = new float[steps];
        for (var step = 0; step < steps; step++)
        {
            optimizer.zero_grad();
            var loss = model.Loss(inputs, targets);
            loss.backward();
            optimizer.step();
            losses[step] = loss.item();
        }

        return losses;
    }

    [Fact]
    public void AGruModelTrainsToTheSameLossesOnBothBackends()
    {
        var template = new TinyRecurrent();
        var cpu = Train(Device.CPU, template, 8);
        var cuda = Train(Cuda, template, 8);
        for (var i = 0; i < cpu.Length; i++)
        {
            Assert.True(Math.Abs(cpu[i] - cuda[i]) <= 1e-4f * (1 + Math.Abs(cpu[i])), $"step {i}: cpu {cpu[i]}, cuda {cuda[i]}");
        }

        Assert.True(cuda[^1] < cuda[0] * 0.8f, $"the loss should fall: {string.Join(", ", cuda)}");

        // Same seed, same device: bitwise the same losses (no atomics, one stream, deterministic kernels).
        Assert.Equal(cuda, Train(Cuda, template, 8));
    }

    [Fact]
    public void DisposedStoragesAreReusedByTheCachingAllocator()
    {
        var backend = Backend;
        var first = (CudaStorage)backend.Allocate(1000);
        var block = first.Block;
        Assert.Equal(10, block.Bucket); // 1000 floats round up to a 1024-float block
        first.Dispose();
        Assert.Throws<ObjectDisposedException>(() => first.Block);
        var reserved = backend.Allocator.ReservedBytes;

        // Any block of the 1024-float bucket comes back from the cache: no new device memory is reserved.
        var second = (CudaStorage)backend.Allocate(900);
        Assert.Equal(10, second.Block.Bucket);
        Assert.Equal(reserved, backend.Allocator.ReservedBytes);
        second.Dispose();
        first.Dispose(); // twice is harmless
    }

    [Fact]
    public void AllocateZeroesAndRoundTripsValues()
    {
        var backend = Backend;
        var values = Enumerable.Range(0, 70).Select(i => i * 0.5f).ToArray();
        var storage = backend.FromHost(values);
        var back = new float[70];
        backend.ToHost(storage, back);
        Assert.Equal(values, back);
        var zeros = backend.Allocate(70);
        backend.ToHost(zeros, back);
        Assert.All(back, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void TensorsMoveBetweenDevicesAndGradientsFlowBack()
    {
        var x = torch.tensor([1f, 2f, 3f], requires_grad: true);
        var y = x.to(Cuda).mul(2f).sum();
        Assert.Equal(Cuda, y.device);
        y.backward();
        Assert.Equal(Device.CPU, x.grad!.device);
        Assert.Equal([2f, 2f, 2f], x.grad.ToArray());
        Assert.Equal(12f, y.item());
    }

    [Fact]
    public void MixingEmulatedCudaAndCpuTensorsIsRefused()
    {
        var a = torch.ones(2).to(Cuda);
        var e = Assert.Throws<ArgumentException>(() => a.add(torch.ones(2)));
        Assert.Contains("expected all tensors on the same device", e.Message);
    }

    [Fact]
    public void CuBlasCandidatesNameVersionedLibrariesAndFolders()
    {
        var candidates = CuBlasLibrary.Candidates();
        Assert.Contains(candidates, c => c.EndsWith("libcublas.so.12", StringComparison.Ordinal) || c.EndsWith("cublas64_12.dll", StringComparison.Ordinal));
        Assert.Contains(candidates, c => c.EndsWith("libcublas.so.13", StringComparison.Ordinal) || c.EndsWith("cublas64_13.dll", StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("/usr/local/cuda/lib64/libcublas.so.12", candidates);
        }
    }

    [Fact]
    public void TheEmulatorSaysWhatItIs()
    {
        if (torch.cuda.is_available())
        {
            return; // on a GPU machine the parity device is the GPU itself
        }

        Assert.True(Backend.Emulated);
        Assert.Contains("ILGPU CPU accelerator", Backend.Description);
        Assert.Contains("tiled GEMM", Backend.GemmProvider);
        Assert.False(Backend.UsesCuBlas);
    }

    [Fact]
    public void UnknownCudaIndicesExplainThemselves()
    {
        if (torch.cuda.is_available() || CudaDevices.EmulationRequested)
        {
            return;
        }

        var e = Assert.Throws<NotSupportedException>(() => torch.ones(2).to(new Device(DeviceType.CUDA, 3)));
        Assert.Contains("CUDA is not available", e.Message);
    }

    [Fact]
    public void TooManyDimensionsAfterMergingAreReportedWithTheShape()
    {
        // Seven broadcast dimensions that cannot merge (alternating broadcasts) exceed the kernel's six.
        var a = torch.zeros([2, 1, 2, 1, 2, 1, 2]).to(Cuda);
        var b = torch.zeros([1, 2, 1, 2, 1, 2, 1]).to(Cuda);
        var e = Assert.Throws<ArgumentException>(() => a.add(b));
        Assert.Contains("[2, 2, 2, 2, 2, 2, 2]", e.Message);
        Assert.Equal("shape", e.ParamName);
    }

    [Fact]
    public void CourseSaysWhichDeviceItPickedAndWhy()
    {
        if (torch.cuda.is_available() || Environment.GetEnvironmentVariable(Course.DeviceVariable) is not null)
        {
            return;
        }

        Assert.Equal(Device.CPU, Course.Device);
        Assert.StartsWith("Course device: cpu (CUDA not available: ", Course.DeviceChoice);
        Assert.Contains(torch.cuda.unavailable_reason(), Course.DeviceChoice);
    }
}
