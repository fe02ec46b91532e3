using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Data.Analysis;

namespace Attend.Display;

/// <summary>
/// A chapter's results table: a <see cref="Microsoft.Data.Analysis.DataFrame"/> (the .NET counterpart of a pandas
/// DataFrame, which a learner can sort, filter and export) together with how to show it. In a notebook it renders as
/// an HTML table (VS Code, Jupyter, the course's runner and its HTML export) and as aligned plain text (consoles,
/// GitHub, diffs); <c>Console.WriteLine(table)</c> prints the text. Used for the model comparisons and per-length
/// tables from Chapter 3 (§3.6, §3.8) on.
/// </summary>
/// <remarks>
/// The DataFrame itself carries no formatter the course can rely on: the package's own kernel extension formats it
/// only when the package is loaded with <c>#r "nuget: …"</c>, and the course loads the library from a path. So the
/// table is a library type that renders itself through <see cref="AttendFormatterSource"/>, like the plots.
/// </remarks>
/// <example>
/// <code>
/// var table = ResultsTable.FromRecords(runs.Select(r => new { model = r.Name, parameters = r.Count, test_BLEU = r.Bleu }))
///     .Format("test BLEU", "F2");
/// display(table);             // HTML table + text
/// table.Frame.OrderByDescending("test BLEU");  // a DataFrame to work with
/// </code>
/// </example>
[TypeFormatterSource(typeof(AttendFormatterSource), PreferredMimeTypes = [AttendFormatterSource.Html, AttendFormatterSource.PlainText])]
public sealed class ResultsTable : IRichDisplay
{
    /// <summary>The format of a floating-point column that names none with <see cref="Format"/>.</summary>
    public const string DefaultNumberFormat = "G4";

    /// <summary>The CSS of the table, scoped to its class so that it cannot restyle the rest of a notebook.</summary>
    private const string Style =
        "<style>.attend-table table{border-collapse:collapse;margin:4px 0;font-size:13px}" +
        ".attend-table caption{text-align:left;font-weight:bold;padding:2px 0}" +
        ".attend-table th,.attend-table td{padding:2px 10px;border-bottom:1px solid #ddd}" +
        ".attend-table th{border-bottom:2px solid #999}" +
        ".attend-table .num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".attend-table .text{text-align:left}</style>";

    private readonly Dictionary<string, string> formats = new(StringComparer.Ordinal);

    /// <summary>Shows <paramref name="frame"/> (the same object: later changes to it show too).</summary>
    /// <param name="frame">The data.</param>
    /// <param name="title">A caption above the table, or none.</param>
    public ResultsTable(DataFrame frame, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Frame = frame;
        Title = title;
    }

    /// <summary>The data, as a Microsoft.Data.Analysis DataFrame.</summary>
    public DataFrame Frame { get; }

    /// <summary>A caption above the table, or null for none.</summary>
    public string? Title { get; set; }

    /// <summary>
    /// Builds a table from records, one row each: a column per public readable property, in declaration order, named
    /// after the property with underscores shown as spaces (so an anonymous type's <c>test_BLEU</c> heads a column
    /// "test BLEU"). Integers become <see cref="Int64DataFrameColumn"/>, floating-point numbers
    /// <see cref="DoubleDataFrameColumn"/>, booleans <see cref="BooleanDataFrameColumn"/>, anything else text.
    /// </summary>
    /// <exception cref="ArgumentException">The record type has no public properties, or two that name the same column.</exception>
    public static ResultsTable FromRecords<T>(IEnumerable<T> rows, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken) // declaration order, whatever the reflection cache returns
            .ToArray();
        if (properties.Length == 0)
        {
            throw new ArgumentException($"ResultsTable.FromRecords: {typeof(T).Name} has no public properties to make columns of.", nameof(rows));
        }

