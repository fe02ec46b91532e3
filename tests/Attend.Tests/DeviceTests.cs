using Attend.Backends;

namespace Attend.Tests;

public class DeviceTests
{
    [Fact]
    public void ParsesDeviceNames()
    {
        var d = Device.Parse("cuda:1");
        Assert.Equal(DeviceType.CUDA, d.type);
        Assert.Equal(1, d.index);
        Assert.Equal("cuda:1", d.ToString());
        Assert.Equal(Device.CUDA, Device.Parse("cuda"));
        Assert.Equal(Device.CUDA, Device.Parse(" CUDA:0 "));
        Assert.Equal(new Device(DeviceType.CUDA, 2), Device.Parse("gpu:2"));
        Assert.Equal(Device.CPU, Device.Parse("cpu"));
        Assert.Equal(Device.CPU, torch.device("CPU"));
        Assert.Equal("cpu", Device.CPU.ToString());
        Assert.Equal("cuda:0", torch.CUDA.ToString());
    }

    [Fact]
    public void RejectsBadDeviceNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        Assert.Contains("device: unknown device 'tpu'; expected 'cpu', 'cuda' or 'cuda:N'", e.Message);
        e = Assert.Throws<ArgumentException>(() => Device.Parse("cuda:x"));
        Assert.Contains("has no valid index", e.Message);
        Assert.Throws<ArgumentException>(() => Device.Parse("cuda:-1"));
    }

    [Fact]
    public void TensorsLiveOnTheCpu()
    {
        var x = torch.ones(2);
        Assert.Equal(Device.CPU, x.device);
        Assert.Same(x, x.to(torch.CPU));
        Assert.Same(x, x.cpu());
        Assert.Same(x, x.to("cpu"));
    }

    [Fact]
    public void CudaAvailabilityComesWithAReasonWhenItIsMissing()
    {
        if (torch.cuda.is_available())
        {
            // A GPU machine (or ATTEND_CUDA_EMULATE=1): a tensor moves there and back.
            Assert.Equal(torch.CUDA, torch.ones(2).to(torch.CUDA).device);
            Assert.Equal([1f, 1f], torch.ones(2).to(torch.CUDA).cpu().ToArray());
            return;
        }

        Assert.False(string.IsNullOrWhiteSpace(torch.cuda.unavailable_reason()));
    }

    [Fact]
    public void MovingToCudaExplainsWhyItCannot()
    {
        var x = torch.ones(2);
        if (torch.cuda.is_available())
        {
            // Nothing to explain on a GPU machine; CudaParityTests cover the moves there.
            Assert.Equal(torch.CUDA, x.cuda().device);
            return;
        }

        var reason = torch.cuda.unavailable_reason();
        foreach (var move in new Func<Tensor>[] { () => x.to(torch.CUDA), () => x.cuda(), () => x.to("cuda:1"), () => torch.zeros([2], torch.CUDA) })
        {
            var e = Assert.Throws<NotSupportedException>(move);
            Assert.Contains("CUDA is not available", e.Message);
            Assert.Contains(reason, e.Message);
        }
    }

    /// <summary>A storage that claims to live on a GPU; it has no values, so only device checks can use it.</summary>
    private sealed class ElsewhereStorage(int length) : Storage
    {
        public override int Length => length;

        public override Device Device => Device.CUDA;
    }

    [Fact]
    public void OpsMixingDevicesAreRefusedBeforeAnyKernelRuns()
    {
        var cpu = torch.ones(2, 2);
        var gpu = new Tensor(new ElsewhereStorage(4), [2, 2]);
        Assert.Equal(Device.CUDA, gpu.device);
        var e = Assert.Throws<ArgumentException>(() => cpu.add(gpu));
        Assert.Equal("add: expected all tensors on the same device, but found cpu and cuda:0; move one with .to(device).", e.Message);
        e = Assert.Throws<ArgumentException>(() => gpu.mul(cpu));
        Assert.Contains("mul: expected all tensors on the same device, but found cuda:0 and cpu", e.Message);
        e = Assert.Throws<ArgumentException>(() => cpu.matmul(gpu));
        Assert.Contains("matmul: expected all tensors on the same device", e.Message);
        e = Assert.Throws<ArgumentException>(() => cpu.add_(gpu));
        Assert.Contains("add_: expected all tensors on the same device", e.Message);
    }

    [Fact]
    public void DescribeNamesTheGemmAndCuda()
    {
        var text = torch.backends.describe();
        Assert.Contains("GEMM", text);
        Assert.Contains("cpu", text);
        Assert.Contains("cuda: not available", text);
    }
}
