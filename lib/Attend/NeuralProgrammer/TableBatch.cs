using Attend.Data;

namespace Attend.NeuralProgrammer;

/// <summary>
/// A batch of <see cref="TableQuestion"/>s as padded tensors on one device (Chapter 9, §9.1). B questions, M rows,
/// C columns, Q question words, K question numbers, L words per column name — each the batch's largest.
/// </summary>
/// <remarks>
/// Padding rows and columns have <see cref="RowMask"/>/<see cref="ColumnMask"/> 0 and empty cells, so no operation
/// selects them. A question without numbers gets one number, 0, so the pivot attention always has something to
/// attend to (a softmax over nothing is 0/0).
/// </remarks>
public sealed class TableBatch
{
    private TableBatch(IReadOnlyList<TableQuestion> questions) => Questions = questions;

    /// <summary>The questions, in batch order.</summary>
    public IReadOnlyList<TableQuestion> Questions { get; }

    /// <summary>The number of questions B.</summary>
    public int Count => Questions.Count;

    /// <summary>The tables [B, M, C] (0 in empty cells).</summary>
    public Tensor Table { get; private init; } = null!;

    /// <summary>1 where a cell holds a number [B, M, C].</summary>
    public Tensor Cells { get; private init; } = null!;

    /// <summary>1 for a real row [B, M].</summary>
    public Tensor RowMask { get; private init; } = null!;

    /// <summary>1 for a real column [B, C].</summary>
    public Tensor ColumnMask { get; private init; } = null!;

    /// <summary>Question word ids [B, Q] (0 = padding).</summary>
    public Tensor Words { get; private init; } = null!;

    /// <summary>1 for a real question word [B, Q].</summary>
    public Tensor WordMask { get; private init; } = null!;

    /// <summary>Column-name word ids [B, C, L].</summary>
    public Tensor ColumnWords { get; private init; } = null!;

    /// <summary>1 for a real column-name word [B, C, L].</summary>
    public Tensor ColumnWordMask { get; private init; } = null!;

    /// <summary>
    /// For each column, the share of its name's words that occur in the question [B, C] (1 when "price" is asked about
    /// and the column is "price"). The soft column selection adds it, learned-weighted, to its scores, as the ICLR 2017
    /// version of the model adds word-match features between the question and the column names.
    /// </summary>
    public Tensor ColumnMatch { get; private init; } = null!;

    /// <summary>
    /// Where each column's name occurs in the question [B, Q, C]: 1/|name| at question word k for every word of column j's
    /// name equal to it (so a column's entries sum to <see cref="ColumnMatch"/> when each name word occurs once). The
    /// model weighs it by its question attention, so that a step attending to "height" in "the sum of height where
    /// weight is above 60" favours the column named height and not weight, which the position-free match cannot tell apart.
    /// </summary>
    public Tensor WordColumnMatch { get; private init; } = null!;

    /// <summary>The question's numbers [B, K].</summary>
    public Tensor Numbers { get; private init; } = null!;

    /// <summary>The position of each number's token in the question [B, K] (whole floats).</summary>
    public Tensor NumberPositions { get; private init; } = null!;

    /// <summary>1 for a real number [B, K].</summary>
    public Tensor NumberMask { get; private init; } = null!;

    /// <summary>The scalar answers [B] (0 for lookup questions).</summary>
    public Tensor Scalar { get; private init; } = null!;

    /// <summary>The lookup answers [B, M, C] (all 0 for scalar questions).</summary>
    public Tensor Lookup { get; private init; } = null!;

    /// <summary>1 for a question whose answer is a lookup [B].</summary>
    public Tensor IsLookup { get; private init; } = null!;

