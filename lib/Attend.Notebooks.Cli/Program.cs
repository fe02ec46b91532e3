namespace Attend.Notebooks.Cli;

/// <summary>The entry point of <c>attend-notebooks</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments, e.g. <c>run notebooks --quick --timeout 600</c>.</param>
    /// <returns>0 when every cell ran, 2 when a cell failed, 1 when a notebook could not be read or written or the arguments are wrong.</returns>
    public static async Task<int> Main(string[] args)
    {
        var exitCode = await CommandLine.InvokeAsync(args, Console.Out, Console.Error);

        // A timed-out cell may still be running on a background thread: do not wait for it.
        Environment.Exit(exitCode);
        return exitCode;
    }
}
