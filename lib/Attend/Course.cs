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
            return Picked.Value.Device;
        }
    }

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