    /// <summary>Encodes <paramref name="questions"/> with <paramref name="vocabulary"/> on <paramref name="device"/> (CPU by default).</summary>
    public static TableBatch From(IReadOnlyList<TableQuestion> questions, Vocabulary vocabulary, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (questions.Count == 0)
        {
            throw new ArgumentException("TableBatch: questions is empty.", nameof(questions));
        }

        int b = questions.Count, m = questions.Max(q => q.Rows), c = questions.Max(q => q.Columns);
        int qLen = questions.Max(q => q.Words.Length), k = Math.Max(1, questions.Max(q => q.Numbers.Length));
        var l = Math.Max(1, questions.Max(q => q.ColumnNames.Length == 0 ? 1 : q.ColumnNames.Max(n => n.Length)));
        if (m == 0 || c == 0 || qLen == 0)
        {
            throw new ArgumentException(
                $"TableBatch: every batch needs rows, columns and words; the largest are {m} rows, {c} columns, {qLen} words.", nameof(questions));
        }

        var table = new float[b * m * c];
        var cells = new float[b * m * c];
        var rowMask = new float[b * m];
        var columnMask = new float[b * c];
        var words = new float[b * qLen];
        var wordMask = new float[b * qLen];
        var columnWords = new float[b * c * l];
        var columnWordMask = new float[b * c * l];
        var columnMatch = new float[b * c];
        var wordColumnMatch = new float[b * qLen * c];
        var numbers = new float[b * k];
        var positions = new float[b * k];
        var numberMask = new float[b * k];
        var scalar = new float[b];
        var lookup = new float[b * m * c];
        var isLookup = new float[b];
        for (var i = 0; i < b; i++)
        {
            var q = questions[i];
            if (q.ColumnNames.Length != q.Columns || q.Numbers.Length != q.NumberPositions.Length || (q.Scalar is null) == (q.Lookup is null))
            {
                throw new ArgumentException(
                    $"TableBatch: question {q.Id} has {q.Columns} columns and {q.ColumnNames.Length} column names, {q.Numbers.Length} numbers " +
                    $"and {q.NumberPositions.Length} positions, and must have exactly one of a scalar and a lookup answer.", nameof(questions));
            }

            for (var r = 0; r < q.Rows; r++)
            {
                rowMask[(i * m) + r] = 1;
                for (var j = 0; j < q.Columns; j++)
                {
                    var at = (((i * m) + r) * c) + j;
                    if (q.Cells[r, j] is float v)
                    {
                        table[at] = v;
                        cells[at] = 1;
                    }

                    if (q.Lookup is { } answer && answer[r, j])
                    {
                        lookup[at] = 1;
                    }
                }
            }

            for (var j = 0; j < q.Columns; j++)
            {
                columnMask[(i * c) + j] = 1;
                for (var w = 0; w < q.ColumnNames[j].Length && w < l; w++)
                {
                    columnWords[(((i * c) + j) * l) + w] = vocabulary[q.ColumnNames[j][w]];
                    columnWordMask[(((i * c) + j) * l) + w] = 1;
                }

                if (q.ColumnNames[j].Length == 0)
                {
                    columnWords[((i * c) + j) * l] = Vocabulary.UnkId; // a nameless column still needs a vector
                    columnWordMask[((i * c) + j) * l] = 1;
                }
            }

            var asked = new HashSet<string>(q.Words, StringComparer.Ordinal);
            for (var j = 0; j < q.Columns; j++)
            {
                var name = q.ColumnNames[j];
                columnMatch[(i * c) + j] = name.Length == 0 ? 0f : name.Count(asked.Contains) / (float)name.Length;
                for (var w = 0; w < q.Words.Length; w++)
                {
                    var hits = name.Count(n => string.Equals(n, q.Words[w], StringComparison.Ordinal));
                    wordColumnMatch[(((i * qLen) + w) * c) + j] = hits == 0 ? 0f : hits / (float)name.Length;
                }
            }

            for (var w = 0; w < q.Words.Length; w++)
            {
                words[(i * qLen) + w] = vocabulary[q.Words[w]];
                wordMask[(i * qLen) + w] = 1;
            }

            numberMask[i * k] = 1; // slot 0 is always attendable (0 when the question has no number)
            for (var n = 0; n < q.Numbers.Length; n++)
            {
                numbers[(i * k) + n] = q.Numbers[n];
                positions[(i * k) + n] = q.NumberPositions[n];
                numberMask[(i * k) + n] = 1;
            }

            scalar[i] = q.Scalar ?? 0;
            isLookup[i] = q.IsLookup ? 1 : 0;
        }

        return new TableBatch(questions)
        {
            Table = torch.tensor(table, [b, m, c], device),
            Cells = torch.tensor(cells, [b, m, c], device),
            RowMask = torch.tensor(rowMask, [b, m], device),
            ColumnMask = torch.tensor(columnMask, [b, c], device),
            Words = torch.tensor(words, [b, qLen], device),
            WordMask = torch.tensor(wordMask, [b, qLen], device),
            ColumnWords = torch.tensor(columnWords, [b, c, l], device),
            ColumnWordMask = torch.tensor(columnWordMask, [b, c, l], device),
            ColumnMatch = torch.tensor(columnMatch, [b, c], device),
            WordColumnMatch = torch.tensor(wordColumnMatch, [b, qLen, c], device),
            Numbers = torch.tensor(numbers, [b, k], device),
            NumberPositions = torch.tensor(positions, [b, k], device),
            NumberMask = torch.tensor(numberMask, [b, k], device),
            Scalar = torch.tensor(scalar, [b], device),
            Lookup = torch.tensor(lookup, [b, m, c], device),
            IsLookup = torch.tensor(isLookup, [b], device),
        };
    }
}
