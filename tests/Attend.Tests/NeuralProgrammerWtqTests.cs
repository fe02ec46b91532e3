using Attend.NeuralProgrammer;

namespace Attend.Tests;

/// <summary>The WikiTableQuestions loader on hand-written files, and on the real split when the data is beside the repository (Chapter 9, §9.8).</summary>
public sealed class NeuralProgrammerWtqTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "attend-wtq-" + Guid.NewGuid().ToString("N"));

    public NeuralProgrammerWtqTests() => Directory.CreateDirectory(Path.Combine(root, "csv", "200-csv"));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void CellNumbersWithUnitsCurrencyAndThousands()
    {
        Assert.Equal(7169f, CellNumber.Parse("7,169"));
        Assert.Equal(1200f, CellNumber.Parse("$1,200"));
        Assert.Equal(45f, CellNumber.Parse("45%"));
        Assert.Equal(12.5f, CellNumber.Parse(" 12.5 km "));
        Assert.Equal(4f, CellNumber.Parse("4th"));
        Assert.Equal(-3f, CellNumber.Parse("−3"));
        Assert.Null(CellNumber.Parse("4th, Western"));
        Assert.Null(CellNumber.Parse("2001–02"));
        Assert.Null(CellNumber.Parse("1:23.4"));
        Assert.Null(CellNumber.Parse("3 million"));
        Assert.Null(CellNumber.Parse(""));
        Assert.Null(CellNumber.Parse("Bangkok"));
    }

    [Fact]
    public void CsvWithQuotedCommasEscapesEmptyCellsAndLineBreaks()
    {
        var (header, rows) = TableCsv.Parse(
            "\"Year\",\"Team, city\",\"Note\"\n" +
            "\"2001\",\"Derby, UK\",\"said \\\"hi\\\"\"\n" +
            "\"2002\",\"\",\"two\nlines\"\n" +
            "\"2003\",\"Leeds\",\"back\\\\slash\"\n", "t.csv");
        Assert.Equal(["Year", "Team, city", "Note"], header);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["2001", "Derby, UK", "said \"hi\""], rows[0]);
        Assert.Equal(["2002", "", "two\nlines"], rows[1]);
        Assert.Equal("back\\slash", rows[2][2]);
    }

    [Fact]
    public void MalformedTablesNameTheFileAndLine()
    {
        var path = Write("csv/200-csv/bad.csv", "\"a\",\"b\"\n\"1\",\"2\"\n\"3\"\n");
        var e = Assert.Throws<FormatException>(() => TableCsv.Read(path));
        Assert.Contains("bad.csv:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 fields, the header has 2", e.Message, StringComparison.Ordinal);
        var open = Write("csv/200-csv/open.csv", "\"a\",\"b\"\n\"1\",\"2\n");
        e = Assert.Throws<FormatException>(() => TableCsv.Read(open));
        Assert.Contains("open.csv:2", e.Message, StringComparison.Ordinal);
        Assert.Contains("not closed", e.Message, StringComparison.Ordinal);
        var junk = Write("csv/200-csv/junk.csv", "\"a\",\"b\"\n\"1\"x,\"2\"\n");
        e = Assert.Throws<FormatException>(() => TableCsv.Read(junk));
        Assert.Contains("junk.csv:2", e.Message, StringComparison.Ordinal);
        var tsv = Write("data/training.tsv", "id\tutterance\tcontext\ttargetValue\nnt-0\tq\tcsv/200-csv/0.csv\n");
        e = Assert.Throws<FormatException>(() => WikiTableQuestions.ReadQuestions(tsv));
        Assert.Contains("training.tsv:2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoaderKeepsNumericColumnsAndCountsWhatItDrops()
    {
        Write("csv/200-csv/0.csv",
            "\"Year\",\"Club\",\"Attendance\",\"Distance\"\n" +
            "\"2001\",\"Derby, UK\",\"7,169\",\"12 km\"\n" +
            "\"2002\",\"Leeds\",\"\",\"8.5 km\"\n" +
            "\"2003\",\"York\",\"5,871\",\"n/a\"\n");
        Write("csv/200-csv/1.csv", "\"Name\",\"City\"\n\"A\",\"B\"\n");
        Write(WikiTableQuestions.TrainingFile,
            "id\tutterance\tcontext\ttargetValue\n" +
            "nt-0\thow many years had attendance over 6,000?\tcsv/200-csv/0.csv\t1\n" +
            "nt-1\twhich years were after 2001?\tcsv/200-csv/0.csv\t2002|2003\n" +
            "nt-2\twhich club came first?\tcsv/200-csv/0.csv\tDerby, UK\n" +
            "nt-3\twho is a?\tcsv/200-csv/1.csv\tB\n" +
            "nt-4\ta pipe\\p and a\\nline\tcsv/200-csv/0.csv\t7,169\n" +
            "nt-5\twhich values are 12 or 2002?\tcsv/200-csv/0.csv\t12 km|2002\n" +
            "nt-6\twhat year?\tcsv/200-csv/2.csv\t3\n" +
            "nt-7\twhich years?\tcsv/200-csv/2.csv\t3|5\n");
        // Table 2: "3" is in both columns; "3|5" only in Year.
        Write("csv/200-csv/2.csv", "\"Year\",\"Rank\"\n\"3\",\"3\"\n\"5\",\"1\"\n\"7\",\"2\"\n");
        var (questions, report) = WikiTableQuestions.Load(root, WikiTableQuestions.TrainingFile);
        Assert.Equal(8, report.Read);
        Assert.Equal(5, report.Kept);
        Assert.Equal(3, report.Scalar);
        Assert.Equal(2, report.Lookup);
        Assert.Equal(1, report.Dropped["answer cells in more than one column"]); // nt-5: "12 km" in Distance, 2002 in Year
        Assert.Equal(1, report.Dropped["answer not a number and not in a numeric column"]);
        Assert.Equal(1, report.Dropped["table has no numeric column"]);
        Assert.Equal(1, report.UnparsedCells); // "n/a" in Distance
        Assert.Equal((5, 3), report.Columns); // Year, Attendance, Distance, and table 2's Year and Rank kept; Club, Name, City dropped

        var q0 = questions[0];
        Assert.Equal(["year"], q0.ColumnNames[0]);
        Assert.Equal(2001f, q0.Cells[0, 0]);
        Assert.Equal(7169f, q0.Cells[0, 1]);
        Assert.Null(q0.Cells[1, 1]);
        Assert.Equal(12f, q0.Cells[0, 2]);
        Assert.Null(q0.Cells[2, 2]);
        Assert.Equal(["how", "many", "years", "had", "attendance", "over", TableQuestion.NumberToken], q0.Words);
        Assert.Equal([6000f], q0.Numbers);
        Assert.Equal([6], q0.NumberPositions);
        Assert.Equal(1f, q0.Scalar);

        var q1 = questions[1]; // two answers: the Year cells of rows 1 and 2
        Assert.True(q1.Lookup![1, 0] && q1.Lookup[2, 0]);
        Assert.Equal(2, q1.Lookup.Cast<bool>().Count(v => v));
        Assert.Equal(7169f, questions[2].Scalar);
        Assert.Equal(3f, questions[3].Scalar); // a single number is a scalar target
        var q4 = questions[4]; // "3|5": only the Year column holds both, so only Year's cells are the target
        Assert.True(q4.Lookup![0, 0] && q4.Lookup[1, 0]);
        Assert.Equal(2, q4.Lookup.Cast<bool>().Count(v => v));
        Assert.Equal("a pipe| and a\nline", WikiTableQuestions.ReadQuestions(Path.Combine(root, WikiTableQuestions.TrainingFile))[4].Utterance);
    }

    [Fact]
    public void RealTestSplitLoadsWhenTheDataIsPresent()
    {
        string folder;
        try
        {
            folder = WikiTableQuestions.Locate();
        }
        catch (FileNotFoundException)
        {
            return; // the data is not beside this checkout; the hand-written tests above cover the loader
        }

        var (questions, report) = WikiTableQuestions.Load(folder, WikiTableQuestions.TestFile);
        Assert.Equal(4344, report.Read);
        Assert.Equal(report.Read, report.Kept + report.Dropped.Values.Sum());
        Assert.True(report.Kept > 1000, report.ToString());
        Assert.All(questions, q => Assert.True(q.Rows <= 50 && q.Columns > 0));
    }
}
