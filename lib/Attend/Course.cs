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
}
