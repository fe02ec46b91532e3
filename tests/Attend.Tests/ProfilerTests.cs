namespace Attend.Tests;

/// <summary>torch.profiler.profile(): counts each kernel call once, by method and op, and only while recording.</summary>
[Collection(GlobalStateCollection.Name)]
public class ProfilerTests
{
    [Fact]
    public void CountsEveryKernelCallByMethodAndOp()
    {
        var a = torch.ones(3, 4);
        var b = torch.ones(4, 2);
        Profiling.ProfileTable table;
        using (var prof = torch.profiler.profile())
        {
            var c = a.matmul(b);      // one GEMM
            var d = c.mul(c);         // one Binary(Mul)
            _ = d.tanh().tanh();      // two Unary(Tanh)
            table = prof.key_averages();
        }

        var rows = table.Rows.ToDictionary(r => r.Name);
        Assert.Equal(2, rows["Unary(Tanh)"].Calls);
        Assert.Equal(1, rows["Binary(Mul)"].Calls);
        Assert.Contains(rows.Keys, k => k.Contains("Gemm", StringComparison.Ordinal));
        Assert.All(table.Rows, r => Assert.True(r.WallMs >= 0 && r.Calls > 0));
        var text = table.table(row_limit: 2);
        Assert.Contains("outside kernels", text);
        Assert.Contains("more)", text);

        // Nothing is recorded after the profile is disposed, and a new one may start.
        _ = a.tanh();
        Assert.Equal(2, table.Rows.Single(r => r.Name == "Unary(Tanh)").Calls);
        using var next = torch.profiler.profile();
        Assert.Empty(next.key_averages().Rows);
    }

    [Fact]
    public void OtherThreadsWorkIsNotCounted()
    {
        using var prof = torch.profiler.profile();
        var other = new Thread(() => torch.ones(5).tanh());
        using (ExecutionContext.SuppressFlow())
        {
            other.Start();      // a thread of someone else's (the profile does not flow into it)
        }

        other.Join();
        _ = torch.ones(5).sigmoid();
        var names = prof.key_averages().Rows.Select(r => r.Name).ToList();
        Assert.Contains("Unary(Sigmoid)", names);
        Assert.DoesNotContain("Unary(Tanh)", names);
    }

    [Fact]
    public void TheTimingBackendForwardsEveryBackendMethodItself()
    {
        // A method it did not implement would fall back to the interface's default body (a composed version) instead
        // of the real backend's kernel: the profile would then time something else than what runs unprofiled.
        var map = typeof(Profiling.ProfilingBackend).GetInterfaceMap(typeof(Backends.IBackend));
        var missing = map.TargetMethods.Where(m => m.DeclaringType != typeof(Profiling.ProfilingBackend)).Select(m => m.Name).ToList();
        Assert.True(missing.Count == 0, "ProfilingBackend does not forward: " + string.Join(", ", missing));
    }

    [Fact]
    public void ProfilesDoNotNestAndErrorsStillComeThrough()
    {
        using (torch.profiler.profile())
        {
            var e = Assert.Throws<InvalidOperationException>(() => torch.profiler.profile());
            Assert.Contains("another profile", e.Message);
            Assert.Throws<ArgumentException>(() => torch.ones(2, 3).matmul(torch.ones(2, 3)));
        }
    }
}
