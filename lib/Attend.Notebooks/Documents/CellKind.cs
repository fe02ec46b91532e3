namespace Attend.Notebooks.Documents;

/// <summary>The <c>cell_type</c> of a notebook cell.</summary>
public enum CellKind
{
    /// <summary>A code cell (<c>"code"</c>): run by a kernel, holds outputs and an execution count.</summary>
    Code,

    /// <summary>A Markdown cell (<c>"markdown"</c>): text only, never run.</summary>
    Markdown,

    /// <summary>A raw cell (<c>"raw"</c>): kept as is, never run.</summary>
    Raw,
}
