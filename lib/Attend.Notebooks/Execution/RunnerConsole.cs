namespace Attend.Notebooks.Execution;

/// <summary>
/// The console of a headless run, as seen from the code of the cell running on this flow of execution: where the
/// runner writes its own progress lines (<see cref="NotebookRunOptions.Progress"/>), null outside a run or when the
/// run shows no progress. Cell output goes to the notebook; this is for the person watching the run, who would
/// otherwise see nothing during a training cell of a quarter of an hour. A library finds it by name, without a
/// reference to the runner: <c>Attend.Display.TrainingProgress</c> echoes a plain line here every 10 % (at least
/// every 30 s) while it updates its notebook output in place.
/// </summary>
public static class RunnerConsole
{
    // AsyncLocal, like CellContext: notebooks run at once (tests do) each echo to their own run's console.
    private static readonly AsyncLocal<TextWriter?> current = new();

    /// <summary>The runner's console for the cell running on this flow, or null.</summary>
    public static TextWriter? Current => current.Value;

    /// <summary>Sets the console for this flow and the cells it runs (a run's async method scopes it to that run).</summary>
    /// <param name="writer">The run's progress writer, or null.</param>
    internal static void Set(TextWriter? writer) => current.Value = writer is null ? null : TextWriter.Synchronized(writer);
}
