using System.Text;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Execution;

/// <summary>
/// Captures <c>Console.Out</c> and <c>Console.Error</c> as stream outputs of the running cell. Installed once per
/// process: the console writers are replaced by writers that send text to the current <see cref="CellContext"/>,
/// and anything written outside a cell (the runner's progress lines) to the original console.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly object gate = new();
    private static TextWriter? installedOut;
    private static TextWriter? installedError;

    /// <summary>The process's standard output as it was before routing (where progress lines go).</summary>
    public static TextWriter OriginalOut { get; private set; } = Console.Out;

    /// <summary>Routes the console to cells, unless already routed (reinstalled if someone replaced the writers since).</summary>
    public static void Install()
    {
        lock (gate)
        {
            if (ReferenceEquals(Console.Out, installedOut) && ReferenceEquals(Console.Error, installedError))
            {
                return;
            }

            if (!ReferenceEquals(Console.Out, installedOut))
            {
                OriginalOut = Console.Out;
                Console.SetOut(new RoutingWriter(StreamOutput.StdOut, Console.Out));
                installedOut = Console.Out; // SetOut wraps the writer in a synchronized one: remember that one
            }

            if (!ReferenceEquals(Console.Error, installedError))
            {
                Console.SetError(new RoutingWriter(StreamOutput.StdErr, Console.Error));
                installedError = Console.Error;
            }
        }
    }

    private sealed class RoutingWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value) => Route(value.ToString());

        public override void Write(string? value) => Route(value ?? "");

        public override void Write(char[] buffer, int index, int count) => Route(new string(buffer, index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Route(new string(buffer));

        public override void WriteLine(string? value) => Route((value ?? "") + new string(CoreNewLine));

        public override void Flush() => fallback.Flush();

        private void Route(string text)
        {
            if (CellContext.Current is { } cell)
            {
                // A cell that already ended (a timed-out cell still running in the background) drops its writes.
                cell.Outputs.AppendStream(stream, text);
            }
            else
            {
                fallback.Write(text);
            }
        }
    }
}
