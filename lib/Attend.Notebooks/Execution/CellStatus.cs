namespace Attend.Notebooks.Execution;

/// <summary>How a cell's run ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end without an error output.</summary>
    Succeeded,

    /// <summary>Produced an error output (compile error, exception, failed directive, unknown magic).</summary>
    Failed,

    /// <summary>Did not finish within the cell timeout; its code may still be running in the background.</summary>
    TimedOut,

    /// <summary>Not run: an earlier cell failed and the run stops at the first error.</summary>
    Skipped,
}
