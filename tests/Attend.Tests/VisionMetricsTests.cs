using Attend.Data;
using Attend.Vision;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>The caption metrics of <see cref="CaptionMetrics"/> on two hand-made scenes, counted by hand.</summary>
public class VisionMetricsTests
{
    // Scene A, "a red circle left of a blue 7": tokens <bos> a red circle left of a blue 7 <eos>, nouns at 3 and 8.
    // On a 32-pixel picture under a 2×2 grid (16-pixel cells), the circle's box covers cell 0 only, the 7's box
    // (x 12…21) cells 0 and 1. Scene B, "a green square": noun at 3, box in cell 3.
    private static readonly ShapesScene[] Scenes =
    [
        new([new SceneObject("red", "circle", 0, 0, new PixelBox(2, 2, 12, 12)), new SceneObject("blue", "7", 0, 1, new PixelBox(12, 2, 10, 14))],
            "a red circle left of a blue 7"),
        new([new SceneObject("green", "square", 1, 1, new PixelBox(18, 18, 11, 11))], "a green square"),
    ];

    private static GeneratedCaption Caption(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new GeneratedCaption(words, words.Select(ShapesVocabulary.Id).ToArray(), torch.zeros(words.Length, 2, 2), new float[words.Length]);
    }

    [Fact]
    public void NounAccuracyCountsEachObjectsNounAtItsOwnPosition()
    {
        Assert.Equal([3, 8], Scenes[0].NounPositions);
        // A: circle right, 9 instead of 7; B: square right → 2 of 3 nouns.
        GeneratedCaption[] captions = [Caption("a red circle left of a blue 9"), Caption("a green square")];
        Assert.Equal(2 / 3.0, CaptionMetrics.NounAccuracy(captions, Scenes), 12);
        // A stops before its second noun (1 of 2); B has a noun, but not the right one (0 of 1) → 1 of 3.
        Assert.Equal(1 / 3.0, CaptionMetrics.NounAccuracy([Caption("a red circle"), Caption("a green 7")], Scenes), 12);
        // The right noun one word late does not count.
        Assert.Equal(0, CaptionMetrics.NounAccuracy([Caption("a a red circle"), Caption("a a green square")], Scenes));
        Assert.Equal(1, CaptionMetrics.NounAccuracy([Caption(Scenes[0].Caption), Caption(Scenes[1].Caption)], Scenes));

        Throws(() => CaptionMetrics.NounAccuracy([Caption("a green square")], Scenes), "NounAccuracy", "1 captions", "2 scenes");
    }

    [Fact]
    public void ExactMatchNeedsEveryWord()
    {
        Assert.Equal(0.5, CaptionMetrics.ExactMatch([Caption("a red circle left of a blue 9"), Caption("a green square")], Scenes));
        Assert.Equal(0.5, CaptionMetrics.ExactMatch([Caption(Scenes[0].Caption), Caption("a green square above a red 1")], Scenes));
        Assert.Equal(1, CaptionMetrics.ExactMatch([Caption(Scenes[0].Caption), Caption(Scenes[1].Caption)], Scenes));
        Throws(() => CaptionMetrics.ExactMatch([], Scenes), "ExactMatch", "0 captions", "2 scenes");
    }

    [Fact]
    public void AttentionOnObjectsIsTheWeightOnTheBoxCellsAtEachColourStep()
    {
        // α [2 scenes, T = 9 steps, L = 4]: uniform except the colour steps, NounPositions − 2: A 1 and 6, B 1.
        var alphas = new float[2 * 9 * 4];
        Array.Fill(alphas, 0.25f);
        void Set(int scene, int step, params float[] a) => a.CopyTo(alphas, ((scene * 9) + step) * 4);
        Set(0, 1, 0.7f, 0.1f, 0.1f, 0.1f);   // the circle, cell 0: 0.7
        Set(0, 6, 0.3f, 0.5f, 0.1f, 0.1f);   // the 7, cells 0 and 1: 0.8
        Set(1, 1, 0.4f, 0.3f, 0.05f, 0.25f); // the square, cell 3: 0.25
        var (mass, share) = CaptionMetrics.AttentionOnObjects(torch.tensor(alphas, [2, 9, 4]), Scenes, 2, 2, 32);
        Assert.Equal((0.7 + 0.8 + 0.25) / 3, mass, 6);
        Assert.Equal(((1 / 4.0) + (2 / 4.0) + (1 / 4.0)) / 3, share, 12); // 1, 2 and 1 of the 4 cells

        Throws(() => CaptionMetrics.AttentionOnObjects(torch.zeros(2, 9, 16), Scenes, 2, 2, 32), "AttentionOnObjects", "[N = 2 scenes, T, L = 2·2]",
            "[2, 9, 16]");
        Throws(() => CaptionMetrics.AttentionOnObjects(torch.zeros(2, 5, 4), Scenes, 2, 2, 32), "AttentionOnObjects", "step 6", "5 steps");
    }
}
