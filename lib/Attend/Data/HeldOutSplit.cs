namespace Attend.Data;

/// <summary>
/// Train, validation and test sets for the sentence-length experiment (Bahdanau et al.'s figure: does attention
/// keep translating well when sentences get longer than any seen in training?). <see cref="ByLength"/> keeps
/// pairs of at most <see cref="TrainMaxTokens"/> tokens for <see cref="Train"/>, <see cref="Validation"/> and
/// <see cref="Test"/> (a seeded random split), and puts the longer pairs, up to <see cref="LongMaxTokens"/>, in
/// <see cref="Long"/>: a test set of lengths the model has never seen.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Train">Short pairs to train on.</param>
/// <param name="Validation">Short pairs for model selection.</param>
/// <param name="Test">Short pairs held out.</param>
/// <param name="Long">Pairs longer than any in training, held out.</param>
/// <param name="TrainMaxTokens">The longest side of a training pair.</param>
/// <param name="LongMaxTokens">The longest side of a pair in <see cref="Long"/>.</param>
public sealed record HeldOutSplit(
    IReadOnlyList<TokenizedPair> Train,
    IReadOnlyList<TokenizedPair> Validation,
    IReadOnlyList<TokenizedPair> Test,
    IReadOnlyList<TokenizedPair> Long,
    int TrainMaxTokens,
    int LongMaxTokens)
{
    /// <summary>
    /// Splits <paramref name="pairs"/> by length. A pair's length is its longer side
    /// (<see cref="TokenizedPair.Length"/>), so neither the encoder nor the decoder trains on a long sentence.
    /// Pairs that share a source sentence (several translations of it) stay together — in one split, with the
    /// length of the longest — so no test sentence was seen in training with another translation. The short groups
    /// are shuffled with <paramref name="generator"/> and cut: the first <paramref name="testFraction"/> of them
    /// go to <see cref="Test"/>, the next <paramref name="validationFraction"/> to <see cref="Validation"/>, the
    /// rest to <see cref="Train"/>. Longer groups up to <paramref name="longMaxTokens"/> all go to
    /// <see cref="Long"/> (shuffled too), longer ones are left out. The same seed gives the same split.
    /// </summary>
    public static HeldOutSplit ByLength(IReadOnlyList<TokenizedPair> pairs, Generator generator,
        int trainMaxTokens = 10, int longMaxTokens = 20, double validationFraction = 0.05, double testFraction = 0.05)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(generator);
        if (trainMaxTokens < 1 || longMaxTokens <= trainMaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(longMaxTokens),
                $"HeldOutSplit.ByLength: need 1 <= trainMaxTokens ({trainMaxTokens}) < longMaxTokens ({longMaxTokens}).");
        }

        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction),
                $"HeldOutSplit.ByLength: validationFraction ({validationFraction}) and testFraction ({testFraction}) " +
                "must be non-negative and leave something to train on.");
        }

        // Group by source sentence, in order of first appearance (deterministic before the shuffle).
        var groups = new Dictionary<string, List<TokenizedPair>>(StringComparer.Ordinal);
        var order = new List<List<TokenizedPair>>();
        foreach (var pair in pairs)
        {
            var key = string.Join(' ', pair.Source);
            if (!groups.TryGetValue(key, out var group))
            {
                groups.Add(key, group = []);
                order.Add(group);
            }

            group.Add(pair);
        }

        var shortGroups = order.Where(g => g.Max(p => p.Length) <= trainMaxTokens).ToArray();
        var longGroups = order.Where(g => g.Max(p => p.Length) is var n && n > trainMaxTokens && n <= longMaxTokens)
            .ToArray();
        Shuffle(shortGroups, generator);
        Shuffle(longGroups, generator);

        var test = (int)Math.Round(testFraction * shortGroups.Length);
        var validation = (int)Math.Round(validationFraction * shortGroups.Length);
        return new HeldOutSplit(
            Train: Flatten(shortGroups.Skip(test + validation)),
            Validation: Flatten(shortGroups.Skip(test).Take(validation)),
            Test: Flatten(shortGroups.Take(test)),
            Long: Flatten(longGroups),
            trainMaxTokens,
            longMaxTokens);

        static TokenizedPair[] Flatten(IEnumerable<List<TokenizedPair>> groups) => [.. groups.SelectMany(g => g)];
    }

    // Fisher–Yates with the seeded generator.
    private static void Shuffle<T>(T[] items, Generator generator)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = generator.NextInt(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The sizes of the four sets.</summary>
    public override string ToString() =>
        $"HeldOutSplit(train {Train.Count}, validation {Validation.Count}, test {Test.Count} (≤ {TrainMaxTokens} tokens), " +
        $"long {Long.Count} ({TrainMaxTokens + 1}–{LongMaxTokens} tokens))";
}
