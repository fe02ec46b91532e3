using System.Globalization;

namespace Attend.NeuralProgrammer;

/// <summary>
/// Generated tables and questions, as in the 2016 paper's synthetic experiments (Chapter 9, §9.1): tables of
/// ⌈rows/2⌉ to <c>rows</c> rows (drawn per table) × <c>columns</c> random integers in [0, max_value), whose columns are named by words drawn from
/// <see cref="ColumnNames"/> (so the model has to match the question's word to the column's name, not a position);
/// questions composed from templates, each with the <see cref="TableProgram"/> it stands for; the answer computed
/// by executing that program.
/// </summary>
/// <remarks>
/// The templates (with synonyms for most words): count; sum/average of a column; count, sum or average where a
/// column is greater/less than a number (the two averages only when asked for: see <see cref="AverageTemplates"/>); count or sum with two conditions joined by and/or; the value of a column in
/// the row where another column is largest/smallest; the largest/smallest value of a column; the value of a column
/// in the first/last row where another column is greater/less than a number; the values of a column where two
/// conditions hold. Questions whose answer would be empty (nothing printed) or 0 (a count, sum or average over no row)
/// are drawn again.
/// </remarks>
public static class SyntheticTables
{
    /// <summary>The pool of column names.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["height", "weight", "price", "score", "age", "speed", "length", "rank", "points", "goals"];

    /// <summary>The number of question templates.</summary>
    public const int Templates = 14;

    /// <summary>
    /// The templates that ask for an average (2: the average of a column; 5: the average where a condition holds).
    /// Left out of the default draw: the paper's operations (2016: sum, count, difference, greater, lesser, and, or,
    /// assign, reset; 2017: count, first, last, greater, lesser, geq, leq, max, min, print, …) cannot express an
    /// average, and this chapter measured what average does to training (§9.5): its soft value does not change when
    /// the row selector is scaled, Σ α·rs·T / Σ α·rs = Σ rs·T / Σ rs, so the loss never tells a step that selects
    /// every row from one that selects none blended with it, and the hard program then averaged over no row
    /// (reset → average at 0 %). Pass them in <c>templates</c> to draw them.
    /// </summary>
    public static IReadOnlyList<int> AverageTemplates { get; } = [2, 5];

    /// <summary>The default draw: every template but <see cref="AverageTemplates"/>, each with the same share.</summary>
    public static IReadOnlyList<int> PaperTemplates { get; } = [.. Enumerable.Range(0, Templates).Except(AverageTemplates)];

