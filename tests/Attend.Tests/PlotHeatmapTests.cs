using System.Xml.Linq;
using Attend.Plots;
using static Attend.Tests.PlotTestHelpers;

namespace Attend.Tests;

public class PlotHeatmapTests
{
    private static List<XElement> Cells(XElement root) =>
        [.. root.All("rect").Where(r => r.Element(Svg + "title") is not null)];

    [Fact]
    public void TheSmallestAndLargestCellsGetTheScaleEnds()
    {
        var map = new Heatmap(new float[,] { { 0.2f, 0.9f, 0.4f }, { 0.1f, 0.5f, 0.3f } });
        var cells = Cells(ParseSvg(map.ToSvg()));
        Assert.Equal(6, cells.Count);

        // Row-major: cell 3 is (1, 0) = 0.1, the minimum; cell 1 is (0, 1) = 0.9, the maximum.
        Assert.Equal("#440154", cells[3].Attribute("fill")!.Value);
        Assert.Equal("#fde725", cells[1].Attribute("fill")!.Value);
        Assert.Equal("row 1, column 0: 0.1", cells[3].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void MinAndMaxClampAndEveryScaleHasItsEnds()
    {
        var values = new float[,] { { -5f, 0f, 0.5f, 1f, 7f } };
        foreach (var (scale, low, high) in new[]
        {
            (ColorScale.Greys, "#ffffff", "#000000"),
            (ColorScale.Blues, "#f7fbff", "#08306b"),
            (ColorScale.Viridis, "#440154", "#fde725"),
            (ColorScale.RdBu, "#67001f", "#053061"),
        })
        {
            var map = new Heatmap(values) { ColorScale = scale, Min = 0, Max = 1 };
            var fills = Cells(ParseSvg(map.ToSvg())).Select(c => c.Attribute("fill")!.Value).ToList();
            Assert.Equal([low, low, scale.At(0.5).ToString(), high, high], fills);
        }
    }

    [Fact]
    public void ColourScalesInterpolateBetweenStops()
    {
        // Nine Blues stops: 0.5 is stop 4 exactly; eleven RdBu stops: 0.5 is the white middle.
        Assert.Equal("#6baed6", ColorScale.Blues.At(0.5).ToString());
        Assert.Equal("#f7f7f7", ColorScale.RdBu.At(0.5).ToString());

        // Halfway between Viridis stops 0 (#440154) and 1 (#482878): (0x44+0x48)/2 = 0x46, (1+40)/2 = 20.5 → 21, (84+120)/2 = 102.
        Assert.Equal(new Rgb(0x46, 21, 102), ColorScale.Viridis.At(0.5 / 9));
        Assert.Equal(ColorScale.Viridis.At(0), ColorScale.Viridis.At(-3));
        Assert.Equal(ColorScale.Viridis.At(1), ColorScale.Viridis.At(double.PositiveInfinity));
    }

    [Fact]
    public void ADivergingScaleCentresOnZero()
    {
        // Data −1…3 without Min/Max: range ±3, so 0 is white and −1 a light red.
        var map = new Heatmap(new float[,] { { -1f, 0f, 3f } }) { ColorScale = ColorScale.RdBu };
        Assert.Equal((-3, 3), map.ColorRange());
        var fills = Cells(ParseSvg(map.ToSvg())).Select(c => c.Attribute("fill")!.Value).ToList();
        Assert.Equal(["#f7f7f7", "#053061"], fills.Skip(1));
        Assert.Equal(ColorScale.RdBu.At(1 / 3.0).ToString(), fills[0]);
    }

    [Fact]
    public void ValuesAndLabelsAreWrittenAndLongColumnLabelsTurn()
    {
        var words = new[] { "the", "agreement", "on", "the", "European", "Economic", "Area" };
        var map = new Heatmap(new float[,] { { 0.25f, 0, 0, 0, 0, 0, 0.75f }, { 0, 0, 0, 0, 0, 1, 0 }, { 0.5f, 0.5f, 0, 0, 0, 0, 0 } },
            ["la", "zone", "<end>"], words)
        { ShowValues = true };
        var root = ParseSvg(map.ToSvg());
        var texts = root.Texts();
        Assert.Contains("0.25", texts);
        Assert.Contains("0.75", texts);
        Assert.Contains("<end>", texts);
        Assert.Equal(2, texts.Count(t => t == "the")); // a repeated word keeps both columns

        var agreement = root.All("text").Single(t => t.Value == "agreement");
        Assert.StartsWith("rotate(-45", agreement.Attribute("transform")!.Value);

        // Viridis runs from dark purple (0) to yellow (1): white text on the 0 cells, black on the 1.
        Assert.Equal("#ffffff", root.All("text").First(t => t.Value == "0").Attribute("fill")!.Value);
        Assert.Equal("#000000", root.All("text").Single(t => t.Value == "1").Attribute("fill")!.Value);

        // Short labels under wide cells stay level.
        var level = ParseSvg(new Heatmap(new float[2, 2], null, ["a", "b"]).ToSvg());
        Assert.Null(level.All("text").Single(t => t.Value == "a").Attribute("transform"));
    }

    [Fact]
    public void NaNCellsAreGrey()
    {
        var map = new Heatmap(new float[,] { { 0f, float.NaN, 1f } });
        Assert.Equal("#eeeeee", Cells(ParseSvg(map.ToSvg()))[1].Attribute("fill")!.Value);
        Assert.Equal("Heatmap: 1×3, values 0…1, Viridis", map.ToString());
    }

    [Fact]
    public void LargeMapsBecomeOnePixelPerCellImages()
    {
        var values = new float[50, 60];
        values[0, 0] = -1;
        values[49, 59] = 2;
        var root = ParseSvg(new Heatmap(values).ToSvg());
        var image = root.All("image").Single();
        var png = PlotPngReader.FromDataUri(image.Attribute("href")!.Value);
        Assert.Equal(image.Attribute("href")!.Value, image.Attribute(XLink + "href")!.Value);
        Assert.Equal((60, 50, 3), (png.Width, png.Height, png.Channels));
        Assert.Equal([0x44, 0x01, 0x54], png.Pixel(0, 0));
        Assert.Equal([0xfd, 0xe7, 0x25], png.Pixel(49, 59));
        Assert.Equal(ColorScale.Viridis.At(1 / 3.0), new Rgb(png.Pixel(10, 10)[0], png.Pixel(10, 10)[1], png.Pixel(10, 10)[2]));
    }

    [Fact]
    public void FromTensorAndArgumentErrors()
    {
        var map = Heatmap.From(torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]), ["a", "b"]);
        Assert.Equal((2, 3), (map.Rows, map.Columns));
        Assert.Equal(6f, map[1, 2]);
        Assert.Equal(1, Heatmap.From(torch.tensor([1f, 2f])).Rows);

        var rank = Assert.Throws<ArgumentException>(() => Heatmap.From(torch.zeros(2, 3, 4)));
        Assert.Contains("[2, 3, 4]", rank.Message);
        var count = Assert.Throws<ArgumentException>(() => new Heatmap(new float[2, 3], ["only one"]));
        Assert.Contains("rowLabels has 1 labels, but the matrix has 2 rows", count.Message);
        var range = new Heatmap(new float[1, 1]) { Min = 2, Max = 1 };
        Assert.Throws<InvalidOperationException>(range.ToSvg);
    }

    [Fact]
    public void ALongTitleWidensANarrowMapInsteadOfBeingCutOff()
    {
        // Two 40-pixel columns and the colour bar need well under 300 pixels; the title needs about 300.
        const string title = "attention as the cue sweeps from 0 to 1";
        var root = ParseSvg(new Heatmap(new float[2, 2]) { Title = title }.ToSvg());
        var width = root.Num("width");
        Assert.True(width >= TextMetrics.Width(title, 14) + 20, $"width {width} cannot hold the title");
        var text = root.All("text").Single(t => t.Value == title);
        Assert.Equal(width / 2, text.Num("x"));

        var untitled = ParseSvg(new Heatmap(new float[2, 2]).ToSvg()).Num("width");
        Assert.True(untitled < width, "without a title the map keeps its own width");
    }

    [Fact]
    public void FixedWidthAndHeightAreHonoured()
    {
        var root = ParseSvg(new Heatmap(new float[4, 10]) { Width = 500, Height = 300, Title = "t" }.ToSvg());
        Assert.Equal(500, root.Num("width"));
        Assert.Equal(300, root.Num("height"));
    }
}
