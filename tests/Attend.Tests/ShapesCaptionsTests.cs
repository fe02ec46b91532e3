using System.Text.RegularExpressions;
using Attend.Data;

namespace Attend.Tests;

public class ShapesCaptionsTests
{
    private static readonly Regex Grammar = new(
        @"^a (red|green|blue|yellow) (circle|square|triangle|\d)( (above|left of) a (red|green|blue|yellow) (circle|square|triangle|\d)){0,2}$");

    [Fact]
    public void SameSeedSamePicturesBitForBitAndAnotherSeedOthers()
    {
        var a = ShapesCaptions.Generate(20, new Generator(7));
        var b = ShapesCaptions.Generate(20, new Generator(7));
        var c = ShapesCaptions.Generate(20, new Generator(8));
        Assert.Equal(a.Images.ToArray().Select(BitConverter.SingleToInt32Bits), b.Images.ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(a.Tokens.ToArray(), b.Tokens.ToArray());
        Assert.Equal(a.Scenes.Select(s => s.Caption), b.Scenes.Select(s => s.Caption));
        Assert.NotEqual(a.Scenes.Select(s => s.Caption), c.Scenes.Select(s => s.Caption));
    }

    [Fact]
    public void PicturesAreRgbInTheUnitRangeAndCaptionsFollowTheGrammar()
    {
        var data = ShapesCaptions.Generate(200, new Generator(1));
        Assert.Equal([200, 3, 32, 32], data.Images.shape);
        Assert.Equal(2, data.GridSize);
        Assert.Equal(15, data.MaxTokens); // <bos> + 3 × "a colour noun" + 2 × two-word relation + <eos>
        Assert.Equal([200, 15], data.Tokens.shape);
        Assert.InRange(data.Images.min().item(), 0f, 1f);
        Assert.InRange(data.Images.max().item(), 0f, 1f);
        Assert.Equal([3, 32, 32], data.Image(5).shape);

        var counts = new int[4];
        for (var i = 0; i < data.Count; i++)
        {
            var scene = data.Scenes[i];
            Assert.Matches(Grammar, scene.Caption);
            counts[scene.Objects.Count]++;

            // Reading order, and each relation matches the two objects it links.
            for (var k = 1; k < scene.Objects.Count; k++)
            {
                var (before, after) = (scene.Objects[k - 1], scene.Objects[k]);
                Assert.True((before.Row, before.Column).CompareTo((after.Row, after.Column)) < 0, scene.Caption);
            }

            Assert.Equal(string.Join(" ", scene.Objects.Select(o => o.Phrase)),
                Regex.Replace(scene.Caption, " (above|left of) ", " "));
            Assert.Equal(scene.Objects.Count - 1, Regex.Matches(scene.Caption, "above|left of").Count);

            // The token row: <bos>, the caption's words, <eos>, then padding.
            var row = data.Tokens.select(0, i).ToArray().Select(v => (int)v).ToArray();
            Assert.Equal(scene.TokenIds, row[..scene.TokenIds.Length]);
            Assert.All(row[scene.TokenIds.Length..], id => Assert.Equal(ShapesVocabulary.PadId, id));
            Assert.Equal(scene.Caption.Split(' '), ShapesVocabulary.Decode(row));
        }

        Assert.All(counts[1..], n => Assert.InRange(n, 40, 100)); // 1, 2 and 3 objects about equally often
    }

    [Fact]
    public void RelationsSayLeftOfWithinARowAndAboveAcrossRows()
    {
        var scenes = ShapesCaptions.Generate(300, new Generator(2), size: 48).Scenes;
        var sawLeft = false;
        var sawAbove = false;
        foreach (var scene in scenes.Where(s => s.Objects.Count == 2))
        {
            var (first, second) = (scene.Objects[0], scene.Objects[1]);
            var relation = first.Row == second.Row ? "left of" : "above";
            Assert.Equal($"{first.Phrase} {relation} {second.Phrase}", scene.Caption);
            sawLeft |= relation == "left of";
            sawAbove |= relation == "above";
        }

        Assert.True(sawLeft && sawAbove);
    }

    [Fact]
    public void BoxesHoldTheObjectsPaintAndEverythingElseIsFaintBackground()
    {
        var data = ShapesCaptions.Generate(30, new Generator(3), size: 48);
        Assert.Equal([30, 3, 48, 48], data.Images.shape);
        for (var i = 0; i < data.Count; i++)
        {
            var image = data.Image(i).ToArray();
            var plane = 48 * 48;
            var inBox = new bool[plane];
            foreach (var o in data.Scenes[i].Objects)
            {
                var box = o.Box;
                // The box lies inside the object's own 16×16 layout cell.
                Assert.InRange(box.X, o.Column * 16, (o.Column * 16) + 15);
                Assert.InRange(box.X + box.Width, (o.Column * 16) + 1, (o.Column * 16) + 16);
                Assert.InRange(box.Y, o.Row * 16, (o.Row * 16) + 15);
                Assert.InRange(box.Y + box.Height, (o.Row * 16) + 1, (o.Row * 16) + 16);
                var painted = 0;
                for (var y = box.Y; y < box.Y + box.Height; y++)
                {
                    for (var x = box.X; x < box.X + box.Width; x++)
                    {
                        inBox[(y * 48) + x] = true;
                        var brightest = Math.Max(image[(y * 48) + x], Math.Max(image[plane + (y * 48) + x], image[(2 * plane) + (y * 48) + x]));
                        painted += brightest > 0.5f ? 1 : 0;
                    }
                }

                Assert.True(painted >= 12, $"{o.Phrase}: only {painted} painted pixels in its box");
            }

            for (var p = 0; p < plane; p++)
            {
                if (!inBox[p])
                {
                    Assert.True(image[p] < 0.08f && image[plane + p] < 0.08f && image[(2 * plane) + p] < 0.08f,
                        $"picture {i}: pixel {p} outside every box is not background");
                }
            }
        }
    }

    [Fact]
    public void ShapesAndDigitsArePaintedWhereTheGeometrySays()
    {
        // Cell (0, 0) of a 32-pixel picture, centred at (8, 8), no shift: pixel (x, y) is painted when its centre
        // (x + ½, y + ½) passes the shape's test.
        PixelBox Box(string noun) => new ScenePainter(32).Paint(noun, "red", 0, 0, 0, 0, 1f);
        Assert.Equal(new PixelBox(3, 3, 10, 10), Box("square"));   // |x + ½ − 8| ≤ 5: x = 3 … 12
        Assert.Equal(new PixelBox(2, 2, 12, 12), Box("circle"));   // (x + ½ − 8)² + (y + ½ − 8)² ≤ 36
        Assert.Equal(new PixelBox(2, 3, 12, 11), Box("triangle")); // the apex row 2 is too thin to hit a pixel centre
        // The digit 1 of the 5×7 font inks glyph columns 1…3 of all 7 rows; dots are 2×2 pixels, the glyph's
        // top-left corner at (8 − 5, 8 − 7) = (3, 1): columns 5 … 10, rows 1 … 14.
        Assert.Equal(new PixelBox(5, 1, 6, 14), Box("1"));

        var painter = new ScenePainter(32);
        painter.Paint("7", "blue", 1, 1, 0, 0, 1f);
        // The 7's top bar: glyph row 0 is "#####": pixels (19 … 28, 17 … 18) are blue (0.2, 0.35, 1).
        var plane = 32 * 32;
        Assert.Equal(1f, painter.Pixels[(2 * plane) + (17 * 32) + 19]);
        Assert.Equal(0.2f, painter.Pixels[(17 * 32) + 28]);
        Assert.Equal(0f, painter.Pixels[(2 * plane) + (19 * 32) + 19]); // glyph row 1 is "    #": blank on the left
    }

    [Fact]
    public void TrainAndTestNeverShareALayout()
    {
        var train = ShapesCaptions.Generate(1500, new Generator(4));
        var test = ShapesCaptions.Generate(400, new Generator(5), split: ShapesSplit.Test);
        var trainLayouts = train.Scenes.Select(s => s.LayoutKey).ToHashSet();
        Assert.DoesNotContain(test.Scenes, s => trainLayouts.Contains(s.LayoutKey));
        // Single objects have only 4 cells × 4 colours × 13 nouns = 208 layouts, so both sets repeat some:
        // the split still holds, and both sides have single-object scenes.
        Assert.Contains(test.Scenes, s => s.Objects.Count == 1);
        // A test set drawn with the training generator's seed is still disjoint from it.
        var sameSeed = ShapesCaptions.Generate(200, new Generator(4), split: ShapesSplit.Test);
        Assert.DoesNotContain(sameSeed.Scenes, s => trainLayouts.Contains(s.LayoutKey));
    }

    [Fact]
    public void NounPositionsPointAtTheNounTokens()
    {
        var scene = new ShapesScene(
            [new SceneObject("red", "circle", 0, 0, default), new SceneObject("blue", "7", 0, 1, default)],
            "a red circle left of a blue 7");
        Assert.Equal([3, 8], scene.NounPositions); // <bos> a red circle left of a blue 7 <eos>
        Assert.Equal("circle", ShapesVocabulary.Word(scene.TokenIds[3]));
        Assert.Equal("7", ShapesVocabulary.Word(scene.TokenIds[8]));
    }

    [Fact]
    public void CellCoverageMeasuresHowMuchOfEachFeatureCellABoxFills()
    {
        // A 4×4 feature grid over 32 pixels: cells of 8×8.
        Assert.Equal([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], new PixelBox(0, 0, 16, 16).CellCoverage(4, 4, 32));
        Assert.Equal([.25f, .25f, 0, 0, .25f, .25f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], new PixelBox(4, 4, 8, 8).CellCoverage(4, 4, 32));
        Assert.Equal([0, 0.5f, 0, 0], new PixelBox(24, 0, 8, 16).CellCoverage(2, 2, 32));
    }

    [Fact]
    public void VocabularyIsFixedAndSpellsEveryCaption()
    {
        Assert.Equal(24, ShapesVocabulary.Count);
        Assert.Equal(13, ShapesVocabulary.Nouns.Count);
        Assert.Equal(["<pad>", "<bos>", "<eos>", "a", "red"], ShapesVocabulary.Words.Take(5));
        var ids = ShapesVocabulary.Encode("a green 0 above a yellow square");
        Assert.Equal(ShapesVocabulary.BosId, ids[0]);
        Assert.Equal(ShapesVocabulary.EosId, ids[^1]);
        Assert.Equal("a green 0 above a yellow square", string.Join(" ", ShapesVocabulary.Decode([.. ids, 0, 0])));
        Assert.True(ShapesVocabulary.IsNoun(ShapesVocabulary.Id("0")));
        Assert.False(ShapesVocabulary.IsNoun(ShapesVocabulary.Id("green")));
        var error = Assert.Throws<ArgumentException>(() => ShapesVocabulary.Id("purple"));
        Assert.Contains("'purple'", error.Message);
    }

    [Fact]
    public void ArgumentErrorsSayWhatIsAllowed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ShapesCaptions.Generate(1, new Generator(0), size: 40));
        Assert.Contains("multiple of 16", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => ShapesCaptions.Generate(1, new Generator(0), maxObjects: 5));
        Assert.Contains("4 cells", error.Message);
    }
}
