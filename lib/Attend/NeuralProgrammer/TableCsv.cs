using System.Text;

namespace Attend.NeuralProgrammer;

/// <summary>
/// The WikiTableQuestions CSV dialect (Chapter 9, §9.8): every field double-quoted, a quote inside a field written
/// \" and a backslash \\ (backslash escaping, not RFC 4180's ""), line breaks allowed inside quotes, first row the
/// header. Every row must have as many fields as the header; anything else is an error naming the file and line.
/// </summary>
public static class TableCsv
{
    /// <summary>Reads the table at <paramref name="path"/>: its header and rows of text cells.</summary>
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses CSV <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static (string[] Header, List<string[]> Rows) Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<(string[] Fields, int Line)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch == '"')
            {
                // A quoted field: read to the closing quote.
                var start = line;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i];
                    if (c == '\\' && i + 1 < text.Length)
                    {
                        field.Append(text[i + 1]);
                        line += text[i + 1] == '\n' ? 1 : 0;
                        i += 2;
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                        i++;
                    }
                }

                if (!closed)
                {
                    throw new FormatException($"{source}:{start}: a quoted field is not closed before the end of the file.");
                }

                if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    throw new FormatException($"{source}:{line}: unexpected '{text[i]}' after a closing quote (expected a comma or the end of the line).");
                }
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (ch is '\n' or '\r')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(([.. fields], recordLine));
                fields.Clear();
                i += ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            }
            else
            {
                // Unquoted text (the upstream writer quotes everything, but tolerate bare fields).
                field.Append(ch);
                i++;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(([.. fields], recordLine));
        }

        if (records.Count == 0)
        {
            throw new FormatException($"{source}:1: the table is empty (no header).");
        }

        var header = records[0].Fields;
        var rows = new List<string[]>(records.Count - 1);
        foreach (var (row, at) in records.Skip(1))
        {
            if (row.Length != header.Length)
            {
                throw new FormatException($"{source}:{at}: the row has {row.Length} fields, the header has {header.Length}.");
            }

            rows.Add(row);
        }

        return (header, rows);
    }
}
