namespace Attend.NeuralProgrammer;

/// <summary>
/// The built-in operations the neural programmer chooses from at every step (Chapter 9, §9.2). Three make a scalar
/// from the row selector, eight make a new row selector, one prints cells as the answer. The order here is the order
/// of the rows of the operation embeddings and of the columns of <see cref="ProgrammerOutput.Operations"/>.
/// </summary>
/// <remarks>
/// The 2016 paper's synthetic set is sum, count, difference, greater, lesser, and, or, assign (print), reset; the
/// ICLR 2017 version on WikiTableQuestions has count, prev, next, first, last, group-by-max, greater, lesser, geq,
/// leq, max, min, word-match, reset, print. Included: the operations that apply to numeric tables, plus average.
/// Left out: difference (it needs scalars from earlier steps), prev/next, group-by-max and word-match (they need
/// text columns and word matching), geq/leq (on integer tables greater/lesser with a shifted pivot say the same).
/// </remarks>
public enum Operation
{
    /// <summary>Scalar: the number of selected rows, Σ_i rs[i].</summary>
    Count,

    /// <summary>Scalar: per column, the sum of the selected cells, Σ_i rs[i]·T[i, j].</summary>
    Sum,

    /// <summary>Scalar: per column, the sum over the count of the selected (non-empty) cells.</summary>
    Average,

    /// <summary>Rows: per column, the cells greater than the question's pivot number for "greater".</summary>
    Greater,

    /// <summary>Rows: per column, the cells less than the question's pivot number for "lesser".</summary>
    Lesser,

    /// <summary>Rows: the elementwise minimum of the last two row selectors.</summary>
    And,

    /// <summary>Rows: the elementwise maximum of the last two row selectors.</summary>
    Or,

    /// <summary>Rows: per column, the selected row(s) with the largest value, rs[i]·Π_{k: T[k,j] &gt; T[i,j]}(1 − rs[k]).</summary>
    Max,

    /// <summary>Rows: per column, the selected row(s) with the smallest value.</summary>
    Min,

    /// <summary>Rows: the first selected row, rs[i]·Π_{k &lt; i}(1 − rs[k]).</summary>
    First,

    /// <summary>Rows: the last selected row, rs[i]·Π_{k &gt; i}(1 − rs[k]).</summary>
    Last,

    /// <summary>Rows: every (real) row of the table.</summary>
    Reset,

    /// <summary>Lookup: prints the chosen column's cells of the selected rows as the answer (the 2016 paper's "assign").</summary>
    Print,
}

/// <summary>Facts about <see cref="Operation"/> used by the model and the plots (Chapter 9, §9.2).</summary>
public static class Operations
{
    /// <summary>All operations in embedding order.</summary>
    public static IReadOnlyList<Operation> All { get; } = Enum.GetValues<Operation>();

    /// <summary>The number of operations.</summary>
    public static int Count => All.Count;

    /// <summary>Lower-case names, in embedding order, for plot labels.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(o => o.ToString().ToLowerInvariant()).ToArray();

    /// <summary>Whether the operation's result depends on the chosen column (sum, average, greater, lesser, max, min, print).</summary>
    public static bool UsesColumn(Operation op) => op is Operation.Sum or Operation.Average or Operation.Greater or Operation.Lesser
        or Operation.Max or Operation.Min or Operation.Print;
}
