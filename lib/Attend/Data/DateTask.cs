namespace Attend.Data;

/// <summary>
/// A translation task whose perfect alignment is known: rewrite a date written by a person ("3 May 1979",
/// "May 3, 1979", "03/05/1979", "3.5.1979", "Thursday, 3 May 1979", "3 may 79") as ISO 8601 "1979-05-03",
/// character by character. Because we know which input characters each output character comes from
/// (<see cref="DateExample.Alignment"/>), we can measure how close a model's attention is to the truth, and train
/// it toward the truth (guided alignment). Dates lie in 1950–2049, so a two-digit year is never ambiguous.
/// <code>
/// var data = DateTask.GenerateSplits(train: 20_000, validation: 1_000, test: 1_000, new Generator(7));
/// var (inVocab, outVocab) = (DateTask.InputVocabulary, DateTask.OutputVocabulary);
/// var examples = data.Train.Select(e => DateTask.Encode(e, inVocab, outVocab)).ToList();
/// </code>
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
public static class DateTask
{
    /// <summary>The earliest date generated.</summary>
    public static DateOnly First { get; } = new(1950, 1, 1);

    /// <summary>The latest date generated.</summary>
    public static DateOnly Last { get; } = new(2049, 12, 31);

    /// <summary>Every input format, in the order <see cref="Generate"/> draws from.</summary>
    public static IReadOnlyList<DateFormat> Formats { get; } = Enum.GetValues<DateFormat>();

    private static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>Every character an input can hold, one token each (ids in ordinal order after the specials).</summary>
    public static Vocabulary InputVocabulary { get; } = Vocabulary.FromTokens(
        MonthNames.Concat(Enum.GetNames<DayOfWeek>()).Concat(["0123456789 ,/."])
            .SelectMany(s => s.ToLowerInvariant() + s).Distinct().Order().Select(c => c.ToString()));

    /// <summary>Every character an output can hold: the ten digits and "-".</summary>
    public static Vocabulary OutputVocabulary { get; } = Vocabulary.FromTokens("-0123456789".Select(c => c.ToString()));

    /// <summary>The number of different inputs there are: one per date and format.</summary>
    public static int Capacity => (Last.DayNumber - First.DayNumber + 1) * Formats.Count;

