using Attend.Data;

namespace Attend.Tests;

/// <summary>
/// BLEU against sacrebleu's published test cases (test_bleu.py, test_sentence_bleu.py; expected scores quoted
/// from there) and against cases computed by hand.
/// </summary>
public sealed class BleuTests
{
    // sacrebleu's README example: three hypotheses, two reference streams.
    private static readonly string[] Hypotheses = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

    private static readonly string[][] References =
    [
        ["The dog bit the man.", "The dog had bit the man."],
        ["It was not unexpected.", "No one was surprised."],
        ["The man bit him first.", "The man had bitten the dog."],
    ];

    private static readonly BleuOptions Exp = new() { Smoothing = BleuSmoothing.Exp };

    [Fact]
    public void SacrebleuCorpusExample()
    {
        // sacrebleu: 48.530827 with its defaults and with smooth_method='none' (every order has a match here).
        var score = Bleu.Corpus(Hypotheses, References);
        Assert.Equal(48.530827, score.Score, 1e-6);
        Assert.Equal(48.530827, Bleu.Corpus(Hypotheses, References, Exp).Score, 1e-6);
        Assert.Equal(4, score.Precisions.Count);
        Assert.Equal(score.SysLen, score.Totals[0]);
    }

    [Fact]
    public void SacrebleuCorpusExampleWithoutTokenization() =>
        Assert.Equal(49.1919566, Bleu.Corpus(Hypotheses, References,
            Exp with { Tokenization = BleuTokenization.None }).Score, 1e-6);

    [Fact]
    public void EmptyHypothesesScoreZero()
    {
        var score = Bleu.Corpus(["", "", ""], References);
        Assert.Equal(0, score.Score);
        Assert.Equal(0, score.SysLen);
        Assert.Equal(0, score.BrevityPenalty);
    }

    [Fact]
    public void SacrebleuStatistics()
    {
        // test_statistics: counts [4, 2, 1, 0], totals [6, 5, 4, 3]
        var score = Bleu.Corpus(["am I am a character sequence"], ["I am a symbol string sequence a a"]);
        Assert.Equal([4, 2, 1, 0], score.Counts);
        Assert.Equal([6, 5, 4, 3], score.Totals);
        Assert.Equal(0, score.Score); // no 4-gram matches and no smoothing
    }

    [Fact]
    public void SacrebleuScoringFromStatistics() =>
        // test_scoring: compute_bleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11) = 0.8375922397 (as a fraction)
        Assert.Equal(83.75922397, Bleu.FromStatistics([9, 7, 5, 3], [10, 8, 6, 4], 11, 11).Score, 1e-7);

    [Theory]
    [InlineData("this is a fest", "this is a test", 22.3606797749979)]
    [InlineData("test", "a test", 36.78794411714425)]
    [InlineData("a test", "a test", 100.0)]
    [InlineData("a little test", "a test", 3.218297948685433)]
    public void SacrebleuRawAndEffectiveOrderCases(string hypothesis, string reference, double expected)
    {
        // raw_corpus_bleu: floor smoothing 0.01, no tokenization, effective order.
        var options = new BleuOptions
        {
            Smoothing = BleuSmoothing.Floor,
            SmoothValue = 0.01,
            Tokenization = BleuTokenization.None,
            EffectiveOrder = true,
        };
        Assert.Equal(expected, Bleu.Corpus([hypothesis], [reference], options).Score, 1e-8);
    }

    [Fact]
    public void SacrebleuDegenerateStatistics()
    {
        var floor = new BleuOptions { Smoothing = BleuSmoothing.Floor };
        Assert.Equal(0, Bleu.FromStatistics([0, 0, 0, 0], [4, 4, 2, 1], 0, 1, floor).Score);
        Assert.Equal(0, Bleu.FromStatistics([0, 0, 0, 0], [10, 11, 12, 0], 14, 10, floor).Score);
        Assert.Equal(0, Bleu.FromStatistics([0, 0, 0, 0], [0, 0, 0, 0], 0, 0, floor).Score);
        Assert.Equal(0, Bleu.FromStatistics([6, 5, 4, 0], [6, 5, 4, 3], 6, 6, floor with { SmoothValue = 0 }).Score);
        Assert.Equal(0, Bleu.FromStatistics([0, 0, 0, 0], [0, 0, 0, 0], 1, 5, floor with { SmoothValue = 0.01 }).Score);
    }

