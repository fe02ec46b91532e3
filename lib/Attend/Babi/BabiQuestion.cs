namespace Attend.Babi;

/// <summary>
/// One bAbI question with the story told before it: the statements of its story that precede it (questions
/// excluded, as the papers do: earlier questions are not memories), lower-cased and split into words without
/// punctuation; the question's words; the answer (one word, or several for the lists of task 8 and the paths of
/// task 19, which are written <c>n,w</c> in the file); and the supporting facts as indices into
/// <see cref="Story"/>.
/// </summary>
/// <param name="Task">The task number, 1–20.</param>
/// <param name="Story">The statements before the question, oldest first, as words.</param>
/// <param name="StoryIds">The file's line ids of those statements (ids count up inside a story, questions included).</param>
/// <param name="Question">The question's words, e.g. <c>where is mary</c>.</param>
/// <param name="Answer">The answer's words: one, or several for tasks 8 and 19.</param>
/// <param name="Supporting">The supporting facts as indices into <see cref="Story"/>.</param>
/// <param name="Source">The file it was read from.</param>
/// <param name="Line">The question's line number in that file (1-based).</param>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1.</remarks>
public sealed record BabiQuestion(int Task, IReadOnlyList<string[]> Story, IReadOnlyList<int> StoryIds, string[] Question,
                                  string[] Answer, IReadOnlyList<int> Supporting, string Source, int Line)
{
    /// <summary>The answer as one token, its words joined by commas as in the file (<c>n,w</c>): the class a model predicts.</summary>
    public string AnswerText => string.Join(",", Answer);

    /// <summary>
    /// The line number in <see cref="Source"/> where this question's story begins (its line id 1); the questions of one
    /// story share it. 0 where unknown (a question not read from a file): it is then a story of its own.
    /// </summary>
    public int StoryLine { get; init; }

    /// <summary>The story and question as text, one numbered statement a line (for display).</summary>
    public override string ToString() =>
        string.Join("\n", Story.Select((s, i) => $"{i + 1,2} {string.Join(' ', s)}" + (Supporting.Contains(i) ? "   *" : ""))) +
        $"\n   Q: {string.Join(' ', Question)}?  A: {AnswerText}";
}
