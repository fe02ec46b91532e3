using System.Text.Json;
using System.Text.Json.Nodes;
using Attend.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Attend.Notebooks.Execution;

/// <summary>
/// Turns the kernel's events into the outputs of the running cell, on whatever thread the kernel publishes them:
/// <see cref="StandardOutputValueProduced"/>/<see cref="StandardErrorValueProduced"/> → <c>stream</c> (adjacent writes
/// to one stream merged), <see cref="DisplayedValueProduced"/> → <c>display_data</c>, <see cref="ReturnValueProduced"/>
/// → <c>execute_result</c>, <see cref="CommandFailed"/> → <c>error</c>, and <see cref="DisplayedValueUpdated"/>
/// replaces the display with the same id in place — in this cell or an earlier one — so that a progress display
/// leaves one output with its final state. Diagnostics (compiler warnings) make no output: VS Code shows them in the
/// editor, not in the notebook.
/// </summary>
internal sealed class KernelOutputs
{
    private readonly object gate = new();
    private readonly Dictionary<string, (List<CellOutput> Outputs, DisplayDataOutput Output)> displays = new(StringComparer.Ordinal);
    private Cell? current;

    /// <summary>Starts collecting into a cell's output list.</summary>
    public Cell Begin(List<CellOutput> outputs, int executionCount)
    {
        lock (gate)
        {
            current = new Cell(outputs, executionCount);
            return current;
        }
    }

    /// <summary>Stops collecting: events arriving later make no output (updates of earlier displays still apply).</summary>
    public void End()
    {
        lock (gate)
        {
            current = null;
        }
    }

    /// <summary>Handles one kernel event.</summary>
    public void OnEvent(KernelEvent e)
    {
        lock (gate)
        {
            switch (e)
            {
                case DisplayedValueUpdated update:
                    Update(update);
                    break;
                case StandardOutputValueProduced stdout:
                    current?.AppendStream(StreamOutput.StdOut, Text(stdout.FormattedValues));
                    break;
                case StandardErrorValueProduced stderr:
                    current?.AppendStream(StreamOutput.StdErr, Text(stderr.FormattedValues));
                    break;
                case ReturnValueProduced value when current is not null:
                    current.Add(ToOutput(value.FormattedValues, executeResult: current.ExecutionCount));
                    break;
                case DisplayedValueProduced display when current is not null:
                    var output = ToOutput(display.FormattedValues, executeResult: null);
                    output.DisplayId = display.ValueId;
                    if (current.Add(output) && display.ValueId is { Length: > 0 } id)
                    {
                        displays[id] = (current.Outputs, output);
                    }

                    break;
                case CommandFailed failed when current is not null:
                    current.Add(ErrorOutput.FromText(failed.Message));
                    current.HasError = true;
                    break;
            }
        }
    }

    private void Update(DisplayedValueUpdated update)
    {
        if (update.ValueId is not { Length: > 0 } id || !displays.TryGetValue(id, out var shown))
        {
            return;
        }

        var replacement = ToOutput(update.FormattedValues, executeResult: null);
        replacement.DisplayId = id;
        lock (shown.Outputs)
        {
            var index = shown.Outputs.IndexOf(shown.Output);
            if (index < 0)
            {
                displays.Remove(id); // the cell ran again or was cleared
                return;
            }

            shown.Outputs[index] = replacement;
        }

        displays[id] = (shown.Outputs, replacement);
    }

    private static string Text(IReadOnlyCollection<FormattedValue> values) =>
        string.Concat(values.Where(v => !v.SuppressDisplay).Select(v => v.Value));

    private static DisplayDataOutput ToOutput(IReadOnlyCollection<FormattedValue> values, int? executeResult)
    {
        var data = new List<KeyValuePair<string, object>>();
        foreach (var value in values.Where(v => !v.SuppressDisplay))
        {
            data.Add(new(value.MimeType, DisplayDataOutput.IsJsonMimeType(value.MimeType) ? Json(value.Value) : value.Value));
        }

        return new DisplayDataOutput(data) { IsExecuteResult = executeResult is not null, ExecutionCount = executeResult };
    }

    private static object Json(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? (object)text;
        }
        catch (JsonException)
        {
            return text; // not JSON after all: kept as text rather than lost
        }
    }

    /// <summary>The outputs of the running cell. The list itself is the lock, so a writer saving the notebook can take a consistent snapshot.</summary>
    internal sealed class Cell(List<CellOutput> outputs, int executionCount)
    {
        private bool closed;

        public List<CellOutput> Outputs { get; } = outputs;

        public int ExecutionCount { get; } = executionCount;

        public bool HasError { get; set; }

        public void AppendStream(string name, string text)
        {
            lock (Outputs)
            {
                if (closed || text.Length == 0)
                {
                    return;
                }

                if (Outputs.Count > 0 && Outputs[^1] is StreamOutput last && last.Name == name)
                {
                    last.Append(text);
                }
                else
                {
                    Outputs.Add(new StreamOutput(name, text));
                }
            }
        }

        public bool Add(CellOutput output)
        {
            lock (Outputs)
            {
                if (closed)
                {
                    return false;
                }

                Outputs.Add(output);
                return true;
            }
        }

        /// <summary>Adds the runner's own timeout error and closes the cell to the abandoned code's later writes.</summary>
        public void AddFinal(CellOutput output)
        {
            lock (Outputs)
            {
                closed = true;
                Outputs.Add(output);
                HasError = true;
            }
        }
    }
}
