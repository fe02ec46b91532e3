using Attend.Data;
using Attend.Seq2Seq;
using Attend.Seq2Seq.Recipes;

namespace Attend.Tests;

/// <summary>
/// The translation recipe's plumbing on a tiny synthetic language (English words → the same words in capitals,
/// reversed), small enough to train in a second: data preparation, determinism, model selection, evaluation.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class TranslationRecipeTests
{
    private static readonly string[] Words = ["a", "b", "c", "d", "e", "f"];

    private static List<TokenizedPair> Pool(int count, int seed)
    {
        var g = new Generator(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var source = Enumerable.Range(0, g.NextInt(2, 9)).Select(_ => Words[g.NextInt(0, Words.Length)]).ToArray();
            return new TokenizedPair(source, [.. source.Reverse().Select(w => w.ToUpperInvariant())], i + 1);
        })];
    }

    private static readonly TranslationOptions Tiny = new()
    {
        Architecture = TranslationArchitecture.Bahdanau,
        Epochs = 2,
        BatchSize = 16,
        EmbeddingDim = 8,
        HiddenSize = 8,
    };

    [Fact]
    public void DataSplitsByLengthAndBuildsVocabulariesFromTheTrainingPairsOnly()
    {
        var data = TranslationData.Create(Pool(400, 1), seed: 3, trainMaxTokens: 6, longMaxTokens: 8, minCount: 1, trainLimit: 50);
        Assert.Equal(50, data.Train.Count);
        Assert.Equal(50, data.EncodedTrain.Count);
        Assert.All(data.Train, p => Assert.True(p.Length <= 6));
        Assert.All(data.Split.Long, p => Assert.InRange(p.Length, 7, 8));
        Assert.Equal(13, data.MaxOutputLength); // 8 + 5
        var seen = data.Train.SelectMany(p => p.Target).Distinct().Count();
        Assert.Equal(Vocabulary.Specials.Count + seen, data.TargetVocabulary.Count);
        Assert.Equal(data.Train[0].Encode(data.SourceVocabulary, data.TargetVocabulary).Source, data.EncodedTrain[0].Source);
    }

    [Fact]
    public void BadSettingsAreRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TranslationData.Create(Pool(20, 1), minCount: 0));
        Assert.Contains("minCount (0)", error.Message);
        var data = TranslationData.Create(Pool(100, 1), trainMaxTokens: 6, longMaxTokens: 8);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => Translation.Train(data, Tiny with { Epochs = 0 }));
        Assert.Contains("Translation.Train", bad.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunAndTheKeptEpochIsTheBestOnValidation()
    {
        var data = TranslationData.Create(Pool(300, 2), seed: 0, trainMaxTokens: 6, longMaxTokens: 8, minCount: 1);
        var first = Translation.Train(data, Tiny with { Epochs = 3 });
        var second = Translation.Train(data, Tiny with { Epochs = 3 });
        Assert.Equal(first.History.Select(e => (e.TrainLoss, e.ValidationLoss, e.ValidationBleu)),
                     second.History.Select(e => (e.TrainLoss, e.ValidationLoss, e.ValidationBleu)));

        // The kept weights are the best epoch's: evaluating them again gives that epoch's validation BLEU.
        var best = first.History.MaxBy(e => e.ValidationBleu)!;
        Assert.Equal(best.Epoch, first.BestEpoch);
        Assert.Equal(best.ValidationBleu, Translation.Evaluate(first.Model, data, data.Split.Validation).Bleu.Score, 6);
        Assert.Equal(best.ValidationLoss, Translation.Loss(first.Model, data, data.Split.Validation), 4);
    }

    [Fact]
    public void EveryArchitectureTrainsAndOnlyTheBaselineHasNoAttention()
    {
        var data = TranslationData.Create(Pool(120, 4), trainMaxTokens: 6, longMaxTokens: 8, minCount: 1);
        foreach (var architecture in Enum.GetValues<TranslationArchitecture>())
        {
            var run = Translation.Train(data, Tiny with { Architecture = architecture, Epochs = 1 });
            Assert.Single(run.History);
            Assert.True(double.IsFinite(run.History[0].TrainLoss), $"{architecture}: loss {run.History[0].TrainLoss}");
            run.Model.train();
            var decoded = Translation.Translate(run.Model, data, [["a", "b", "c"], ["d", "e", "f", "a", "b"]]);
            Assert.Equal(2, decoded.Length);
            Assert.True(run.Model.training, "Translate must give the model back in the mode it had");
            if (architecture == TranslationArchitecture.Baseline)
            {
                Assert.All(decoded, d => Assert.Null(d.Attention));
            }
            else
            {
                // Padding columns are trimmed: each matrix has its own source length + <eos> columns, rows summing to 1.
                Assert.Equal(4, decoded[0].Attention!.GetLength(1));
                Assert.Equal(6, decoded[1].Attention!.GetLength(1));
                for (var t = 0; t < decoded[0].Attention!.GetLength(0); t++)
                {
                    Assert.Equal(1f, Enumerable.Range(0, 4).Sum(s => decoded[0].Attention![t, s]), 4);
                }
            }
        }
    }

    [Fact]
    public void EvaluationTranslatesEachSourceOnceAndScoresAgainstAllItsReferences()
    {
        var pairs = new List<TokenizedPair>
        {
            new(["a", "b"], ["B", "A"]), new(["a", "b"], ["X", "A"]), new(["c", "d", "e"], ["E", "D", "C"]),
        };
        var data = TranslationData.Create(Pool(100, 5), trainMaxTokens: 6, longMaxTokens: 8, minCount: 1);
        var run = Translation.Train(data, Tiny with { Epochs = 1 });
        var evaluation = Translation.Evaluate(run.Model, data, pairs);
        Assert.Equal(2, evaluation.Sentences.Count);
        Assert.Equal(2, evaluation.Sentences[0].References.Count);
        Assert.Equal(2, evaluation.Hypotheses.Count);
        var expected = Bleu.Corpus(evaluation.Hypotheses, evaluation.Sentences.Select(s => (IEnumerable<string>)s.ReferenceTexts));
        Assert.Equal(expected.Score, evaluation.Bleu.Score);
        Assert.Equal([("1–2", 1), ("3–4", 1)], evaluation.ByLength(2).Select(b => (b.Label, b.Count)));
    }

    [Fact]
    public void StepTimingCountsOneScorePerOutputInputPair()
    {
        var options = new TranslationOptions { BatchSize = 3, EmbeddingDim = 4, HiddenSize = 4 };
        var times = StepTiming.Measure([TranslationArchitecture.Baseline, TranslationArchitecture.LuongDot], [2, 5], 10, 12, options, repeats: 1);
        Assert.Equal([(TranslationArchitecture.Baseline, 2), (TranslationArchitecture.LuongDot, 2), (TranslationArchitecture.Baseline, 5),
                      (TranslationArchitecture.LuongDot, 5)], times.Select(t => (t.Architecture, t.Length)));
        Assert.Equal([0L, 3 * 3 * 3, 0L, 3 * 6 * 6], times.Select(t => t.Scores)); // batch × (L + <eos>) outputs × (L + <eos>) inputs
        Assert.All(times, t => Assert.True(t.Milliseconds > 0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StepTiming.Measure([TranslationArchitecture.Baseline], [0]));
        Assert.Contains("every length (0)", error.Message);
    }
}
