using System.Runtime;

namespace Attend.Tests;

/// <summary>
/// The repository's executables run without the background garbage collector (Directory.Build.props), so
/// <see cref="Course.GarbageCollectorAdvice"/> stays silent in them; it speaks only in a kernel started with .NET's
/// default concurrent collector (VS Code).
/// </summary>
public class CourseGarbageCollectorTests
{
    [Fact]
    public void TheTestHostRunsTheBlockingCollectorSoCourseGivesNoAdvice()
    {
        Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);
        Assert.False(GCSettings.IsServerGC);
        Assert.Null(Course.GarbageCollectorAdvice);
    }
}
