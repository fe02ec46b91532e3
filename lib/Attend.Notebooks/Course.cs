namespace Attend.Notebooks;

/// <summary>
/// What a chapter notebook asks of the run it is in. <see cref="Quick"/> is set for CI runs
/// (<c>attend-notebooks run --quick</c>, or the environment variable <c>ATTEND_QUICK=1</c>) so that notebooks
/// shrink their training: <c>var epochs = Course.Choose(full: 30, quick: 2);</c>.
/// </summary>
/// <remarks>
/// Only the environment variable is read, so the same check works in VS Code (where this runner is not loaded)
/// if it is copied into the library the notebooks reference: the runner sets the variable for <c>--quick</c>.
/// </remarks>
public static class Course
{
    /// <summary>The environment variable that turns quick mode on: <c>1</c> or <c>true</c>.</summary>
    public const string QuickVariable = "ATTEND_QUICK";

    /// <summary>Whether the notebook should run a reduced version of its training (CI).</summary>
    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable)?.Trim() is "1" or "true" or "True" or "TRUE";

    /// <summary>Picks the full-size or the quick value of a setting.</summary>
    /// <typeparam name="T">The setting's type.</typeparam>
    /// <param name="full">The value for a real run.</param>
    /// <param name="quick">The value for a quick (CI) run.</param>
    /// <returns><paramref name="quick"/> when <see cref="Quick"/>, else <paramref name="full"/>.</returns>
    public static T Choose<T>(T full, T quick) => Quick ? quick : full;
}
