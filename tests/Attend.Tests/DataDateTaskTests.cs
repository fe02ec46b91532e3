using Attend.Data;

namespace Attend.Tests;

public sealed class DataDateTaskTests
{
    private static readonly DateOnly May3 = new(1979, 5, 3);

    private static float[] Row(DateExample e, int t) =>
        [.. Enumerable.Range(0, e.Input.Length).Select(j => e.Alignment[t, j])];

    private static float[] Weights(int length, params (int Index, float Weight)[] entries)
    {
        var row = new float[length];
        foreach (var (i, w) in entries)
        {
            row[i] = w;
        }

        return row;
    }

    [Theory]
    [InlineData(DateFormat.DayMonthYear, "3 May 1979")]
    [InlineData(DateFormat.MonthDayYear, "May 3, 1979")]
    [InlineData(DateFormat.Slashes, "03/05/1979")]
    [InlineData(DateFormat.Dots, "3.5.1979")]
    [InlineData(DateFormat.Weekday, "Thursday, 3 May 1979")]
    [InlineData(DateFormat.Short, "3 may 79")]
    public void WritesEveryFormat(DateFormat format, string input)
    {
        var e = DateTask.Make(May3, format);
        Assert.Equal(input, e.Input);
        Assert.Equal("1979-05-03", e.Output);
        Assert.Equal([10, input.Length], [e.Alignment.GetLength(0), e.Alignment.GetLength(1)]);
        for (var t = 0; t < 10; t++)
        {
            var sum = Row(e, t).Sum();
            Assert.Equal(t is 4 or 7 ? 0f : 1f, sum, 5); // hyphens come from nothing; every digit from something
        }
    }

    [Fact]
    public void AlignsDayMonthYearByHand()
    {
        // "3 May 1979": 0 '3', 1 ' ', 2-4 "May", 5 ' ', 6-9 "1979"
        var e = DateTask.Make(May3, DateFormat.DayMonthYear);
        Assert.Equal(Weights(10, (6, 1)), Row(e, 0));          // '1' ← '1'
        Assert.Equal(Weights(10, (9, 1)), Row(e, 3));          // '9' ← '9'
        Assert.Equal(Weights(10), Row(e, 4));                  // '-' ← nothing
        var third = 1f / 3;
        Assert.Equal(Weights(10, (2, third), (3, third), (4, third)), Row(e, 5)); // '0' ← "May"
        Assert.Equal(Weights(10, (2, third), (3, third), (4, third)), Row(e, 6)); // '5' ← "May"
        Assert.Equal(Weights(10, (0, 1)), Row(e, 8));          // '0' of "03" ← '3'
        Assert.Equal(Weights(10, (0, 1)), Row(e, 9));          // '3' ← '3'
    }

    [Fact]
    public void AlignsNumericAndShortFormsByHand()
    {
        // "03/05/1979": digit by digit
        var slashes = DateTask.Make(May3, DateFormat.Slashes);
        Assert.Equal(Weights(10, (3, 1)), Row(slashes, 5));  // '0' ← '0' of "05"
        Assert.Equal(Weights(10, (4, 1)), Row(slashes, 6));  // '5' ← '5'
        Assert.Equal(Weights(10, (0, 1)), Row(slashes, 8));
        Assert.Equal(Weights(10, (1, 1)), Row(slashes, 9));
        Assert.Equal(Weights(10, (7, 1)), Row(slashes, 1));  // '9' of 1979 ← '9' at 7

        // "3 may 79": 0 '3', 2-4 "may", 6-7 "79"
        var shortForm = DateTask.Make(May3, DateFormat.Short);
        Assert.Equal(Weights(8, (6, 0.5f), (7, 0.5f)), Row(shortForm, 0)); // century '1' ← "79"
        Assert.Equal(Weights(8, (6, 0.5f), (7, 0.5f)), Row(shortForm, 1)); // century '9' ← "79"
        Assert.Equal(Weights(8, (6, 1)), Row(shortForm, 2));               // '7' ← '7'
        Assert.Equal(Weights(8, (7, 1)), Row(shortForm, 3));               // '9' ← '9'

        // Two-digit day and a 2000s year: "December 25, 2031"
        var christmas = DateTask.Make(new DateOnly(2031, 12, 25), DateFormat.MonthDayYear);
        Assert.Equal("December 25, 2031", christmas.Input);
        Assert.Equal("2031-12-25", christmas.Output);
        Assert.Equal(Weights(17, (9, 1)), Row(christmas, 8));  // '2' ← '2'
        Assert.Equal(Weights(17, (10, 1)), Row(christmas, 9)); // '5' ← '5'
        Assert.Equal(1f / 8, christmas.Alignment[5, 0]);       // month digit ← each letter of "December"
    }

