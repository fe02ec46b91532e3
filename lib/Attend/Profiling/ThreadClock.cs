using System.Runtime.InteropServices;

namespace Attend.Profiling;

/// <summary>The CPU time of the calling thread (Linux: CLOCK_THREAD_CPUTIME_ID); NaN where the platform has none.</summary>
internal static class ThreadClock
{
    /// <summary>Milliseconds of CPU the calling thread has used.</summary>
    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time);
        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
