using Attend.Data;

namespace Attend.Tests;

/// <summary>
/// Reads the real eng-fra.txt found by the course's discovery (in CI and here: ../shared/data beside the
/// repository). Loaded once for all tests of the class.
/// </summary>
public sealed class DataEngFraTests
{
    private static readonly Lazy<IReadOnlyList<SentencePair>> Pairs = new(() => EngFra.Load());
    private static readonly Lazy<IReadOnlyList<TokenizedPair>> Accented = new(() => EngFra.Prepare(Pairs.Value, Tokenizer.Accented));

    [Fact]
    public void DiscoveryFindsTheSharedCopy()
    {
        var path = EngFra.Locate();
        Assert.True(File.Exists(path));
        Assert.EndsWith(Path.Combine("eng-fra", "eng-fra.txt"), path);
        Assert.DoesNotContain(Path.Combine("data", "cache"), path); // the shared copy, not a download
    }

    [Fact]
    public void ReadsEveryPairWithItsLine()
    {
        var pairs = Pairs.Value;
        Assert.Equal(EngFra.PairCount, pairs.Count);
        Assert.Equal(new SentencePair("Go.", "Va !", 1), pairs[0]);
        Assert.Equal(135_842, pairs[^1].Line);
        Assert.Equal(new SentencePair("Va !", "Go.", 1), pairs[0].Swap());
    }

    [Fact]
    public void TutorialNormalizationAndFilterKeep10599Pairs()
    {
        // PyTorch's tutorial prints "Read 135842 sentence pairs", "Trimmed to 10599 sentence pairs" and counts
        // 4345 French and 2803 English words, its 2 markers (SOS, EOS) included.
        var kept = EngFra.Prepare(Pairs.Value, Tokenizer.Tutorial, EngFraFilter.Tutorial);
        Assert.Equal(10_599, kept.Count);
        Assert.Equal(2803 - 2 + 4, Vocabulary.Build(kept.Select(p => p.Source)).Count);
        Assert.Equal(4345 - 2 + 4, Vocabulary.Build(kept.Select(p => p.Target)).Count);
        Assert.All(kept, p => Assert.InRange(p.Length, 1, 9));
        Assert.Equal(39, kept[0].Line); // "I'm 19." → "J'ai 19 ans.": digits are not letters
        Assert.Equal(["i", "m", "."], kept[0].Source);
        Assert.Equal(["j", "ai", "ans", "."], kept[0].Target);
        Assert.Equal(125_337, kept[^1].Line);
    }

    [Fact]
    public void AccentedTokenizerKeepsTwoMorePairsAndMoreFrenchWords()
    {
        // "cœur" stays one token instead of "c ur", so two pairs get under the length limit; accents split words
        // the tutorial merges ("a"/"à", "ou"/"où").
        var kept = Accented.Value.Where(EngFraFilter.Tutorial.Keeps).ToList();
        Assert.Equal(10_601, kept.Count);
        Assert.Equal(2802 + 4, Vocabulary.Build(kept.Select(p => p.Source)).Count);
        Assert.Equal(4427 + 4, Vocabulary.Build(kept.Select(p => p.Target)).Count);
        Assert.Contains(kept, p => p.Target.Contains("où"));
    }

    [Fact]
    public void HeldOutSplitByLength()
    {
        var pool = Accented.Value.Where(EngFraFilter.TutorialPrefixesOnly.Keeps).ToList();
        Assert.Equal(13_079, pool.Count);
        var split = HeldOutSplit.ByLength(pool, new Generator(0));

        // Pairs grouped by English sentence: 7,054 groups (11,377 pairs) of at most 10 tokens and 1,081 groups
        // (1,674 pairs) of 11–20 tokens; 5 % of the short groups each for validation and test.
        Assert.Equal(11_377, split.Train.Count + split.Validation.Count + split.Test.Count);
        Assert.Equal(1_674, split.Long.Count);
        Assert.Equal(353, split.Test.Select(p => string.Join(' ', p.Source)).Distinct().Count());
        Assert.Equal(353, split.Validation.Select(p => string.Join(' ', p.Source)).Distinct().Count());
        Assert.All(split.Train, p => Assert.True(p.Length <= 10));
        Assert.All(split.Long, p => Assert.InRange(p.Length, 1, 20));
        Assert.All(ReferenceSet.Group(split.Long), g => Assert.True(g.References.Max(r => r.Length) > 10 || g.Source.Length > 10));

        var trainSources = split.Train.Select(p => string.Join(' ', p.Source)).ToHashSet();
        Assert.DoesNotContain(split.Test, p => trainSources.Contains(string.Join(' ', p.Source)));
        Assert.DoesNotContain(split.Validation, p => trainSources.Contains(string.Join(' ', p.Source)));
        Assert.DoesNotContain(split.Long, p => trainSources.Contains(string.Join(' ', p.Source)));

        var again = HeldOutSplit.ByLength(pool, new Generator(0));
        Assert.Equal(split.Test.Select(p => p.Line), again.Test.Select(p => p.Line));
        var other = HeldOutSplit.ByLength(pool, new Generator(1));
        Assert.NotEqual(split.Test.Select(p => p.Line), other.Test.Select(p => p.Line));
    }

    [Fact]
    public void ParseReportsTheLineOfAMalformedPair()
    {
        var error = Assert.Throws<FormatException>(() =>
            EngFra.Parse(new StringReader("Go.\tVa !\n\nHi.\tSalut !\tCC-BY\n"), "sample.txt"));
        Assert.Contains("sample.txt line 3", error.Message);
        Assert.Contains("found 3", error.Message);

        var pairs = EngFra.Parse(new StringReader("Go.\tVa !\r\n\r\nHi.\tSalut !\r\n"));
        Assert.Equal([new SentencePair("Go.", "Va !", 1), new SentencePair("Hi.", "Salut !", 3)], pairs);
    }

    [Fact]
    public void FilterFollowsTheTutorialPrefixes()
    {
        TokenizedPair Pair(string english) => new(english.Split(' '), ["x"]);
        Assert.True(EngFraFilter.Tutorial.Keeps(Pair("i m sad .")));
        Assert.True(EngFraFilter.Tutorial.Keeps(Pair("he isn t here .")));  // "he is" has no trailing space
        Assert.False(EngFraFilter.Tutorial.Keeps(Pair("i amuse myself .")));  // "i am " has one
        Assert.False(EngFraFilter.Tutorial.Keeps(Pair("you are a b c d e f g h"))); // 10 tokens
        Assert.True(EngFraFilter.TutorialPrefixesOnly.Keeps(Pair("you are a b c d e f g h")));
        Assert.True(new EngFraFilter(null, null).Keeps(Pair("anything")));
    }

    [Fact]
    public void ReferenceSetsGatherTranslations()
    {
        var sets = ReferenceSet.Group([
            new TokenizedPair(["i", "m", "sad", "."], ["je", "suis", "triste", "."]),
            new TokenizedPair(["go", "."], ["va", "!"]),
            new TokenizedPair(["i", "m", "sad", "."], ["je", "suis", "malheureux", "."]),
        ]);
        Assert.Equal(2, sets.Count);
        Assert.Equal(["je suis triste .", "je suis malheureux ."], sets[0].ReferenceTexts);
        Assert.Equal(["go", "."], sets[1].Source);
    }
}