        var names = properties.Select(p => p.Name.Replace('_', ' ')).ToArray();
        var values = rows.Select(row => (IReadOnlyList<object?>)properties.Select(p => row is null ? null : p.GetValue(row)).ToArray());
        return FromRows(names, values, title);
    }

    /// <summary>
    /// Builds a table from column names and rows of values (one value per column, null for a missing one). Each
    /// column's type follows its values: all whole numbers (int, long, …) make an <see cref="Int64DataFrameColumn"/>,
    /// numbers with any float or double among them a <see cref="DoubleDataFrameColumn"/>, all booleans a
    /// <see cref="BooleanDataFrameColumn"/>, anything else (enums, strings, mixtures) a <see cref="StringDataFrameColumn"/>
    /// of the values' invariant-culture text.
    /// </summary>
    /// <exception cref="ArgumentException">No columns, an empty or repeated column name, or a row whose length is not the number of columns.</exception>
    public static ResultsTable FromRows(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0)
        {
            throw new ArgumentException("ResultsTable.FromRows: a table needs at least one column.", nameof(columns));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            if (string.IsNullOrWhiteSpace(columns[c]))
            {
                throw new ArgumentException($"ResultsTable.FromRows: column {c} has no name.", nameof(columns));
            }

            if (!seen.Add(columns[c]))
            {
                throw new ArgumentException($"ResultsTable.FromRows: the column name '{columns[c]}' appears twice (a DataFrame's names must be unique).", nameof(columns));
            }
        }

        var table = new List<IReadOnlyList<object?>>();
        foreach (var row in rows)
        {
            if (row is null || row.Count != columns.Count)
            {
                throw new ArgumentException(
                    $"ResultsTable.FromRows: row {table.Count} has {row?.Count.ToString(CultureInfo.InvariantCulture) ?? "no"} values for {columns.Count} columns ({string.Join(", ", columns)}).",
                    nameof(rows));
            }

            table.Add(row);
        }

        var frame = new DataFrame(columns.Select((name, c) => MakeColumn(name, table.Select(r => r[c]).ToList())));
        return new ResultsTable(frame, title);
    }

    /// <summary>
    /// Shows <paramref name="column"/> with the .NET numeric format <paramref name="format"/> ("F2", "N0", "P1", …),
    /// in the invariant culture. Returns this table, so calls chain.
    /// </summary>
    /// <exception cref="ArgumentException">The table has no such column, or the format is empty.</exception>
    public ResultsTable Format(string column, string format)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentException.ThrowIfNullOrEmpty(format);
        if (!Frame.Columns.Any(c => c.Name == column))
        {
            throw new ArgumentException(
                $"ResultsTable.Format: no column '{column}'; the columns are {string.Join(", ", Frame.Columns.Select(c => $"'{c.Name}'"))}.",
                nameof(column));
        }

        formats[column] = format;
        return this;
    }

    /// <summary>Shows every floating-point column with <paramref name="format"/> (columns named in <see cref="Format"/> later override it).</summary>
    public ResultsTable FormatNumbers(string format)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        foreach (var column in Frame.Columns.Where(IsFloating))
        {
            formats[column.Name] = format;
        }

        return this;
    }

    /// <summary>The text a cell shows: empty for a missing value, numbers in the column's format, invariant culture.</summary>
    public string Cell(long row, string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Frame.Rows.Count);
        var data = Frame.Columns.FirstOrDefault(c => c.Name == column)
                   ?? throw new ArgumentException($"ResultsTable.Cell: no column '{column}'.", nameof(column));
        return Text(data, row);
    }

    /// <inheritdoc/>
    public string ToHtml()
    {
        var html = new StringBuilder(Style).Append("<div class=\"attend-table\"><table>");
        if (!string.IsNullOrEmpty(Title))
        {
            html.Append("<caption>").Append(HtmlText.Encode(Title)).Append("</caption>");
        }

        html.Append("<thead><tr>");
        foreach (var column in Frame.Columns)
        {
            html.Append("<th class=\"").Append(IsText(column) ? "text" : "num").Append("\">").Append(HtmlText.Encode(column.Name)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (long r = 0; r < Frame.Rows.Count; r++)
        {
            html.Append("<tr>");
            foreach (var column in Frame.Columns)
            {
                html.Append("<td class=\"").Append(IsText(column) ? "text" : "num").Append("\">").Append(HtmlText.Encode(Text(column, r))).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>
    /// The table as aligned plain text: the title, a header row, a rule, then one line per row; text columns are
    /// left-aligned and numbers right-aligned, columns two spaces apart.
    /// </summary>
    public override string ToString()
    {
        var columns = Frame.Columns.ToList();
        var cells = columns.Select(c => Enumerable.Range(0, (int)Frame.Rows.Count).Select(r => Text(c, r)).ToList()).ToList();
        var widths = columns.Select((c, k) => Math.Max(c.Name.Length, cells[k].Count == 0 ? 0 : cells[k].Max(s => s.Length))).ToList();
        string Pad(string s, int k) => IsText(columns[k]) ? s.PadRight(widths[k]) : s.PadLeft(widths[k]);

        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(Title))
        {
            text.Append(Title).Append('\n');
        }

        text.Append(string.Join("  ", columns.Select((c, k) => Pad(c.Name, k))).TrimEnd()).Append('\n');
        text.Append(string.Join("  ", widths.Select(w => new string('-', w))));
        for (var r = 0; r < Frame.Rows.Count; r++)
        {
            text.Append('\n').Append(string.Join("  ", columns.Select((_, k) => Pad(cells[k][r], k))).TrimEnd());
        }

        return text.ToString();
    }

    private static DataFrameColumn MakeColumn(string name, List<object?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        if (present.Count > 0 && present.All(IsWhole))
        {
            return new Int64DataFrameColumn(name, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)));
        }

        if (present.Count > 0 && present.All(v => IsWhole(v) || v is float or double or decimal))
        {
            return new DoubleDataFrameColumn(name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture)));
        }

        if (present.Count > 0 && present.All(v => v is bool))
        {
            return new BooleanDataFrameColumn(name, values.Select(v => (bool?)v));
        }

        return new StringDataFrameColumn(name, values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture)));
    }

    private static bool IsWhole(object? v) => v is sbyte or byte or short or ushort or int or uint or long;

    private static bool IsFloating(DataFrameColumn column) =>
        column.DataType == typeof(double) || column.DataType == typeof(float) || column.DataType == typeof(decimal);

    private static bool IsText(DataFrameColumn column) => column.DataType == typeof(string) || column.DataType == typeof(bool);

    private string Text(DataFrameColumn column, long row)
    {
        var value = column[row];
        if (value is null)
        {
            return "";
        }

        var format = formats.GetValueOrDefault(column.Name) ?? (IsFloating(column) ? DefaultNumberFormat : null);
        return value is IFormattable formattable
            ? formattable.ToString(format, CultureInfo.InvariantCulture)
            : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
    }
}

/// <summary>Shows any DataFrame as a course results table (Chapter 3, §3.6).</summary>
public static class DataFrameDisplay
{
    /// <summary>Wraps <paramref name="frame"/> in a <see cref="ResultsTable"/>, which renders as HTML and text in notebooks.</summary>
    public static ResultsTable AsTable(this DataFrame frame, string? title = null) => new(frame, title);
}
