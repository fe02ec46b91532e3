namespace Attend.Notebooks.Execution;

/// <summary>How <see cref="NotebookRunner"/> runs notebooks.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>The most time one cell may take; a cell that takes longer gets an error output. Null: no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Stop a notebook at its first failed or timed-out cell (later cells are left without outputs), as Jupyter's nbconvert does; otherwise every cell runs, as dotnet-repl does.</summary>
    public bool StopOnError { get; init; }

    /// <summary>The environment variable quick mode sets; chapter notebooks read it through <c>Attend.Course.Quick</c>.</summary>
    public const string QuickVariable = "ATTEND_QUICK";

    /// <summary>Quick mode for CI: sets <see cref="QuickVariable"/>=1 while notebooks run, so notebooks shrink their training.</summary>
    public bool Quick { get; init; }

    /// <summary>Where progress lines go (<c>[3/12] cell 5  ok  1.2 s  ...</c>); null for none.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Package sources for <c>#r "nuget: ..."</c>, given to the kernel as <c>#i "nuget: SOURCE"</c> before the first cell.</summary>
    public IReadOnlyList<string> PackageSources { get; init; } = [];
}
