using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Attend.NeuralProgrammer;

/// <summary>One line of a WikiTableQuestions question file: id, question, table path, answers (unescaped).</summary>
/// <param name="Id">The example id, e.g. "nt-0".</param>
/// <param name="Utterance">The question.</param>
/// <param name="Context">The table's path relative to the dataset folder, e.g. "csv/204-csv/590.csv".</param>
/// <param name="Targets">The answer values (several when the answer is a list).</param>
public sealed record WtqExample(string Id, string Utterance, string Context, string[] Targets);

/// <summary>How many questions a conversion kept and why it dropped the others (Chapter 9, §9.8).</summary>
public sealed class WtqReport
{
    /// <summary>The questions read.</summary>
    public int Read { get; internal set; }

    /// <summary>The questions kept.</summary>
    public int Kept { get; internal set; }

    /// <summary>Of the kept, how many have a scalar answer and how many a lookup answer.</summary>
    public int Scalar { get; internal set; }

    /// <summary>Kept questions whose answer is a set of cells.</summary>
    public int Lookup { get; internal set; }

    /// <summary>Dropped questions by reason.</summary>
    public SortedDictionary<string, int> Dropped { get; } = new(StringComparer.Ordinal);

    /// <summary>Columns dropped (not numeric) and kept over all distinct tables used.</summary>
    public (int Kept, int Dropped) Columns { get; internal set; }

    /// <summary>Non-empty cells of kept numeric columns that did not parse as numbers (treated as empty).</summary>
    public int UnparsedCells { get; internal set; }

    internal void Drop(string reason) => Dropped[reason] = Dropped.GetValueOrDefault(reason) + 1;

    /// <inheritdoc/>
    public override string ToString() =>
        $"read {Read}, kept {Kept} ({Scalar} scalar, {Lookup} lookup); dropped: " +
        string.Join(", ", Dropped.Select(d => $"{d.Key} {d.Value}")) +
        $"; columns kept {Columns.Kept}, dropped {Columns.Dropped}; non-numeric cells in numeric columns {UnparsedCells}";
}

/// <summary>
/// WikiTableQuestions 1.0.2 (Pasupat and Liang 2015) for the neural programmer (Chapter 9, §9.8): the official
/// training split (training.tsv) and test split (pristine-unseen-tables.tsv), and their CSV tables, turned into
/// <see cref="TableQuestion"/>s that this course's model can express. What it simplifies, and counts in a
/// <see cref="WtqReport"/>:
/// <list type="bullet">
/// <item>Only numeric columns are kept (a column is numeric when at least <c>numericShare</c> of its non-empty cells
/// parse with <see cref="CellNumber"/>); in them, cells that do not parse are empty. There is no word matching.</item>
/// <item>A single numeric answer becomes a scalar target (a count, sum or average — or a single cell, which the sum of
/// one selected row gives); an answer that is a list of cells of one numeric column becomes a lookup target (answers
/// spread over several columns are dropped: print prints one column);
/// anything else (text answers, dates, lists not in the numeric columns) is dropped.</item>
/// <item>Tables with more than <c>maxRows</c> rows or no numeric column are dropped.</item>
/// <item>Question words are lower-cased and split at non-alphanumerics; numbers become <see cref="TableQuestion.NumberToken"/>.</item>
/// </list>
/// Accuracy on the official test split must count the dropped questions as wrong (<see cref="WtqReport.Read"/> is the denominator).
/// </summary>
public static partial class WikiTableQuestions
{
    /// <summary>The official training questions' file, relative to the dataset folder.</summary>
    public const string TrainingFile = "data/training.tsv";

    /// <summary>The official test questions' file (tables unseen in training).</summary>
    public const string TestFile = "data/pristine-unseen-tables.tsv";

