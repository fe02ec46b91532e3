namespace Attend.NeuralProgrammer;

/// <summary>
/// The operations of <see cref="Operation"/> as differentiable functions of a soft row selector (Chapter 9, §9.2).
/// Shapes: table T [B, M, C] (M rows, C numeric columns), cells [B, M, C] (1 where the cell holds a number, 0 for an
/// empty or padding cell), row selectors rs [B, M] with values in [0, 1]. Per-column results keep the column axis
/// ([B, C] for scalars, [B, M, C] for row selectors); the model mixes them with the column weights.
/// </summary>
/// <remarks>
/// With hard 0/1 selectors these are the table operations a database would run; with soft ones they stay smooth in
/// rs, so the gradient reaches the weights of every earlier step. The comparisons themselves (T &gt; pivot) are
/// hard: as in the paper, no gradient flows into the table or the pivot, only into the weights that mix them.
/// Products such as Π_k (1 − rs[k]) are taken as exp Σ log, with 1 − rs clamped at 1e-6 so a fully selected row
/// gives a zero factor instead of log 0.
/// </remarks>
public static class TableOperations
{
    private const float Tiny = 1e-6f;

    /// <summary>count: Σ_i rs[i] → [B].</summary>
    public static Tensor Count(Tensor rows)
    {
        CheckRows(rows, nameof(rows), "Count");
        return rows.sum(1);
    }

    /// <summary>sum: per column Σ_i rs[i]·T[i, j] over the non-empty cells → [B, C].</summary>
    public static Tensor Sum(Tensor table, Tensor cells, Tensor rows)
    {
        CheckTable(table, cells, rows, "Sum");
        return table.mul(cells).mul(rows.unsqueeze(2)).sum(1);
    }

    /// <summary>
    /// average: per column the sum over the soft number of selected non-empty cells → [B, C]. The count is floored at
    /// 1e-3 so that an empty selection gives 0 rather than 0/0.
    /// </summary>
    public static Tensor Average(Tensor table, Tensor cells, Tensor rows)
    {
        CheckTable(table, cells, rows, "Average");
        var counted = cells.mul(rows.unsqueeze(2)).sum(1).clamp(min: 1e-3f);
        return Sum(table, cells, rows).div(counted);
    }

    /// <summary>greater: per column 1 where T[i, j] &gt; pivot (and the cell is not empty) → [B, M, C]. pivot is [B].</summary>
    public static Tensor Greater(Tensor table, Tensor cells, Tensor pivot)
    {
        CheckPivot(table, cells, pivot, "Greater");
        return table.gt(pivot.view(pivot.size(0), 1, 1)).mul(cells);
    }

    /// <summary>lesser: per column 1 where T[i, j] &lt; pivot (and the cell is not empty) → [B, M, C]. pivot is [B].</summary>
    public static Tensor Lesser(Tensor table, Tensor cells, Tensor pivot)
    {
        CheckPivot(table, cells, pivot, "Lesser");
        return table.lt(pivot.view(pivot.size(0), 1, 1)).mul(cells);
    }

    /// <summary>
    /// greater with a soft choice of pivot: per column Σ_k β[k]·[T[i, j] &gt; n[k]] (and the cell is not empty) → [B, M, C].
    /// numbers n and weights β are [B, K]. Unlike comparing with the mixed pivot Σ_k β[k]·n[k], whose hard comparison
    /// passes no gradient back, this is linear in β, so the attention that picks the number learns; with a one-hot β
    /// both are the same.
    /// </summary>
    public static Tensor Greater(Tensor table, Tensor cells, Tensor numbers, Tensor weights) =>
        Compare(table, cells, numbers, weights, greater: true, "Greater");

    /// <summary>lesser with a soft choice of pivot: per column Σ_k β[k]·[T[i, j] &lt; n[k]] → [B, M, C] (see the greater overload).</summary>
    public static Tensor Lesser(Tensor table, Tensor cells, Tensor numbers, Tensor weights) =>
        Compare(table, cells, numbers, weights, greater: false, "Lesser");

