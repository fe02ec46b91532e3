using Attend.Data;

namespace Attend.Seq2Seq.Recipes;

/// <summary>
/// The data of Chapter 3's translation experiments, prepared once and shared by every model of a comparison: a
/// <see cref="HeldOutSplit"/> by length (train, validation and test of at most <see cref="HeldOutSplit.TrainMaxTokens"/>
/// tokens, and the longer <see cref="HeldOutSplit.Long"/> pairs no model trains on), vocabularies built from the
/// training pairs only, and the training pairs encoded.
/// <code>
/// var data = TranslationData.LoadEngFra();      // English → French, the tutorial's sentence prefixes, ≤ 12 tokens to train
/// Console.WriteLine(data);                      // sizes of the splits and vocabularies
/// </code>
/// </summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed class TranslationData
{
    private TranslationData(HeldOutSplit split, IReadOnlyList<TokenizedPair> train, Vocabulary source, Vocabulary target)
    {
        Split = split;
        Train = train;
        SourceVocabulary = source;
        TargetVocabulary = target;
        EncodedTrain = [.. train.Select(p => p.Encode(source, target))];
    }

    /// <summary>The split by length (its <see cref="HeldOutSplit.Train"/> may be longer than <see cref="Train"/>; see <see cref="Create"/>).</summary>
    public HeldOutSplit Split { get; }

    /// <summary>The pairs the models train on.</summary>
    public IReadOnlyList<TokenizedPair> Train { get; }

    /// <summary><see cref="Train"/> as token ids.</summary>
    public IReadOnlyList<EncodedPair> EncodedTrain { get; }

    /// <summary>The source words of the training pairs (rarer ones become &lt;unk&gt;).</summary>
    public Vocabulary SourceVocabulary { get; }

    /// <summary>The target words of the training pairs (rarer ones become &lt;unk&gt;).</summary>
    public Vocabulary TargetVocabulary { get; }

    /// <summary>The longest translation the decoders may write: a few tokens more than the longest held-out pair.</summary>
    public int MaxOutputLength => Split.LongMaxTokens + 5;

    /// <summary>
    /// Splits <paramref name="pool"/> with <see cref="HeldOutSplit.ByLength"/> (seeded by <paramref name="seed"/>) and
    /// builds the vocabularies from the training pairs: words seen fewer than <paramref name="minCount"/> times there
    /// become &lt;unk&gt;. <paramref name="trainLimit"/> keeps only the first that many training pairs (the split is
    /// already shuffled, so this is a random subset): the quick mode of the chapter and its tests.
    /// </summary>
    public static TranslationData Create(IReadOnlyList<TokenizedPair> pool, int seed = 0, int trainMaxTokens = 12,
        int longMaxTokens = 20, int minCount = 2, int? trainLimit = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (minCount < 1 || trainLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minCount),
                $"TranslationData.Create: minCount ({minCount}) and trainLimit ({trainLimit}) must be at least 1.");
        }

        var split = HeldOutSplit.ByLength(pool, new Generator(seed), trainMaxTokens, longMaxTokens);
        var train = trainLimit is { } limit ? [.. split.Train.Take(limit)] : split.Train;
        if (train.Count == 0)
        {
            throw new ArgumentException($"TranslationData.Create: no training pairs of at most {trainMaxTokens} tokens in the pool.", nameof(pool));
        }

        return new TranslationData(split, train,
            Vocabulary.Build(train.Select(p => p.Source), minCount),
            Vocabulary.Build(train.Select(p => p.Target), minCount));
    }

    /// <summary>
    /// English → French pairs of eng-fra.txt (found or downloaded as <see cref="EngFra.Load"/> says) tokenized as the
    /// PyTorch tutorial does and kept when the English starts with the tutorial's prefixes ("i am", "he is", …, at any
    /// length: <see cref="EngFraFilter.TutorialPrefixesOnly"/>), then <see cref="Create"/>.
    /// </summary>
    public static TranslationData LoadEngFra(int seed = 0, int trainMaxTokens = 12, int longMaxTokens = 20, int minCount = 2,
        int? trainLimit = null, string? path = null, bool download = false) =>
        Create(EngFra.Prepare(EngFra.Load(path, download), Tokenizer.Tutorial, EngFraFilter.TutorialPrefixesOnly),
               seed, trainMaxTokens, longMaxTokens, minCount, trainLimit);

    /// <summary>The sizes of the splits and vocabularies.</summary>
    public override string ToString() =>
        $"TranslationData(train {Train.Count}, validation {Split.Validation.Count}, test {Split.Test.Count} (≤ {Split.TrainMaxTokens} tokens), " +
        $"long {Split.Long.Count} ({Split.TrainMaxTokens + 1}–{Split.LongMaxTokens} tokens); " +
        $"vocabularies: source {SourceVocabulary.Count}, target {TargetVocabulary.Count})";
}
