namespace Attend.NeuralProgrammer;

/// <summary>One step of a <see cref="TableProgram"/>: an operation, the column it uses and, for greater and lesser, which question number is the pivot.</summary>
/// <param name="Op">The operation.</param>
/// <param name="Column">The column (ignored by operations that use none).</param>
/// <param name="Pivot">The index of the question number compared with (greater and lesser only).</param>
public readonly record struct ProgramStep(Operation Op, int Column = 0, int Pivot = 0);

/// <summary>
/// A discrete program over a table (Chapter 9, §9.2): what the neural programmer does when every soft choice is a
/// hard one. <see cref="Execute"/> runs it with plain arrays, with exactly the model's semantics (rs_0 = rs_{−1} = every
/// row; a scalar or print step keeps the rows it was given; the answer is the last step's), so the synthetic generator computes
/// its answers by executing the program behind each question.
/// </summary>
public sealed record TableProgram(IReadOnlyList<ProgramStep> Steps)
{
    /// <summary>Runs the program on <paramref name="cells"/> with the question's <paramref name="numbers"/>: a scalar, or the printed cells.</summary>
    public (float? Scalar, bool[,]? Lookup) Execute(float?[,] cells, float[] numbers)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(numbers);
        if (Steps.Count == 0)
        {
            throw new InvalidOperationException("TableProgram: a program needs at least one step.");
        }

        int m = cells.GetLength(0), c = cells.GetLength(1);
        var all = Enumerable.Repeat(true, m).ToArray();
        bool[] rs1 = all, rs2 = all;
        float? scalar = null;
        bool[,]? lookup = null;
        foreach (var step in Steps)
        {
            if (Operations.UsesColumn(step.Op) && (step.Column < 0 || step.Column >= c))
            {
                throw new ArgumentException($"TableProgram: column {step.Column} of a table with {c} columns.", nameof(cells));
            }

            float? V(int r) => cells[r, step.Column];
            scalar = null;
            lookup = null;
            var rs = new bool[m];
            switch (step.Op)
            {
                case Operation.Count:
                    scalar = rs1.Count(x => x);
                    rs = (bool[])rs1.Clone();
                    break;
                case Operation.Sum:
                case Operation.Average:
                    {
                        var chosen = Enumerable.Range(0, m).Where(r => rs1[r] && V(r).HasValue).ToArray();
                        var sum = chosen.Sum(r => V(r)!.Value);
                        scalar = step.Op == Operation.Sum ? sum : sum / Math.Max(chosen.Length, 1e-3f);
                        rs = (bool[])rs1.Clone();
                        break;
                    }

                case Operation.Greater:
                case Operation.Lesser:
                    {
                        var pivot = step.Pivot < numbers.Length ? numbers[step.Pivot] : 0f;
                        for (var r = 0; r < m; r++)
                        {
                            rs[r] = V(r) is float v && (step.Op == Operation.Greater ? v > pivot : v < pivot);
                        }

                        break;
                    }

                case Operation.And:
                case Operation.Or:
                    for (var r = 0; r < m; r++)
                    {
                        rs[r] = step.Op == Operation.And ? rs1[r] && rs2[r] : rs1[r] || rs2[r];
                    }

                    break;
                case Operation.Max:
                case Operation.Min:
                    for (var r = 0; r < m; r++)
                    {
                        rs[r] = rs1[r] && V(r) is float v && !Enumerable.Range(0, m).Any(k =>
                            rs1[k] && V(k) is float w && (step.Op == Operation.Max ? w > v : w < v));
                    }

                    break;
                case Operation.First:
                case Operation.Last:
                    {
                        var order = Enumerable.Range(0, m).Where(r => rs1[r]);
                        var pick = step.Op == Operation.First ? order.DefaultIfEmpty(-1).First() : order.DefaultIfEmpty(-1).Last();
                        if (pick >= 0)
                        {
                            rs[pick] = true;
                        }

                        break;
                    }

                case Operation.Reset:
                    rs = (bool[])all.Clone();
                    break;
                case Operation.Print:
                    lookup = new bool[m, c];
                    for (var r = 0; r < m; r++)
                    {
                        lookup[r, step.Column] = rs1[r];
                    }

                    rs = (bool[])rs1.Clone();
                    break;
            }

            (rs2, rs1) = (rs1, rs);
        }

        if (scalar is null && lookup is null)
        {
            throw new InvalidOperationException($"TableProgram: the last step ({Steps[^1].Op}) gives no answer; end with count, sum, average or print.");
        }

        return (scalar, lookup);
    }

    /// <summary>The program as text, e.g. "greater(c1, n0) → sum(c2)".</summary>
    public string Describe(IReadOnlyList<string>? columnNames = null) => string.Join(" → ", Steps.Select(s =>
    {
        var name = s.Op.ToString().ToLowerInvariant();
        var column = columnNames is not null && s.Column < columnNames.Count ? columnNames[s.Column] : $"c{s.Column}";
        return s.Op switch
        {
            Operation.Greater or Operation.Lesser => $"{name}({column}, n{s.Pivot})",
            _ when Operations.UsesColumn(s.Op) => $"{name}({column})",
            _ => name,
        };
    }));
}
