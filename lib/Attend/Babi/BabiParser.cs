using System.Globalization;

namespace Attend.Babi;

/// <summary>
/// Reads the bAbI v1.2 text format: <c>ID text</c> statements and <c>ID question&lt;TAB&gt;answer&lt;TAB&gt;ids</c>
/// questions, where the id counts up from 1 inside a story and a 1 starts a new story. Every question becomes a
/// <see cref="BabiQuestion"/> holding the statements before it. A line that breaks the format is an error naming
/// the file and the line number.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1.</remarks>
public static class BabiParser
{
    private static readonly char[] Separators = [' ', '\t', '.', '?', '!'];

    /// <summary>Parses the questions of task <paramref name="task"/> from <paramref name="reader"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="FormatException">A malformed line: the message names <paramref name="name"/> and the line number.</exception>
    public static IReadOnlyList<BabiQuestion> Parse(TextReader reader, string name, int task)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var questions = new List<BabiQuestion>();
        var story = new List<string[]>();
        var storyIds = new List<int>();
        var previousId = 0;
        var number = 0;
        var storyLine = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ');
            if (space <= 0 || !int.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                throw Error(name, number, line, "expected a line id (a positive whole number) followed by a space");
            }

            if (id == 1)
            {
                story.Clear();
                storyIds.Clear();
                storyLine = number;
            }
            else if (id != previousId + 1)
            {
                throw Error(name, number, line, $"line id {id} should be 1 (a new story) or {previousId + 1} (the next line of the story)");
            }

            previousId = id;
            var text = line[(space + 1)..];
            if (!text.Contains('\t'))
            {
                story.Add(Words(text));
                storyIds.Add(id);
                continue;
            }

            var columns = text.Split('\t');
            if (columns.Length != 3)
            {
                throw Error(name, number, line, $"a question needs 3 tab-separated columns (question, answer, supporting ids), found {columns.Length}");
            }

            var question = Words(columns[0]);
            var answer = columns[1].Trim().Split(',', StringSplitOptions.TrimEntries);
            if (question.Length == 0 || answer.Any(a => a.Length == 0))
            {
                throw Error(name, number, line, "the question or an answer word is empty");
            }

            var supporting = new List<int>();
            foreach (var field in columns[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var fact))
                {
                    throw Error(name, number, line, $"supporting fact id \"{field}\" is not a whole number");
                }

                var index = storyIds.IndexOf(fact);
                if (index < 0)
                {
                    throw Error(name, number, line, $"supporting fact id {fact} is not a statement earlier in this story");
                }

                supporting.Add(index);
            }

            questions.Add(new BabiQuestion(task, [.. story], [.. storyIds], question,
                [.. answer.Select(a => a.ToLowerInvariant())], supporting, name, number)
            { StoryLine = storyLine });
        }

        return questions;
    }

    /// <summary>Lower-cased words without punctuation: <c>"Mary moved to the bathroom."</c> → mary moved to the bathroom.</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
    }

    private static FormatException Error(string name, int number, string line, string why)
    {
        var preview = line.Length > 80 ? line[..80] + "…" : line;
        return new FormatException($"{name} line {number}: {why}: \"{preview.Replace("\t", "<TAB>")}\"");
    }
}
