using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Execution;

/// <summary>The outcome of running a notebook.</summary>
/// <param name="Notebook">The notebook, its cells now holding the new outputs and execution counts.</param>
/// <param name="Cells">One result per code cell, in order (skipped cells included).</param>
public sealed record NotebookRunResult(Notebook Notebook, IReadOnlyList<CellRunResult> Cells)
{
    /// <summary>The notebook file that was run, when run from a file.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Where the executed notebook was written, or null when it was not written.</summary>
    public string? OutputPath { get; init; }

    /// <summary>How many cells failed or timed out.</summary>
    public int ErrorCount => Cells.Count(c => c.Result.IsError);

    /// <summary>Whether any cell failed or timed out (the runner's exit code is then non-zero).</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>Whether the run stopped early at an error.</summary>
    public bool Stopped => Cells.Any(c => c.Result.Status == CellStatus.Skipped);
}

/// <summary>The outcome of one code cell.</summary>
/// <param name="Index">The cell's zero-based position among all cells of the notebook.</param>
/// <param name="Result">How it ran and its outputs.</param>
public sealed record CellRunResult(int Index, CellResult Result);
