namespace Attend.Babi;

/// <summary>
/// The words of bAbI stories, questions and answers ↔ ids. Id 0 is <c>&lt;nil&gt;</c>, the padding of short
/// sentences and empty memory slots; id 1 is <c>&lt;unk&gt;</c> for a word never seen (a story a learner types).
/// An answer is one token: a multi-word answer of tasks 8 and 19 is its words joined by commas (<c>n,w</c>), so the
/// model picks it as one class, as the papers' models do. Ids are given in ordinal order of the words, so the same
/// questions always give the same vocabulary.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1.</remarks>
public sealed class BabiVocabulary
{
    /// <summary>The padding word, id 0.</summary>
    public const string Nil = "<nil>";

    /// <summary>The unknown word, id 1.</summary>
    public const string Unknown = "<unk>";

    private readonly Dictionary<string, int> ids;
    private readonly string[] words;

    private BabiVocabulary(IEnumerable<string> words)
    {
        this.words = [Nil, Unknown, .. words.Distinct().Order(StringComparer.Ordinal)];
        ids = this.words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
    }

    /// <summary>Every word of the stories, questions and answers of <paramref name="questions"/>.</summary>
    public static BabiVocabulary Build(IEnumerable<BabiQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        return new BabiVocabulary(questions.SelectMany(q => q.Story.SelectMany(s => s).Concat(q.Question).Append(q.AnswerText)));
    }

    /// <summary>The number of ids.</summary>
    public int Count => words.Length;

    /// <summary>The id of <paramref name="word"/> (1, <c>&lt;unk&gt;</c>, when unknown).</summary>
    public int this[string word] => ids.TryGetValue(word, out var id) ? id : 1;

    /// <summary>Whether <paramref name="word"/> has an id of its own.</summary>
    public bool Contains(string word) => ids.ContainsKey(word);

    /// <summary>The word of <paramref name="id"/>.</summary>
    public string Word(int id) => id >= 0 && id < words.Length ? words[id]
        : throw new ArgumentOutOfRangeException(nameof(id), $"BabiVocabulary: id {id} is outside 0–{words.Length - 1}.");

    /// <summary>
    /// Encodes a question for a memory network: its story's most recent <paramref name="window"/> statements
    /// (50 in the MemN2N paper; older ones are dropped, with any supporting fact among them), the question and the
    /// answer as ids.
    /// </summary>
    public BabiEncoded Encode(BabiQuestion question, int window = 50)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"Encode: the memory window must hold at least one sentence, got {window}.");
        }

        var start = Math.Max(0, question.Story.Count - window);
        var sentences = question.Story.Skip(start).Select(s => s.Select(w => this[w]).ToArray()).ToArray();
        var supporting = question.Supporting.Where(i => i >= start).Select(i => i - start).ToArray();
        return new BabiEncoded(sentences, [.. question.Question.Select(w => this[w])], this[question.AnswerText], supporting,
            question.Task, start);
    }
}

/// <summary>
/// A bAbI question as ids: the memory (the story's last statements, oldest first), the question, the answer's
/// class and the supporting facts as indices into <see cref="Sentences"/>.
/// </summary>
/// <param name="Sentences">The statements kept in memory, oldest first, as word ids.</param>
/// <param name="Question">The question's word ids.</param>
/// <param name="Answer">The answer's id (one class, also for multi-word answers).</param>
/// <param name="Supporting">The supporting facts still inside the window, as indices into <see cref="Sentences"/>.</param>
/// <param name="Task">The task number, 1–20.</param>
/// <param name="Offset">How many older statements the window dropped: sentence i is statement i + Offset of the story.</param>
/// <remarks>Chapter 6, §6.1.</remarks>
public sealed record BabiEncoded(int[][] Sentences, int[] Question, int Answer, int[] Supporting, int Task, int Offset);
