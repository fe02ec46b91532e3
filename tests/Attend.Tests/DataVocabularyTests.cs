using Attend.Data;

namespace Attend.Tests;

public sealed class DataVocabularyTests
{
    private static readonly string[][] Corpus = [["b", "b", "a"], ["a", "c"], ["d", "b"]];

    [Fact]
    public void SpecialsComeFirstAtFixedIds()
    {
        var vocab = Vocabulary.Build([]);
        Assert.Equal(["<pad>", "<bos>", "<eos>", "<unk>"], vocab.Tokens);
        Assert.Equal((0, 1, 2, 3), (Vocabulary.PadId, Vocabulary.BosId, Vocabulary.EosId, Vocabulary.UnkId));
        Assert.Equal(4, vocab.Count);
    }

    [Fact]
    public void OrdersByFrequencyThenOrdinal()
    {
        // b: 3, a: 2, c: 1, d: 1 (c before d: ordinal order breaks the tie).
        var vocab = Vocabulary.Build(Corpus);
        Assert.Equal(["<pad>", "<bos>", "<eos>", "<unk>", "b", "a", "c", "d"], vocab.Tokens);
        Assert.Equal(4, vocab["b"]);
        Assert.Equal(7, vocab["d"]);
        Assert.Equal("a", vocab[5]);
    }

    [Fact]
    public void OrdinalTieBreakIsCaseSensitiveAndCultureFree()
    {
        var vocab = Vocabulary.Build([["é", "e", "Z", "a"]]);
        Assert.Equal(["Z", "a", "e", "é"], vocab.Tokens.Skip(4));
    }

    [Fact]
    public void MinCountAndMaxSize()
    {
        Assert.Equal(["b", "a"], Vocabulary.Build(Corpus, minCount: 2).Tokens.Skip(4));
        var capped = Vocabulary.Build(Corpus, maxSize: 6); // 4 specials + the 2 most frequent
        Assert.Equal(6, capped.Count);
        Assert.Equal(["b", "a"], capped.Tokens.Skip(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Corpus, maxSize: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Corpus, minCount: 0));
    }

    [Fact]
    public void SpecialTokensInTheTextAreNotCountedTwice()
    {
        var vocab = Vocabulary.Build([["<unk>", "x", "<eos>"]]);
        Assert.Equal(5, vocab.Count);
        Assert.Equal(Vocabulary.UnkId, vocab["<unk>"]);
    }

    [Fact]
    public void EncodeMapsUnknownsAndAddsMarkers()
    {
        var vocab = Vocabulary.Build(Corpus);
        Assert.Equal([4, 5, 3], vocab.Encode(["b", "a", "zebra"]));
        Assert.Equal([1, 6, 2], vocab.Encode(["c"], addBos: true, addEos: true));
        Assert.False(vocab.Contains("zebra"));
        Assert.True(vocab.Contains("a"));
    }

    [Fact]
    public void DecodeStopsAtEosAndDropsMarkers()
    {
        var vocab = Vocabulary.Build(Corpus);
        Assert.Equal(["b", "a", "<unk>"], vocab.Decode([1, 4, 5, 3, 2, 6, 0]));
        Assert.Equal(["b", "a", "<unk>", "c"], vocab.Decode([1, 4, 5, 3, 2, 6, 0], stopAtEos: false));
        Assert.Equal(["<bos>", "b", "<eos>"], vocab.Decode([1, 4, 2, 6], keepSpecials: true));
        Assert.Equal(["b", "a"], vocab.Decode(new[] { 4f, 5f, 2f, 0f }));
        Assert.Throws<ArgumentException>(() => vocab.Decode(new[] { 4.5f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocab.Decode([99]));
    }

    [Fact]
    public void SaveAndLoadGiveTheSameIds()
    {
        var path = Path.Combine(Path.GetTempPath(), $"attend-vocab-{Guid.NewGuid():N}.txt");
        try
        {
            var vocab = Vocabulary.Build([["le", "chat", " ", "été"], ["le"]]);
            vocab.Save(path);
            Assert.Equal("<pad>\n<bos>\n<eos>\n<unk>\nle\n \nchat\nété\n", File.ReadAllText(path));
            var loaded = Vocabulary.Load(path);
            Assert.Equal(vocab.Tokens, loaded.Tokens);
            Assert.Equal(vocab["été"], loaded["été"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadExplainsABadFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"attend-vocab-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "<pad>\n<bos>\nhello\n");
            var error = Assert.Throws<FormatException>(() => Vocabulary.Load(path));
            Assert.Contains("line 3 must be the special token <eos>", error.Message);

            File.WriteAllText(path, "<pad>\n<bos>\n<eos>\n<unk>\nx\ny\nx\n");
            error = Assert.Throws<FormatException>(() => Vocabulary.Load(path));
            Assert.Contains("line 7 repeats the token \"x\" of line 5", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RejectsTokensThatCannotBeSaved()
    {
        Assert.Throws<ArgumentException>(() => Vocabulary.Build([["a\nb"]]));
        Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens([""]));
        Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens(["x", "x"]));
    }
}
