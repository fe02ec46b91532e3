namespace Attend.NeuralProgrammer;

/// <summary>
/// One question about one table, as the neural programmer sees it (Chapter 9, §9.1): a grid of numbers (null for an
/// empty cell), the words of each column's name, the question's words with every number replaced by
/// <see cref="NumberToken"/> (the numbers kept aside with their positions), and the answer — a scalar, or the set of
/// cells to print.
/// </summary>
/// <param name="Id">An identifier (the WikiTableQuestions id, or a running number for generated questions).</param>
/// <param name="Cells">The table, rows × columns; null where a cell holds no number.</param>
/// <param name="ColumnNames">The words of each column's header.</param>
/// <param name="Words">The question's words; numbers appear as <see cref="NumberToken"/>.</param>
/// <param name="Numbers">The numbers of the question, in order.</param>
/// <param name="NumberPositions">The index in <paramref name="Words"/> of each number's token.</param>
/// <param name="Scalar">The answer when it is a number computed from the table (count, sum, average); else null.</param>
/// <param name="Lookup">The answer when it is a set of cells, rows × columns, true for the cells to print; else null.</param>
/// <param name="Program">The program that produced the answer, when known (generated questions), for display.</param>
public sealed record TableQuestion(
    string Id,
    float?[,] Cells,
    string[][] ColumnNames,
    string[] Words,
    float[] Numbers,
    int[] NumberPositions,
    float? Scalar,
    bool[,]? Lookup,
    string? Program = null)
{
    /// <summary>The token that stands for a number in <see cref="Words"/>.</summary>
    public const string NumberToken = "<num>";

    /// <summary>The number of rows.</summary>
    public int Rows => Cells.GetLength(0);

    /// <summary>The number of columns.</summary>
    public int Columns => Cells.GetLength(1);

    /// <summary>Whether the answer is a set of cells (else a scalar).</summary>
    public bool IsLookup => Lookup is not null;

    /// <summary>The question as text, numbers put back in place.</summary>
    public string Text
    {
        get
        {
            var words = (string[])Words.Clone();
            for (var k = 0; k < Numbers.Length; k++)
            {
                words[NumberPositions[k]] = Numbers[k].ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return string.Join(' ', words);
        }
    }
}