    // test_sentence_bleu.py (issue #98): a Romanian sentence; expected scores within 1e-3.
    private const string Reference = "producţia de zahăr brut se exprimă în zahăr alb;";
    private const string System = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    [Theory]
    [InlineData(BleuSmoothing.Exp, null, BleuTokenization.Mteval13a, 8.493)]
    [InlineData(BleuSmoothing.None, null, BleuTokenization.Mteval13a, 0.0)]
    [InlineData(BleuSmoothing.Floor, null, BleuTokenization.Mteval13a, 4.51688)]
    [InlineData(BleuSmoothing.Floor, 0.1, BleuTokenization.Mteval13a, 4.51688)]
    [InlineData(BleuSmoothing.Floor, 0.5, BleuTokenization.Mteval13a, 10.10)]
    [InlineData(BleuSmoothing.AddK, null, BleuTokenization.Mteval13a, 14.882)]
    [InlineData(BleuSmoothing.AddK, 1.0, BleuTokenization.Mteval13a, 14.882)]
    [InlineData(BleuSmoothing.AddK, 2.0, BleuTokenization.Mteval13a, 21.389)]
    [InlineData(BleuSmoothing.Exp, null, BleuTokenization.None, 7.347)]
    public void SacrebleuSentenceCases(BleuSmoothing smoothing, double? value, BleuTokenization tokenization, double expected)
    {
        var options = BleuOptions.Sentence with { Smoothing = smoothing, SmoothValue = value, Tokenization = tokenization };
        Assert.Equal(expected, Bleu.Sentence(System, [Reference], options).Score, 1e-3);
    }

    [Fact]
    public void SentenceDefaultsAreSacrebleus()
    {
        Assert.Equal(8.493, Bleu.Sentence(System, [Reference]).Score, 1e-3);
        foreach (var smoothing in Enum.GetValues<BleuSmoothing>())
        {
            // issue #141: no match at all is 0 whatever the smoothing
            Assert.Equal(0, Bleu.Sentence("this is a cat", ["okay thanks"], BleuOptions.Sentence with { Smoothing = smoothing }).Score);
        }
    }

    [Fact]
    public void HandComputedCatOnTheMat()
    {
        // hyp "the cat sat on the mat" vs ref "the cat is on the mat":
        // 1-grams 5/6 (the×2, cat, on, mat), 2-grams 3/5 (the cat, on the, the mat), 3-grams 1/4 (on the mat),
        // 4-grams 0/3; lengths 6 and 6, so BP = 1.
        var none = Bleu.Corpus(["the cat sat on the mat"], ["the cat is on the mat"]);
        Assert.Equal([5, 3, 1, 0], none.Counts);
        Assert.Equal([6, 5, 4, 3], none.Totals);
        Assert.Equal(0, none.Score); // no smoothing: a zero precision zeroes the geometric mean
        Assert.Equal(1, none.BrevityPenalty);

        // exp smoothing: the first order without a match gets 1 / (2 · 3)
        var exp = Bleu.Corpus(["the cat sat on the mat"], ["the cat is on the mat"], Exp);
        Assert.Equal(100 * Math.Pow(5.0 / 6 * 3.0 / 5 * 1.0 / 4 * 1.0 / 6, 0.25), exp.Score, 1e-9);
        double[] precisions = [500.0 / 6, 60, 25, 100.0 / 6];
        for (var n = 0; n < 4; n++)
        {
            Assert.Equal(precisions[n], exp.Precisions[n], 1e-9);
        }
    }

