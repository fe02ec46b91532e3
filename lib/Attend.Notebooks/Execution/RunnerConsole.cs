using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;

namespace Attend.Notebooks.Execution;

/// <summary>
/// The console of a headless run, as seen from the code of the cell running: where the runner writes its own progress
/// lines (<see cref="NotebookRunOptions.Progress"/>), null outside a run or when the run shows no progress. Cell output
/// goes to the notebook; this is for the person watching the run, who would otherwise see nothing during a training
/// cell of a quarter of an hour. A library finds it by name, without a reference to the runner:
/// <c>Attend.Display.TrainingProgress</c> echoes a plain line here every 10 % (at least every 30 s) while it updates
/// its notebook output in place.
/// </summary>
public static class RunnerConsole
{
    // Keyed by the notebook's kernel, found through the kernel's own ambient context of the running cell: cells run on
    // the kernel's scheduler, not on the runner's flow, and notebooks run at once (tests do) each echo to their own
    // run's console.
    private static readonly ConditionalWeakTable<Kernel, TextWriter> consoles = [];

    /// <summary>The runner's console for the cell running on this flow, or null.</summary>
    public static TextWriter? Current =>
        KernelInvocationContext.Current?.HandlingKernel?.RootKernel is { } kernel && consoles.TryGetValue(kernel, out var writer)
            ? writer
            : null;

    /// <summary>Sets (or, with null, removes) the console of a notebook's kernel.</summary>
    /// <param name="kernel">The notebook's root kernel.</param>
    /// <param name="writer">The run's progress writer, or null.</param>
    internal static void Register(Kernel kernel, TextWriter? writer)
    {
        if (writer is null)
        {
            consoles.Remove(kernel);
        }
        else
        {
            consoles.AddOrUpdate(kernel, TextWriter.Synchronized(writer));
        }
    }
}