    /// <summary>and: min(rs_{t−1}, rs_{t−2}) → [B, M].</summary>
    public static Tensor And(Tensor previous, Tensor beforePrevious)
    {
        CheckPair(previous, beforePrevious, "And");
        return torch.minimum(previous, beforePrevious);
    }

    /// <summary>or: max(rs_{t−1}, rs_{t−2}) → [B, M].</summary>
    public static Tensor Or(Tensor previous, Tensor beforePrevious)
    {
        CheckPair(previous, beforePrevious, "Or");
        return torch.maximum(previous, beforePrevious);
    }

    /// <summary>
    /// max: per column, row i keeps its selection if no selected row has a larger value there:
    /// rs[i]·Π_{k: T[k,j] &gt; T[i,j]} (1 − rs[k]) → [B, M, C]. With a hard selector this is the arg-max row(s) among the
    /// selected ones; ties keep every tied row.
    /// </summary>
    public static Tensor Max(Tensor table, Tensor cells, Tensor rows) => Extreme(table, cells, rows, largest: true, "Max");

    /// <summary>min: as <see cref="Max"/> with "smaller" for "larger" → [B, M, C].</summary>
    public static Tensor Min(Tensor table, Tensor cells, Tensor rows) => Extreme(table, cells, rows, largest: false, "Min");

    /// <summary>first: the first selected row, rs[i]·Π_{k &lt; i}(1 − rs[k]) → [B, M].</summary>
    public static Tensor First(Tensor rows) => Ordered(rows, first: true, "First");

    /// <summary>last: the last selected row, rs[i]·Π_{k &gt; i}(1 − rs[k]) → [B, M].</summary>
    public static Tensor Last(Tensor rows) => Ordered(rows, first: false, "Last");

    /// <summary>reset: every real row, that is the row mask [B, M] itself.</summary>
    public static Tensor Reset(Tensor rowMask)
    {
        CheckRows(rowMask, nameof(rowMask), "Reset");
        return rowMask;
    }

    /// <summary>print: the lookup answer α_col[j]·rs[i] → [B, M, C] (the probability that cell (i, j) is in the answer).</summary>
    public static Tensor Print(Tensor rows, Tensor columnWeights)
    {
        CheckRows(rows, nameof(rows), "Print");
        if (columnWeights.ndim != 2 || columnWeights.size(0) != rows.size(0))
        {
            throw new ArgumentException(
                $"Print: expected columnWeights [B, C] with B = {rows.size(0)}, got {Tensor.Format(columnWeights.shape)}.", nameof(columnWeights));
        }

        return rows.unsqueeze(2).mul(columnWeights.unsqueeze(1));
    }

