namespace Attend;

/// <summary>
/// What a chapter notebook asks of the run it is in. <see cref="Quick"/> is set for CI runs
/// (<c>attend-notebooks run --quick</c>, or the environment variable <c>ATTEND_QUICK=1</c>) so that notebooks
/// shrink their training: <c>var epochs = Course.Choose(full: 30, quick: 2);</c>. Full mode is what users run
/// and what the committed notebook outputs show.
/// </summary>
public static class Course
{
    /// <summary>The environment variable that turns quick mode on: <c>1</c> or <c>true</c>.</summary>
    public const string QuickVariable = "ATTEND_QUICK";

    /// <summary>Whether the notebook should run a reduced version of its training (CI).</summary>
    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable)?.Trim().ToLowerInvariant() is "1" or "true";

    /// <summary>Picks the full-size or the quick value of a setting.</summary>
    public static T Choose<T>(T full, T quick) => Quick ? quick : full;

    /// <summary>The environment variable that forces the chapters' device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public const string DeviceVariable = "ATTEND_DEVICE";

    private static readonly Lazy<(Device Device, string Why)> Picked = new(PickDevice);

    /// <summary>
    /// The device the chapters train on: the first CUDA GPU when <c>torch.cuda.is_available()</c>, the CPU otherwise,
    /// or what <see cref="DeviceVariable"/> names. The choice is made once per process; every read prints it and why
    /// (<see cref="DeviceChoice"/>), so every notebook's output says where it ran, also when one process runs several
    /// notebooks (the course's runner, the notebook tests): read it once per chapter, <c>var device = Course.Device;</c>,
    /// then pass <c>device</c> to the models, the data and the recipes.
    /// </summary>
    public static Device Device
    {
        get
        {
            Console.WriteLine(DescribeChoice(Picked.Value));
            if (Picked.Value.Device.type == DeviceType.CPU && GarbageCollectorAdvice is { } advice && Interlocked.Exchange(ref advised, 1) == 0)
            {
                Console.WriteLine(advice);
            }

            return Picked.Value.Device;
        }
    }

    private static int advised;

    /// <summary>
    /// Advice printed once with the device when this process's garbage collector runs in concurrent (background) mode,
    /// .NET's default, which VS Code's kernel uses; null when it does not (the course's runner, the tests, the Jupyter
    /// kernel spec of <c>tools/install-jupyter-kernel.sh</c> and the tools turn it off). A CPU training step allocates
    /// tens of MB of short-lived tensors, and the concurrent collector's small young generation makes the chapters'
    /// steps 1.2-2x slower (tests/Benchmarks/README.md, "Garbage collector").
    /// </summary>
    public static string? GarbageCollectorAdvice =>
        System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Interactive
            ? "Note: the .NET garbage collector runs in concurrent mode in this process, which slows CPU training 1.2-2x; " +
              "set DOTNET_gcConcurrent=0 in the environment before the kernel starts (environment.md, \"Speed\")."
            : null;

    /// <summary>One line: the device chosen and why (e.g. "Course device: cpu (CUDA not available: …)").</summary>
    public static string DeviceChoice => DescribeChoice(Picked.Value);

    private static string DescribeChoice((Device Device, string Why) pick) => $"Course device: {pick.Device} ({pick.Why})";

    private static (Device, string) PickDevice()
    {
        if (Environment.GetEnvironmentVariable(DeviceVariable) is { Length: > 0 } name)
        {
            return (Device.Parse(name), $"set by {DeviceVariable}={name}");
        }

        if (torch.cuda.is_available())
        {
            return (Device.CUDA, Backends.Backend.For(Device.CUDA).Description);
        }

        return (Device.CPU, $"CUDA not available: {torch.cuda.unavailable_reason()}");
    }
}
