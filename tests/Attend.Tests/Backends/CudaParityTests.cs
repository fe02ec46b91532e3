using Attend.Backends.Cuda;

namespace Attend.Tests.Devices;

/// <summary>
/// The CUDA backend against the CPU backend on ILGPU's CPU accelerator (the same kernels a GPU runs, compiled for
/// the CPU): every case of <see cref="CudaParityCases"/>, forward and backward, within the case's stated tolerance.
/// </summary>
public class CudaParityTests
{
    /// <summary>The emulated CUDA device (cuda:99, ILGPU's CPU accelerator), or the real GPU when there is one.</summary>
    internal static Device Cuda => torch.cuda.is_available() ? torch.CUDA : CudaDevices.StartEmulator();

    public static TheoryData<string> Names => new(CudaParityCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesTheCpuBackend(string name)
    {
        var parity = CudaParityCases.All.Single(c => c.Name == name);
        var expected = parity.Run(torch.CPU);
        var actual = parity.Run(Cuda);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].shape, actual[i].shape);
            Assert.Equal(Device.CPU, actual[i].device);
            var (e, a) = (expected[i].ToArray(), actual[i].ToArray());
            for (var j = 0; j < e.Length; j++)
            {
                var bound = parity.Tolerance * (1 + Math.Abs(e[j]));
                Assert.True(Math.Abs(e[j] - a[j]) <= bound,
                    $"{name}: output {i}, element {j}: cpu {e[j]:R}, cuda {a[j]:R} (tolerance {bound:G3})");
            }
        }
    }

    [Fact]
    public void EveryCaseRunsOnTheCudaDeviceItWasGiven()
    {
        // A case that silently stayed on the CPU would pass parity trivially: check a result really came from cuda.
        var device = Cuda;
        var x = torch.randn([3, 4], new Generator(5)).to(device);
        var y = x.matmul(x.t()).softmax(1);
        Assert.Equal(device, y.device);
        Assert.IsType<CudaStorage>(y.storage);
        Assert.Equal(Device.CPU, y.cpu().device);
    }
}
