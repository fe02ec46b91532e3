using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Execution;

/// <summary>
/// The outputs of one running cell, written from the cell's code on any thread: stream writes merge into the
/// last output when it is the same stream, displays are appended, and a display can later be replaced in place
/// (<c>DisplayedValue.Update</c>), even from a later cell. The list itself is the lock, so a writer saving the
/// notebook can take a consistent snapshot.
/// </summary>
/// <param name="outputs">The list to fill: the cell's own <see cref="NotebookCell.Outputs"/>.</param>
internal sealed class OutputCollector(List<CellOutput> outputs)
{
    private bool closed;

    /// <summary>The outputs, in order.</summary>
    public List<CellOutput> Outputs { get; } = outputs;

    /// <summary>Whether any output is an error.</summary>
    public bool HasError
    {
        get
        {
            lock (Outputs)
            {
                return Outputs.Any(o => o is ErrorOutput);
            }
        }
    }

    /// <summary>Stops accepting new stream writes and displays (after the cell ended or timed out); updates in place still work.</summary>
    public void Close()
    {
        lock (Outputs)
        {
            closed = true;
        }
    }

    /// <summary>Appends text written to a stream, merged with the previous output when it is the same stream.</summary>
    /// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text.</param>
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

    /// <summary>Adds an output unless the cell has ended.</summary>
    /// <param name="output">The output.</param>
    /// <returns>False when the cell has ended and the output was dropped.</returns>
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

    /// <summary>Adds an output even after the cell ended (the runner's own timeout error).</summary>
    /// <param name="output">The output.</param>
    public void AddFinal(CellOutput output)
    {
        lock (Outputs)
        {
            Outputs.Add(output);
        }
    }

    /// <summary>Replaces <paramref name="old"/> with <paramref name="replacement"/> at the same position.</summary>
    /// <param name="old">An output added earlier.</param>
    /// <param name="replacement">Its new content.</param>
    /// <returns>False when <paramref name="old"/> is no longer there (the cell was run again or cleared).</returns>
    public bool Replace(CellOutput old, CellOutput replacement)
    {
        lock (Outputs)
        {
            var index = Outputs.IndexOf(old);
            if (index < 0)
            {
                return false;
            }

            Outputs[index] = replacement;
            return true;
        }
    }
}