    private static Tensor Compare(Tensor table, Tensor cells, Tensor numbers, Tensor weights, bool greater, string op)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cells);
        if (table.ndim != 3 || !cells.shape.SequenceEqual(table.shape))
        {
            throw new ArgumentException(
                $"{op}: expected table [B, M, C] and cells of the same shape, got {Tensor.Format(table.shape)} and {Tensor.Format(cells.shape)}.",
                nameof(cells));
        }

        if (numbers.ndim != 2 || numbers.size(0) != table.size(0) || !weights.shape.SequenceEqual(numbers.shape))
        {
            throw new ArgumentException(
                $"{op}: expected numbers and weights [B, K] with B = {table.size(0)}, got {Tensor.Format(numbers.shape)} and {Tensor.Format(weights.shape)}.",
                nameof(weights));
        }

        var b = table.size(0);
        var k = numbers.size(1);
        var cell = table.unsqueeze(3);                // [B, M, C, 1]
        var pivot = numbers.view(b, 1, 1, k);         // [B, 1, 1, K]
        var hit = greater ? cell.gt(pivot) : cell.lt(pivot); // [B, M, C, K], hard 0/1
        return hit.mul(weights.view(b, 1, 1, k)).sum(3).mul(cells);
    }

    private static Tensor Extreme(Tensor table, Tensor cells, Tensor rows, bool largest, string name)
    {
        CheckTable(table, cells, rows, name);
        // beats[b, i, k, j] = 1 where row k's cell beats row i's in column j (and is a number).
        var other = table.unsqueeze(1);   // [B, 1, M(k), C]
        var self = table.unsqueeze(2);    // [B, M(i), 1, C]
        var beats = (largest ? other.gt(self) : other.lt(self)).mul(cells.unsqueeze(1));
        var factor = beats.mul(rows.unsqueeze(1).unsqueeze(3)).rsub(1f).clamp(min: Tiny);
        var survives = factor.log().sum(2).exp(); // [B, M(i), C]
        return survives.mul(rows.unsqueeze(2)).mul(cells);
    }

    private static Tensor Ordered(Tensor rows, bool first, string name)
    {
        CheckRows(rows, nameof(rows), name);
        var m = rows.size(1);
        // before[k, i] = 1 where row k comes before row i (for first) or after it (for last); a cumulative product as a matmul.
        var mask = new float[m * m];
        for (var k = 0; k < m; k++)
        {
            for (var i = 0; i < m; i++)
            {
                mask[(k * m) + i] = (first ? k < i : k > i) ? 1f : 0f;
            }
        }

        var before = torch.tensor(mask, [m, m], rows.device);
        var logFree = rows.rsub(1f).clamp(min: Tiny).log(); // log(1 − rs[k])
        return logFree.matmul(before).exp().mul(rows);
    }

    private static void CheckRows(Tensor rows, string name, string op)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.ndim != 2)
        {
            throw new ArgumentException($"{op}: expected {name} [B, M], got {Tensor.Format(rows.shape)}.", name);
        }
    }

    private static void CheckPair(Tensor a, Tensor b, string op)
    {
        CheckRows(a, "previous", op);
        CheckRows(b, "beforePrevious", op);
        if (!a.shape.SequenceEqual(b.shape))
        {
            throw new ArgumentException(
                $"{op}: previous {Tensor.Format(a.shape)} and beforePrevious {Tensor.Format(b.shape)} must have the same shape [B, M].",
                "beforePrevious");
        }
    }

    private static void CheckTable(Tensor table, Tensor cells, Tensor rows, string op)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cells);
        CheckRows(rows, nameof(rows), op);
        if (table.ndim != 3 || !cells.shape.SequenceEqual(table.shape))
        {
            throw new ArgumentException(
                $"{op}: expected table [B, M, C] and cells of the same shape, got {Tensor.Format(table.shape)} and {Tensor.Format(cells.shape)}.",
                nameof(cells));
        }

        if (rows.size(0) != table.size(0) || rows.size(1) != table.size(1))
        {
            throw new ArgumentException(
                $"{op}: rows {Tensor.Format(rows.shape)} must be [B, M] = [{table.size(0)}, {table.size(1)}] for table {Tensor.Format(table.shape)}.",
                nameof(rows));
        }
    }

    private static void CheckPivot(Tensor table, Tensor cells, Tensor pivot, string op)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(pivot);
        if (table.ndim != 3 || !cells.shape.SequenceEqual(table.shape))
        {
            throw new ArgumentException(
                $"{op}: expected table [B, M, C] and cells of the same shape, got {Tensor.Format(table.shape)} and {Tensor.Format(cells.shape)}.",
                nameof(cells));
        }

        if (pivot.ndim != 1 || pivot.size(0) != table.size(0))
        {
            throw new ArgumentException($"{op}: expected pivot [B] = [{table.size(0)}], got {Tensor.Format(pivot.shape)}.", nameof(pivot));
        }
    }
}