    [GeneratedRegex(@"\d+(,\d{3})*(\.\d+)?|[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    /// <summary>
    /// The dataset folder (holding data/ and csv/): <paramref name="path"/> if given, else found by
    /// <see cref="Data.DataLocator"/> as <c>wikitablequestions/</c> under a shared data folder.
    /// </summary>
    public static string Locate(string? path = null)
    {
        if (path is not null)
        {
            var full = Path.GetFullPath(path);
            return File.Exists(Path.Combine(full, TrainingFile)) ? full
                : throw new FileNotFoundException($"WikiTableQuestions: {full} does not hold {TrainingFile}.", Path.Combine(full, TrainingFile));
        }

        var found = Data.DataLocator.Find("wikitablequestions/" + TrainingFile, null, out var tried);
        return found is not null
            ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(found)!, ".."))
            : throw new FileNotFoundException(
                "WikiTableQuestions 1.0.2 was not found (it is not downloaded automatically: see data/README.md). Looked at:\n  " +
                string.Join("\n  ", tried));
    }

    /// <summary>Reads a question file (tab-separated, header id/utterance/context/targetValue, \n \\ \p escapes).</summary>
    public static List<WtqExample> ReadQuestions(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || !lines[0].StartsWith("id\tutterance\tcontext\ttargetValue", StringComparison.Ordinal))
        {
            throw new FormatException($"{path}:1: expected the header 'id, utterance, context, targetValue' (tab-separated).");
        }

        var examples = new List<WtqExample>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var f = lines[i].Split('\t');
            if (f.Length != 4)
            {
                throw new FormatException($"{path}:{i + 1}: expected 4 tab-separated fields, found {f.Length}.");
            }

            examples.Add(new WtqExample(f[0], Unescape(f[1]), f[2], f[3].Split('|').Select(Unescape).ToArray()));
        }

        return examples;
    }

    /// <summary>Undoes the question files' escapes: \n → newline, \p → |, \\ → \.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                sb.Append(next switch { 'n' => '\n', 'p' => '|', _ => next });
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Lower-cased words, numbers kept whole ("12,467" is one token).</summary>
    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
    }

    /// <summary>
    /// Loads the split in <paramref name="file"/> (<see cref="TrainingFile"/> or <see cref="TestFile"/>) from the dataset
    /// folder <paramref name="root"/>: the questions the model can express, and the report of what was dropped.
    /// <paramref name="limit"/>, if given, reads only the first questions of the file.
    /// </summary>
    public static (List<TableQuestion> Questions, WtqReport Report) Load(string root, string file, int maxRows = 50, double numericShare = 0.5,
                                                                        int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(file);
        var examples = ReadQuestions(Path.Combine(root, file));
        if (limit is int n)
        {
            examples = examples.Take(n).ToList();
        }

        var report = new WtqReport { Read = examples.Count };
        var tables = new Dictionary<string, NumericTable>(StringComparer.Ordinal);
        var questions = new List<TableQuestion>();
        foreach (var example in examples)
        {
            if (!tables.TryGetValue(example.Context, out var table))
            {
                var (header, rows) = TableCsv.Read(Path.Combine(root, example.Context));
                table = NumericTable.From(header, rows, numericShare);
                tables[example.Context] = table;
            }

            var (question, reason) = Convert(example, table, maxRows);
            if (question is null)
            {
                report.Drop(reason!);
                continue;
            }

            questions.Add(question);
            report.Kept++;
            if (question.IsLookup)
            {
                report.Lookup++;
            }
            else
            {
                report.Scalar++;
            }
        }

        report.Columns = (tables.Values.Sum(t => t.Names.Length), tables.Values.Sum(t => t.DroppedColumns));
        report.UnparsedCells = tables.Values.Sum(t => t.Unparsed);
        return (questions, report);
    }

    /// <summary>
    /// Turns one example into a <see cref="TableQuestion"/> over the numeric columns of its table, or gives the reason it
    /// cannot (see the class summary).
    /// </summary>
    public static (TableQuestion? Question, string? Reason) Convert(WtqExample example, NumericTable table, int maxRows = 50)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(table);
        if (table.Names.Length == 0)
        {
            return (null, "table has no numeric column");
        }

        if (table.Cells.GetLength(0) > maxRows)
        {
            return (null, $"table has more than {maxRows} rows");
        }

        if (table.Cells.GetLength(0) == 0)
        {
            return (null, "table has no rows");
        }

        float? scalar = null;
        bool[,]? lookup = null;
        var numbers = example.Targets.Select(CellNumber.Parse).ToArray();
        if (example.Targets.Length == 1 && numbers[0] is float value && IsPlainNumber(example.Targets[0]))
        {
            scalar = value;
        }
        else
        {
            // A list (or a non-number) must be exactly the text of cells in the numeric columns — of ONE column, since
            // print prints one column. (Marking every matching cell in every column, as the first version did, made a
            // target such as "3" that also occurs in another column unreachable: the lookup must then print both.) Of the
            // columns that hold every answer, the one with the fewest matching cells is taken (the first on ties).
            int m = table.Cells.GetLength(0), c = table.Names.Length;
            bool Matches(int r, int j, string target) =>
                string.Equals(table.Text[r, j].Trim(), target.Trim(), StringComparison.OrdinalIgnoreCase);
            var column = -1;
            var fewest = int.MaxValue;
            for (var j = 0; j < c; j++)
            {
                var col = j;
                if (!example.Targets.All(target => Enumerable.Range(0, m).Any(r => Matches(r, col, target))))
                {
                    continue;
                }

                var matched = Enumerable.Range(0, m).Count(r => example.Targets.Any(target => Matches(r, col, target)));
                if (matched < fewest)
                {
                    (column, fewest) = (j, matched);
                }
            }

            if (column < 0)
            {
                var everywhere = example.Targets.All(target =>
                    Enumerable.Range(0, m).Any(r => Enumerable.Range(0, c).Any(j => Matches(r, j, target))));
                return (null, everywhere ? "answer cells in more than one column" : "answer not a number and not in a numeric column");
            }

            var cells = new bool[m, c];
            for (var r = 0; r < m; r++)
            {
                cells[r, column] = example.Targets.Any(target => Matches(r, column, target));
            }

            lookup = cells;
        }

        var words = new List<string>();
        var qNumbers = new List<float>();
        var positions = new List<int>();
        foreach (var token in Tokenize(example.Utterance))
        {
            if (char.IsAsciiDigit(token[0]) && CellNumber.Parse(token) is float n)
            {
                positions.Add(words.Count);
                qNumbers.Add(n);
                words.Add(TableQuestion.NumberToken);
            }
            else
            {
                words.Add(token);
            }
        }

        if (words.Count == 0)
        {
            return (null, "question has no words");
        }

        return (new TableQuestion(example.Id, table.Cells, table.Names, [.. words], [.. qNumbers], [.. positions], scalar, lookup), null);
    }

    private static bool IsPlainNumber(string text) =>
        CellNumber.Parse(text) is not null && !text.Trim().Any(char.IsLetter);
}

