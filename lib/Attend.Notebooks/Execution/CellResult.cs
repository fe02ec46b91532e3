using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Execution;

/// <summary>The outcome of running one cell.</summary>
/// <param name="Status">How the run ended.</param>
/// <param name="Outputs">The cell's outputs (a live list: a display updated later by another cell changes it).</param>
/// <param name="Duration">The wall-clock time of the cell.</param>
public sealed record CellResult(CellStatus Status, List<CellOutput> Outputs, TimeSpan Duration)
{
    /// <summary>Whether the cell failed or timed out.</summary>
    public bool IsError => Status is CellStatus.Failed or CellStatus.TimedOut;
}
