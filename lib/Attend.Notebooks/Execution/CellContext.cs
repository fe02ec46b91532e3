using Attend.Notebooks.Formatting;

namespace Attend.Notebooks.Execution;

/// <summary>
/// Which cell is running on this logical flow of execution: set by the kernel before a cell's code runs and
/// carried by <see cref="AsyncLocal{T}"/> into awaits, tasks and threads the cell starts, so that
/// <c>display</c> and <c>Console</c> writes land in that cell's outputs even when several notebooks run at once.
/// </summary>
/// <param name="formatters">The formatter registry of the notebook.</param>
/// <param name="outputs">The running cell's outputs.</param>
internal sealed class CellContext(IFormatterRegistry formatters, OutputCollector outputs)
{
    private static readonly AsyncLocal<CellContext?> current = new();

    /// <summary>The running cell of this flow, or null outside a notebook.</summary>
    public static CellContext? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    /// <summary>The formatter registry of the notebook.</summary>
    public IFormatterRegistry Formatters { get; } = formatters;

    /// <summary>The running cell's outputs.</summary>
    public OutputCollector Outputs { get; } = outputs;
}
