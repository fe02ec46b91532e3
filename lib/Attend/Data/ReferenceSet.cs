namespace Attend.Data;

/// <summary>
/// A source sentence with all its translations in the corpus. eng-fra.txt often translates one English sentence
/// several ways ("I'm sad." → "Je suis triste." and "Je suis malheureux."); BLEU against all of them is fairer
/// than against one picked at random.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Source">The source tokens.</param>
/// <param name="References">Every target seen for this source, in corpus order.</param>
public sealed record ReferenceSet(string[] Source, IReadOnlyList<string[]> References)
{
    /// <summary>Groups pairs by their source sentence, in order of first appearance.</summary>
    public static IReadOnlyList<ReferenceSet> Group(IEnumerable<TokenizedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var groups = new Dictionary<string, (string[] Source, List<string[]> References)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var pair in pairs)
        {
            var key = string.Join(' ', pair.Source);
            if (!groups.TryGetValue(key, out var group))
            {
                group = (pair.Source, []);
                groups.Add(key, group);
                order.Add(key);
            }

            group.References.Add(pair.Target);
        }

        return [.. order.Select(k => new ReferenceSet(groups[k].Source, groups[k].References))];
    }

    /// <summary>The references as strings (tokens joined by spaces), the form <see cref="Bleu"/> takes.</summary>
    public IReadOnlyList<string> ReferenceTexts => [.. References.Select(r => string.Join(' ', r))];
}
