using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Attend.Display;

/// <summary>
/// A progress shown as one notebook output, updated in place, without a reference to any kernel: it finds the static
/// <c>Microsoft.DotNet.Interactive.Kernel.display(object, string[])</c> among the loaded assemblies (the real
/// kernel's, or the course runner's copy of it), displays the progress once, and calls <c>Update(object)</c> on the
/// returned <c>DisplayedValue</c> at most four times a second and at the end.
/// </summary>
internal sealed class NotebookProgressView(Action<object> update, TimeSpan shownAt) : IProgressView
{
    private const string KernelType = "Microsoft.DotNet.Interactive.Kernel";
    private const string RunnerConsoleType = "Attend.Notebooks.Execution.RunnerConsole";

    private readonly Throttle throttle = new(Throttle.Default, shownAt);

    /// <summary>Displays <paramref name="progress"/> in the running notebook; null when no kernel is loaded.</summary>
    public static NotebookProgressView? TryShow(TrainingProgress progress)
    {
        if (FindDisplay() is not { } display)
        {
            return null;
        }

        var handle = Invoke(display, null, [progress, Array.Empty<string>()]);
        var updateMethod = handle?.GetType().GetMethod("Update", BindingFlags.Public | BindingFlags.Instance, [typeof(object)]);
        Action<object> update = updateMethod is null ? _ => { } : value => Invoke(updateMethod, handle, [value]);
        return new NotebookProgressView(update, progress.Elapsed);
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
        if (throttle.Ready(now))
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
