using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Attend.Display;

/// <summary>
/// A progress shown as one notebook output, updated in place, without a reference to any kernel (Chapter 1, §1.6).
/// It finds the running .NET Interactive kernel by name among the loaded assemblies and shows the progress through the
/// running cell's <c>KernelInvocationContext</c>: <c>KernelInvocationContextExtensions.Display(context, value,
/// mimeTypes)</c> publishes a <c>DisplayedValueProduced</c> and returns the very <c>DisplayedValue</c> it published,
/// whose <c>Update(object)</c> then sends <c>DisplayedValueUpdated</c> with the same display id — at most four times a
/// second and at the end. Jupyter (<c>update_display_data</c>), VS Code and the course's runner replace the output
/// with that id, so one output ends showing the final state.
/// </summary>
/// <remarks>
/// Not <c>Kernel.display(...)</c>: in the kernel's final build (1.0.0-beta.26120.1) <c>display</c> and
/// <c>x.Display()</c> publish one <c>DisplayedValue</c> and return another, whose id is made anew on first use, so its
/// updates name a display nobody has (Jupyter keeps the first frame, <c>dotnet repl</c> appends every frame). The
/// <c>display</c> path stays as the fallback for a kernel without the context API.
/// </remarks>
/// <param name="update">Replaces the display with the progress's current state.</param>
/// <param name="shownAt">When the display was shown (the throttle's start).</param>
/// <param name="everyTenPercent">
/// Update only when the progress enters a new tenth (and at the end) instead of four times a second: for a host that
/// appends every update as a new output rather than replacing the display (<c>dotnet repl</c>), so that a long run
/// leaves about ten frames instead of thousands.
/// </param>
internal sealed class NotebookProgressView(Action<object> update, TimeSpan shownAt, bool everyTenPercent = false) : IProgressView
{
    /// <summary>The assembly of <c>dotnet repl</c>, whose saved notebooks append display updates as new outputs.</summary>
    private const string AppendingHost = "dotnet-repl";

    private const string KernelType = "Microsoft.DotNet.Interactive.Kernel";
    private const string ContextType = "Microsoft.DotNet.Interactive.KernelInvocationContext";
    private const string ContextExtensionsType = "Microsoft.DotNet.Interactive.KernelInvocationContextExtensions";
    private const string RunnerConsoleType = "Attend.Notebooks.Execution.RunnerConsole";

    private readonly Throttle throttle = new(Throttle.Default, shownAt);
    private int shownTenth;

    /// <summary>Displays <paramref name="progress"/> in the running notebook; null when no kernel is loaded.</summary>
    public static NotebookProgressView? TryShow(TrainingProgress progress)
    {
        object? handle;
        if (FindContextDisplay() is { } contextDisplay)
        {
            handle = Invoke(contextDisplay.Display, null, [contextDisplay.Context, progress, Array.Empty<string>()]);
        }
        else if (FindDisplay() is { } display)
        {
            handle = Invoke(display, null, [progress, Array.Empty<string>()]);
        }
        else
        {
            return null;
        }

        var updateMethod = handle?.GetType().GetMethod("Update", BindingFlags.Public | BindingFlags.Instance, [typeof(object)]);
        Action<object> update = updateMethod is null ? _ => { } : value => Invoke(updateMethod, handle, [value]);
        var appending = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == AppendingHost);
        return new NotebookProgressView(update, progress.Elapsed, everyTenPercent: appending);
    }

    /// <summary>
    /// The running cell's <c>KernelInvocationContext.Current</c> and the static
    /// <c>KernelInvocationContextExtensions.Display(KernelInvocationContext, object, string[])</c>, or null outside a
    /// cell of the real kernel.
    /// </summary>
    internal static (object Context, MethodInfo Display)? FindContextDisplay()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            try
            {
                var contextType = assembly.GetType(ContextType, throwOnError: false);
                if (contextType is null)
                {
                    continue;
                }

                var context = contextType.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
                var display = assembly.GetType(ContextExtensionsType, throwOnError: false)?
                    .GetMethod("Display", BindingFlags.Public | BindingFlags.Static, [contextType, typeof(object), typeof(string[])]);
                return context is not null && display is not null ? (context, display) : null;
            }
            catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // An assembly whose types cannot be loaded is not the kernel.
            }
        }

        return null;
    }

    /// <summary>The kernel's <c>display</c> method, or null outside a notebook.</summary>
    internal static MethodInfo? FindDisplay()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            try
            {
                var method = assembly.GetType(KernelType, throwOnError: false)?
                    .GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
                if (method is not null)
                {
                    return method;
                }
            }
            catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // An assembly whose types cannot be loaded is not the kernel.
            }
        }

        return null;
    }

    /// <summary>
    /// The console of the headless run executing this cell (<c>Attend.Notebooks.Execution.RunnerConsole.Current</c>,
    /// found by name among the loaded assemblies), or null: in VS Code, Jupyter, or outside a notebook.
    /// </summary>
    internal static TextWriter? FindRunnerConsole()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            try
            {
                var property = assembly.GetType(RunnerConsoleType, throwOnError: false)?
                    .GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
                if (property?.PropertyType == typeof(TextWriter))
                {
                    return property.GetValue(null) as TextWriter;
                }
            }
            catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // An assembly whose types cannot be loaded is not the runner.
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Report(TrainingProgress progress, TimeSpan now)
    {
        if (everyTenPercent)
        {
            var tenth = 10 * progress.Step / progress.TotalSteps;
            if (tenth > shownTenth && tenth < 10) // the last tenth is Finish's, with the final figures
            {
                shownTenth = tenth;
                update(progress);
            }
        }
        else if (throttle.Ready(now))
        {
            update(progress);
        }
    }

    /// <inheritdoc />
    public void Finish(TrainingProgress progress) => update(progress);

    /// <summary>Calls by reflection, rethrowing what the method threw rather than the reflection wrapper.</summary>
    private static object? Invoke(MethodInfo method, object? target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