    /// <summary>Generates <paramref name="count"/> questions from <paramref name="generator"/>.</summary>
    /// <remarks>
    /// <paramref name="templates"/>, when given, limits the draw to those templates (0 … <see cref="Templates"/> − 1;
    /// a template listed twice is drawn twice as often); by default <see cref="PaperTemplates"/>.
    /// With <paramref name="redraw_or_shortcuts"/>, an "or" count that one condition alone or every row already gives
    /// is drawn again, and every redraw keeps its template (so each template keeps its share). Off by default: the
    /// chapter measured it (§9.5) and the runs with it trained worse, not better.
    /// </remarks>
    public static List<TableQuestion> Generate(int count, Generator generator, int rows = 10, int columns = 4, int max_value = 100,
                                               IReadOnlyList<int>? templates = null, bool redraw_or_shortcuts = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count < 0 || rows < 2 || columns < 2 || columns > ColumnNames.Count || max_value < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"SyntheticTables: need count ≥ 0, rows ≥ 2, 2 ≤ columns ≤ {ColumnNames.Count} and max_value ≥ 4; got count {count}, " +
                $"rows {rows}, columns {columns}, max_value {max_value}.");
        }

        if (templates is not null && (templates.Count == 0 || templates.Any(t => t < 0 || t >= Templates)))
        {
            throw new ArgumentOutOfRangeException(nameof(templates),
                $"SyntheticTables: templates must be a non-empty list of numbers in [0, {Templates}), got [{string.Join(", ", templates)}].");
        }

        var result = new List<TableQuestion>(count);
        while (result.Count < count)
        {
            var from = templates ?? PaperTemplates;
            var template = from[generator.NextInt(0, from.Count)];
            // A question that says nothing is drawn again: from any template by default (the first version's data), from
            // the same template with redraw_or_shortcuts, so that the often-redrawn "or" template keeps its share.
            var q = One(generator, template, rows, columns, max_value, result.Count.ToString(CultureInfo.InvariantCulture), redraw_or_shortcuts);
            while (q is null && redraw_or_shortcuts)
            {
                q = One(generator, template, rows, columns, max_value, result.Count.ToString(CultureInfo.InvariantCulture), redraw_or_shortcuts);
            }

            if (q is not null)
            {
                result.Add(q);
            }
        }

        return result;
    }

    private static string Pick(Generator g, params string[] options) => options[g.NextInt(0, options.Length)];

    private static TableQuestion? One(Generator g, int template, int maxRows, int columns, int maxValue, string id, bool orShortcuts)
    {
        // The number of rows varies, so that count is not a constant and average is not sum / constant (with a
        // fixed row count, 10·α_sum + α_avg = 1 answers every average question: a family of wrong programs with zero loss).
        var rows = g.NextInt((maxRows + 1) / 2, maxRows + 1);
        var cells = new float?[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < columns; j++)
            {
                cells[r, j] = g.NextInt(0, maxValue);
            }
        }

        var names = ColumnNames.OrderBy(_ => g.NextDouble()).Take(columns).ToArray();
        // Distinct columns a, b, c for the template.
        var order = Enumerable.Range(0, columns).OrderBy(_ => g.NextDouble()).ToArray();
        int a = order[0], b = order[1], c = order[columns > 2 ? 2 : 0];
        var x = (float)g.NextInt(1, maxValue - 1);
        var y = (float)g.NextInt(1, maxValue - 1);
        string Gt() => Pick(g, "greater than", "more than", "above", "larger than");
        string Lt() => Pick(g, "less than", "below", "smaller than", "lower than");
        string Sum() => Pick(g, "sum", "total");
        string Avg() => Pick(g, "average", "mean");
        string Big() => Pick(g, "largest", "highest", "maximum", "biggest");
        string Small() => Pick(g, "smallest", "lowest", "minimum");
        var greaterFirst = g.NextDouble() < 0.5;
        (Operation op, string words) Cmp() => greaterFirst ? (Operation.Greater, Gt()) : (Operation.Lesser, Lt());

        List<object> parts;
        ProgramStep[] steps;
        switch (template)
        {
            case 0:
                parts = [Pick(g, "how many rows are there", "count the rows", "how many rows does the table have")];
                steps = [new(Operation.Reset), new(Operation.Count)];
                break;
            case 1:
                parts = [$"what is the {Sum()} of {names[a]}"];
                steps = [new(Operation.Reset), new(Operation.Sum, a)];
                break;
            case 2:
                parts = [$"what is the {Avg()} of {names[a]}"];
                steps = [new(Operation.Reset), new(Operation.Average, a)];
                break;
            case 3:
                {
                    var (op, w) = Cmp();
                    parts = [$"how many rows have {names[a]} {w}", x];
                    steps = [new(op, a, 0), new(Operation.Count)];
                    break;
                }

            case 4:
                {
                    var (op, w) = Cmp();
                    parts = [$"what is the {Sum()} of {names[b]} where {names[a]} is {w}", x];
                    steps = [new(op, a, 0), new(Operation.Sum, b)];
                    break;
                }

            case 5:
                {
                    var (op, w) = Cmp();
                    parts = [$"what is the {Avg()} of {names[b]} where {names[a]} is {w}", x];
                    steps = [new(op, a, 0), new(Operation.Average, b)];
                    break;
                }

            case 6:
            case 7:
                {
                    var join = template == 6 ? Operation.And : Operation.Or;
                    parts = [$"how many rows have {names[a]} {Gt()}", x, $"{join.ToString().ToLowerInvariant()} {names[c]} {Lt()}", y];
                    steps = [new(Operation.Greater, a, 0), new(Operation.Lesser, c, 1), new(join), new(Operation.Count)];
                    break;
                }

            case 8:
                parts = [$"what is the {Sum()} of {names[b]} where {names[a]} is {Gt()}", x, $"and {names[c]} is {Lt()}", y];
                steps = [new(Operation.Greater, a, 0), new(Operation.Lesser, c, 1), new(Operation.And), new(Operation.Sum, b)];
                break;
            case 9:
                {
                    var big = g.NextDouble() < 0.5;
                    parts = [$"what is the {names[b]} of the row with the {(big ? Big() : Small())} {names[a]}"];
                    steps = [new(big ? Operation.Max : Operation.Min, a), new(Operation.Print, b)];
                    break;
                }

            case 10:
                {
                    var big = g.NextDouble() < 0.5;
                    parts = [$"what is the {(big ? Big() : Small())} {names[a]}"];
                    steps = [new(big ? Operation.Max : Operation.Min, a), new(Operation.Print, a)];
                    break;
                }

            case 11:
                {
                    var (op, w) = Cmp();
                    var first = g.NextDouble() < 0.5;
                    parts = [$"what is the {names[b]} of the {(first ? "first" : "last")} row where {names[a]} is {w}", x];
                    steps = [new(op, a, 0), new(first ? Operation.First : Operation.Last), new(Operation.Print, b)];
                    break;
                }

            case 12:
                {
                    var (op, w) = Cmp();
                    parts = [$"what are the {names[b]} values where {names[a]} is {w}", x];
                    steps = [new(op, a, 0), new(Operation.Print, b)];
                    break;
                }

            default:
                parts = [$"what are the {names[b]} values where {names[a]} is {Gt()}", x, $"and {names[c]} is {Lt()}", y];
                steps = [new(Operation.Greater, a, 0), new(Operation.Lesser, c, 1), new(Operation.And), new(Operation.Print, b)];
                break;
        }

        var words = new List<string>();
        var numbers = new List<float>();
        var positions = new List<int>();
        foreach (var part in parts)
        {
            if (part is float n)
            {
                positions.Add(words.Count);
                numbers.Add(n);
                words.Add(TableQuestion.NumberToken);
            }
            else
            {
                words.AddRange(((string)part).Split(' '));
            }
        }

        var program = new TableProgram(steps);
        var (scalar, lookup) = program.Execute(cells, [.. numbers]);
        if (lookup is not null && !lookup.Cast<bool>().Any(v => v))
        {
            return null; // an empty printed set says nothing: draw again
        }

        if (scalar is 0f)
        {
            // Nor does a scalar 0 (no row met the conditions): with many of them, a program that prints (and so
            // answers the scalar 0) was right on most two-condition questions, and the model learned to print for them.
            return null;
        }

        if (orShortcuts && template == 7 && scalar is float union)
        {
            // An "or" count that one condition alone already gives (the other selects nothing new) or that is every
            // row says nothing about "or" either: "count(greater)" or "reset → count" answers it. With uniform pivots
            // that was about two thirds of the or questions, and the model learned those shortcuts instead of "or"
            // (Chapter 9, §9.5): draw again, as for the zero answers.
            var (greaterAlone, _) = new TableProgram([steps[0], new(Operation.Count)]).Execute(cells, [.. numbers]);
            var (lesserAlone, _) = new TableProgram([steps[1], new(Operation.Count)]).Execute(cells, [.. numbers]);
            if (union == greaterAlone || union == lesserAlone || union == rows)
            {
                return null;
            }
        }

        return new TableQuestion(id, cells, names.Select(n => new[] { n }).ToArray(), [.. words], [.. numbers], [.. positions],
            scalar, lookup, program.Describe(names));
    }
}