    /// <summary>
    /// <paramref name="count"/> examples with uniformly random dates and formats, no input text twice.
    /// The same seed gives the same examples.
    /// </summary>
    public static IReadOnlyList<DateExample> Generate(int count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count < 0 || count > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"DateTask.Generate: count ({count}) must be between 0 and {Capacity}, the number of distinct inputs.");
        }

        var days = Last.DayNumber - First.DayNumber + 1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<DateExample>(count);
        while (result.Count < count)
        {
            var date = DateOnly.FromDayNumber(First.DayNumber + generator.NextInt(0, days));
            var format = Formats[generator.NextInt(0, Formats.Count)];
            var example = Make(date, format);
            if (seen.Add(example.Input))
            {
                result.Add(example);
            }
        }

        return result;
    }

    /// <summary>Three disjoint sets drawn as one <see cref="Generate"/> call, then cut in order.</summary>
    public static DateSplits GenerateSplits(int train, int validation, int test, Generator generator)
    {
        if (train < 0 || validation < 0 || test < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(train),
                $"DateTask.GenerateSplits: sizes must be non-negative, got {train}, {validation}, {test}.");
        }

        var all = Generate(train + validation + test, generator);
        return new DateSplits([.. all.Take(train)], [.. all.Skip(train).Take(validation)], [.. all.Skip(train + validation)]);
    }

    /// <summary>Writes <paramref name="date"/> in <paramref name="format"/> and works out the true alignment.</summary>
    public static DateExample Make(DateOnly date, DateFormat format)
    {
        if (date < First || date > Last)
        {
            throw new ArgumentOutOfRangeException(nameof(date), $"DateTask.Make: {date:yyyy-MM-dd} is outside {First:yyyy}–{Last:yyyy}.");
        }

        var month = MonthNames[date.Month - 1];
        var input = new InputBuilder();
        switch (format)
        {
            case DateFormat.DayMonthYear:
                input.Day($"{date.Day}").Text(" ").Month(month).Text(" ").Year($"{date.Year}");
                break;
            case DateFormat.MonthDayYear:
                input.Month(month).Text(" ").Day($"{date.Day}").Text(", ").Year($"{date.Year}");
                break;
            case DateFormat.Slashes:
                input.Day($"{date.Day:D2}").Text("/").Month($"{date.Month:D2}").Text("/").Year($"{date.Year}");
                break;
            case DateFormat.Dots:
                input.Day($"{date.Day}").Text(".").Month($"{date.Month}").Text(".").Year($"{date.Year}");
                break;
            case DateFormat.Weekday:
                input.Text($"{date.DayOfWeek}, ").Day($"{date.Day}").Text(" ").Month(month).Text(" ").Year($"{date.Year}");
                break;
            case DateFormat.Short:
                input.Day($"{date.Day}").Text(" ").Month(month[..3].ToLowerInvariant()).Text(" ").Year($"{date.Year % 100:D2}");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), $"DateTask.Make: unknown format {format}.");
        }

        var text = input.ToString();
        var output = $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";
        var alignment = new float[output.Length, text.Length];
        Align(alignment, outputStart: 0, width: 4, input.YearSpan, text);  // YYYY
        Align(alignment, outputStart: 5, width: 2, input.MonthSpan, text); // MM
        Align(alignment, outputStart: 8, width: 2, input.DaySpan, text);   // DD
        return new DateExample(date, format, text, output, alignment);
    }

    // Output characters [outputStart, outputStart + width) come from the input span. A number written with as many
    // digits as the output field is copied digit by digit. A shorter number ("3" for "03", "79" for "1979") fills
    // the last digits one by one, and the leading ones (the padding "0", the century "19") depend on the whole
    // number. A month name gives both month digits, from all of its letters.
    private static void Align(float[,] alignment, int outputStart, int width, (int Start, int Length) span, string text)
    {
        var numeric = text.Substring(span.Start, span.Length).All(char.IsAsciiDigit);
        var copied = numeric ? Math.Min(width, span.Length) : 0;
        for (var k = 0; k < width; k++)
        {
            var row = outputStart + k;
            var fromEnd = width - k; // 1 for the last output digit
            if (fromEnd <= copied)
            {
                alignment[row, span.Start + span.Length - fromEnd] = 1;
            }
            else
            {
                for (var j = 0; j < span.Length; j++)
                {
                    alignment[row, span.Start + j] = 1f / span.Length; // each row sums to 1
                }
            }
        }
    }

    /// <summary>An example as ids through the two vocabularies (characters → ids), for <see cref="Batch"/>.</summary>
    public static EncodedPair Encode(DateExample example, Vocabulary input, Vocabulary output)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return new EncodedPair(input.Encode(example.InputTokens), output.Encode(example.OutputTokens));
    }

    /// <summary>
    /// The true alignments of a batch built from these examples, [B, T, S] like the attention weights of a decoder
    /// fed <see cref="Batch.TargetIn"/>: row t is the alignment of <see cref="Batch.TargetOut"/>[t]. The final
    /// &lt;eos&gt; row points at the source's &lt;eos&gt; (when the batch has one); padding rows are zero.
    /// </summary>
    public static Tensor AlignmentBatch(IReadOnlyList<DateExample> examples, Batch batch, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(batch);
        var (b, s, t) = (batch.Size, batch.Source.shape[1], batch.TargetIn.shape[1]);
        var values = new float[b * t * s];
        for (var r = 0; r < b; r++)
        {
            var example = examples[batch.Indices[r]];
            var (rows, columns) = (example.Alignment.GetLength(0), example.Alignment.GetLength(1));
            if (rows + 1 != batch.TargetLengths[r] || columns + (batch.SourceEos ? 1 : 0) != batch.SourceLengths[r])
            {
                throw new ArgumentException(
                    $"DateTask.AlignmentBatch: example {batch.Indices[r]} (\"{example.Input}\") does not match row {r} of " +
                    "the batch: build the batch from these examples, encoded with DateTask.Encode, in the same order.");
            }

            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    values[(((r * t) + i) * s) + j] = example.Alignment[i, j];
                }
            }

            if (batch.SourceEos)
            {
                values[(((r * t) + rows) * s) + columns] = 1; // <eos> is emitted when the input's <eos> is read
            }
        }

        return torch.tensor(values, [b, t, s], device);
    }

    // Builds the input text and remembers where the day, month and year were written.
    private sealed class InputBuilder
    {
        private readonly System.Text.StringBuilder text = new();

        public (int Start, int Length) DaySpan { get; private set; }

        public (int Start, int Length) MonthSpan { get; private set; }

        public (int Start, int Length) YearSpan { get; private set; }

        public InputBuilder Text(string s)
        {
            text.Append(s);
            return this;
        }

        public InputBuilder Day(string s)
        {
            DaySpan = (text.Length, s.Length);
            return Text(s);
        }

        public InputBuilder Month(string s)
        {
            MonthSpan = (text.Length, s.Length);
            return Text(s);
        }

        public InputBuilder Year(string s)
        {
            YearSpan = (text.Length, s.Length);
            return Text(s);
        }

        public override string ToString() => text.ToString();
    }
}