    [Fact]
    public void TwoDigitYearsAreUnambiguous()
    {
        Assert.Equal("2049-12-31", DateTask.Make(new DateOnly(2049, 12, 31), DateFormat.Short).Output);
        Assert.Equal("31 dec 49", DateTask.Make(new DateOnly(2049, 12, 31), DateFormat.Short).Input);
        Assert.Equal("1 jan 50", DateTask.Make(new DateOnly(1950, 1, 1), DateFormat.Short).Input);
        Assert.Throws<ArgumentOutOfRangeException>(() => DateTask.Make(new DateOnly(1949, 12, 31), DateFormat.Short));
    }

    [Fact]
    public void GenerateIsSeededDistinctAndCoversEveryFormat()
    {
        var a = DateTask.Generate(3000, new Generator(11));
        var b = DateTask.Generate(3000, new Generator(11));
        Assert.Equal(a.Select(e => e.Input), b.Select(e => e.Input));
        Assert.NotEqual(a.Select(e => e.Input), DateTask.Generate(3000, new Generator(12)).Select(e => e.Input));
        Assert.Equal(3000, a.Select(e => e.Input).Distinct().Count());
        Assert.Equal(DateTask.Formats.Count, a.Select(e => e.Format).Distinct().Count());
        Assert.All(a, e => Assert.Equal(e.Date.ToString("yyyy-MM-dd"), e.Output));
        Assert.All(a, e => Assert.DoesNotContain(Vocabulary.UnkId, DateTask.InputVocabulary.Encode(e.InputTokens)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DateTask.Generate(DateTask.Capacity + 1, new Generator(0)));
    }

    [Fact]
    public void SplitsShareNoInput()
    {
        var splits = DateTask.GenerateSplits(2000, 300, 300, new Generator(3));
        Assert.Equal((2000, 300, 300), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        var train = splits.Train.Select(e => e.Input).ToHashSet();
        Assert.DoesNotContain(splits.Test, e => train.Contains(e.Input));
        Assert.DoesNotContain(splits.Validation, e => train.Contains(e.Input));
        Assert.Empty(splits.Validation.Select(e => e.Input).Intersect(splits.Test.Select(e => e.Input)));
    }

    [Fact]
    public void AlignmentBatchFollowsTheBatchRows()
    {
        DateExample[] examples = [DateTask.Make(May3, DateFormat.Short), DateTask.Make(May3, DateFormat.DayMonthYear)];
        var encoded = examples.Select(e => DateTask.Encode(e, DateTask.InputVocabulary, DateTask.OutputVocabulary)).ToList();
        var batch = Batch.Create(encoded, [1, 0]);
        var truth = DateTask.AlignmentBatch(examples, batch);
        Assert.Equal([2, 11, 11], truth.shape); // T = 10 + <eos>, S = 10 characters of "3 May 1979" + <eos>
        var values = truth.ToArray();
        float At(int b, int t, int s) => values[(((b * 11) + t) * 11) + s];

        Assert.Equal(1f, At(0, 0, 6));   // row 0 is "3 May 1979": '1' ← '1'
        Assert.Equal(1f, At(0, 10, 10)); // its <eos> ← the source's <eos>
        Assert.Equal(0.5f, At(1, 0, 6)); // row 1 is "3 may 79": century ← "79"
        Assert.Equal(1f, At(1, 10, 8));  // <eos> of row 1 at its source <eos>, position 8
        Assert.Equal(0f, At(1, 10, 10)); // padding
        Assert.Equal(18f, values.Sum(), 4); // per example: 8 digit rows and the <eos> row sum to 1, hyphens to 0
    }
}
