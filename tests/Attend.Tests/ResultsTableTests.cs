using Attend.Display;
using Microsoft.Data.Analysis;

namespace Attend.Tests;

/// <summary>Results tables: a DataFrame built from records or rows, shown as HTML and as aligned text.</summary>
public class ResultsTableTests
{
    [Fact]
    public void FromRecordsMakesOneTypedColumnPerPropertyInOrder()
    {
        var table = ResultsTable.FromRecords(new[]
        {
            new { model = "Baseline", parameters = 1_234_567, test_BLEU = 12.345, kept = true },
            new { model = "Bahdanau", parameters = 2_000_000, test_BLEU = 25.5, kept = false },
        });

        var frame = table.Frame;
        Assert.Equal(["model", "parameters", "test BLEU", "kept"], frame.Columns.Select(c => c.Name));
        Assert.IsType<StringDataFrameColumn>(frame.Columns[0]);
        Assert.IsType<Int64DataFrameColumn>(frame.Columns[1]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns[2]);
        Assert.IsType<BooleanDataFrameColumn>(frame.Columns[3]);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(25.5, (double)frame.Columns["test BLEU"][1]!);
        Assert.Equal(1_234_567L, (long)frame.Columns["parameters"][0]!);
    }

    [Fact]
    public void FromRowsInfersTypesAndKeepsMissingValues()
    {
        var table = ResultsTable.FromRows(
            ["bucket", "count", "BLEU", "ratio"],
            [["5-6", 120, 20.25f, 2.0], ["7-8", 80, 18, null]]);

        Assert.IsType<StringDataFrameColumn>(table.Frame.Columns["bucket"]);
        Assert.IsType<Int64DataFrameColumn>(table.Frame.Columns["count"]);
        Assert.IsType<DoubleDataFrameColumn>(table.Frame.Columns["BLEU"]); // an int among floats makes a double column
        Assert.Equal(18.0, (double)table.Frame.Columns["BLEU"][1]!);
        Assert.Null(table.Frame.Columns["ratio"][1]);
        Assert.Equal("", table.Cell(1, "ratio"));
    }

    [Fact]
    public void TextAlignsNumbersRightAndTextLeftWithColumnFormats()
    {
        var table = ResultsTable.FromRows(["model", "BLEU", "n"], [["dot", 3.14159, 7], ["Bahdanau", 25.5, 1234]], "results")
            .Format("BLEU", "F2");

        var expected = string.Join('\n',
            "results",
            "model      BLEU     n",
            "--------  -----  ----",
            "dot        3.14     7",
            "Bahdanau  25.50  1234");
        Assert.Equal(expected, table.ToString());
    }

    [Fact]
    public void DefaultAndBulkNumberFormatsUseTheInvariantCulture()
    {
        var table = ResultsTable.FromRows(["x", "y"], [[1.0 / 3, 2.5]]);
        var comma = PlotTestHelpers.DecimalCommaCulture();
        Assert.Equal("0.3333", PlotTestHelpers.InCulture(comma, () => table.Cell(0, "x")));
        table.FormatNumbers("F1").Format("y", "F3");
        Assert.Equal(["0.3", "2.500"], PlotTestHelpers.InCulture(comma, () => new[] { table.Cell(0, "x"), table.Cell(0, "y") }));
        Assert.Contains("0.3  2.500", PlotTestHelpers.InCulture(comma, () => table.ToString()));
    }

    [Fact]
    public void HtmlIsATableWithCaptionHeaderAndEscapedCells()
    {
        var table = ResultsTable.FromRows(["name <b>", "value"], [["a & b", 1.5]], "title <x>");
        var html = table.ToHtml();

        Assert.Contains("<caption>title &lt;x&gt;</caption>", html);
        Assert.Contains("<th class=\"text\">name &lt;b&gt;</th>", html);
        Assert.Contains("<th class=\"num\">value</th>", html);
        Assert.Contains("<td class=\"text\">a &amp; b</td><td class=\"num\">1.5</td>", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void RendersThroughTheLibrarysFormatterSourceAsHtmlAndText()
    {
        var table = ResultsTable.FromRows(["a"], [[1]]);
        var formatters = new AttendFormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>().ToList();
        var html = new StringWriter();
        var text = new StringWriter();

        Assert.True(formatters.First(f => f.MimeType == AttendFormatterSource.Html && f.Format(table, html)) is not null);
        Assert.True(formatters.First(f => f.MimeType == AttendFormatterSource.PlainText && f.Format(table, text)) is not null);
        Assert.Equal(table.ToHtml(), html.ToString());
        Assert.Equal(table.ToString(), text.ToString());
        var attribute = Assert.Single(typeof(ResultsTable).GetCustomAttributes(typeof(TypeFormatterSourceAttribute), true).Cast<TypeFormatterSourceAttribute>());
        Assert.Equal([AttendFormatterSource.Html, AttendFormatterSource.PlainText], attribute.PreferredMimeTypes!);
    }

    [Fact]
    public void AnyDataFrameCanBeShown()
    {
        var frame = new DataFrame(new StringDataFrameColumn("word", ["le", "la"]), new Int32DataFrameColumn("count", [3, 2]));
        var table = frame.AsTable("counts");

        Assert.Same(frame, table.Frame);
        Assert.Equal("counts\nword  count\n----  -----\nle        3\nla        2", table.ToString());
    }

    [Fact]
    public void BadInputNamesTheArgumentAndTheSizes()
    {
        var ragged = Assert.Throws<ArgumentException>(() => ResultsTable.FromRows(["a", "b"], [[1, 2], [3]]));
        Assert.Equal("rows", ragged.ParamName);
        Assert.Contains("row 1 has 1 values for 2 columns", ragged.Message);

        var twice = Assert.Throws<ArgumentException>(() => ResultsTable.FromRows(["a", "a"], []));
        Assert.Equal("columns", twice.ParamName);
        Assert.Throws<ArgumentException>(() => ResultsTable.FromRows([], []));

        var unknown = Assert.Throws<ArgumentException>(() => ResultsTable.FromRows(["a"], [[1]]).Format("b", "F2"));
        Assert.Equal("column", unknown.ParamName);
        Assert.Contains("'a'", unknown.Message);

        Assert.Throws<ArgumentException>(() => ResultsTable.FromRecords(new[] { new object() }));
    }
}