    [Fact]
    public void HandComputedBrevityPenaltyAndCorpusPooling()
    {
        // "the cat" vs "the cat is on the mat": p1 = 2/2, p2 = 1/1, no 3- or 4-grams at all.
        var plain = Bleu.Corpus(["the cat"], ["the cat is on the mat"]);
        Assert.Equal(0, plain.Score); // BLEU-4 of a 2-word sentence is 0 without effective order
        Assert.Equal(Math.Exp(1 - (6.0 / 2)), plain.BrevityPenalty, 1e-12);

        var effective = Bleu.Corpus(["the cat"], ["the cat is on the mat"], new BleuOptions { EffectiveOrder = true });
        Assert.Equal(100 * Math.Exp(-2), effective.Score, 1e-9); // BP · (1 · 1)^(1/2)

        // Corpus BLEU pools counts: two sentences, each 4 words, one perfect and one with a wrong last word.
        // 1-grams 7/8, 2-grams 5/6, 3-grams 3/4, 4-grams 1/2, BP = 1.
        var pooled = Bleu.Corpus(["a b c d", "e f g h"], ["a b c d", "e f g x"]);
        Assert.Equal([7, 5, 3, 1], pooled.Counts);
        Assert.Equal(100 * Math.Pow(7.0 / 8 * 5.0 / 6 * 3.0 / 4 * 1.0 / 2, 0.25), pooled.Score, 1e-9);
    }

    [Fact]
    public void ClipsCountsAndPicksTheClosestReference()
    {
        // Papineni's example: "the" ×7 is credited at most twice, its count in the first reference.
        var score = Bleu.Corpus(["the the the the the the the"],
            new[] { new[] { "The cat is on the mat", "the cat is on the mat", "There is a cat on the mat" } });
        Assert.Equal(2, score.Counts[0]);
        Assert.Equal(7, score.Totals[0]);
        Assert.Equal(7, score.RefLen); // lengths 6, 6, 7: 7 is closest to 7

        // Lengths 4 and 6 are equally close to 5: the shorter counts.
        Assert.Equal(4, Bleu.Corpus(["a b c d e"], new[] { new[] { "a b c d", "a b c d e f" } }).RefLen);
    }

    [Fact]
    public void LowercaseOption()
    {
        Assert.Equal(0, Bleu.Corpus(["THE CAT"], ["the cat"]).Counts[0]);
        Assert.Equal(2, Bleu.Corpus(["THE CAT"], ["the cat"], new BleuOptions { Lowercase = true }).Counts[0]);
    }

    [Fact]
    public void ToStringLooksLikeSacrebleus()
    {
        var text = Bleu.Corpus(["a b c d", "e f g h"], ["a b c d", "e f g x"]).ToString();
        Assert.Equal("BLEU = 72.31 87.5/83.3/75.0/50.0 (BP = 1.000 ratio = 1.000 hyp_len = 8 ref_len = 8)", text);
        // sacrebleu's README prints this line for its example.
        Assert.Equal("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)",
            Bleu.Corpus(Hypotheses, References).ToString());
    }

    [Fact]
    public void ByLengthBucketsBySourceLength()
    {
        string[] hyps = ["a b c d", "e f g h", "i j k l", "m n o p"];
        string[][] refs = [["a b c d"], ["e f g x"], ["i j k l"], ["q r s t"]];
        var buckets = Bleu.ByLength([3, 4, 8, 7], hyps, refs, bucketWidth: 5);
        Assert.Equal(2, buckets.Count);
        Assert.Equal((1, 5, 2, "1–5"), (buckets[0].MinLength, buckets[0].MaxLength, buckets[0].Count, buckets[0].Label));
        Assert.Equal(Bleu.Corpus(hyps[..2], refs[..2]).Score, buckets[0].Bleu.Score);
        Assert.Equal((6, 10, 2), (buckets[1].MinLength, buckets[1].MaxLength, buckets[1].Count));
        Assert.Equal(Bleu.Corpus(hyps[2..], refs[2..]).Score, buckets[1].Bleu.Score);

        var single = Bleu.ByLength([2, 2, 9, 2], hyps, refs, bucketWidth: 1);
        Assert.Equal(["2", "9"], single.Select(b => b.Label));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bleu.ByLength([0, 1, 1, 1], hyps, refs));
    }

    [Fact]
    public void ErrorsExplainTheReferenceLayout()
    {
        // sacrebleu's layout (one stream of 3 references) is not ours (3 hypotheses, 3 reference sets).
        var error = Assert.Throws<ArgumentException>(() =>
            Bleu.Corpus(Hypotheses, new[] { new[] { "x", "y", "z" } }));
        Assert.Contains("3 hypotheses but 1 reference sets", error.Message);
        Assert.Throws<ArgumentException>(() => Bleu.Corpus(["a"], new[] { Array.Empty<string>() }));
    }
}