/// <summary>A table reduced to its numeric columns (Chapter 9, §9.8): numbers (null when empty), the cells' text and the header words.</summary>
/// <param name="Cells">Rows × kept columns.</param>
/// <param name="Text">The original text of the kept cells.</param>
/// <param name="Names">The header words of each kept column.</param>
/// <param name="DroppedColumns">How many columns were not numeric.</param>
/// <param name="Unparsed">Non-empty cells of kept columns that are not numbers.</param>
public sealed record NumericTable(float?[,] Cells, string[,] Text, string[][] Names, int DroppedColumns, int Unparsed)
{
    /// <summary>Keeps the columns where at least <paramref name="numericShare"/> of the non-empty cells are numbers (and at least one is).</summary>
    public static NumericTable From(string[] header, IReadOnlyList<string[]> rows, double numericShare = 0.5)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var keep = new List<int>();
        for (var j = 0; j < header.Length; j++)
        {
            var filled = rows.Where(r => !string.IsNullOrWhiteSpace(r[j])).ToArray();
            var numeric = filled.Count(r => CellNumber.Parse(r[j]) is not null);
            if (numeric > 0 && numeric >= numericShare * filled.Length)
            {
                keep.Add(j);
            }
        }

        var cells = new float?[rows.Count, keep.Count];
        var text = new string[rows.Count, keep.Count];
        var unparsed = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var k = 0; k < keep.Count; k++)
            {
                var raw = rows[r][keep[k]];
                text[r, k] = raw;
                cells[r, k] = CellNumber.Parse(raw);
                unparsed += cells[r, k] is null && !string.IsNullOrWhiteSpace(raw) ? 1 : 0;
            }
        }

        var names = keep.Select(j => WikiTableQuestions.Tokenize(header[j])).ToArray();
        return new NumericTable(cells, text, names, header.Length - keep.Count, unparsed);
    }
}
