using Attend.Plots;
using static Attend.Tests.PlotTestHelpers;

namespace Attend.Tests;

public class PlotImageTests
{
    [Fact]
    public void Crc32MatchesTheStandardCheckValues()
    {
        // The CRC-32 check value of "123456789", and the CRC every PNG's IEND chunk ends with.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
        var random = new byte[1000];
        new Random(1).NextBytes(random);
        Assert.Equal(PlotPngReader.BitwiseCrc32(random), Crc32.Compute(random));
    }

    [Fact]
    public void EncodedPngsDecodeToTheSamePixels()
    {
        foreach (var channels in new[] { 1, 2, 3, 4 })
        {
            var (width, height) = (5, 3);
            var pixels = Enumerable.Range(0, width * height * channels).Select(i => (byte)(i * 7)).ToArray();
            var png = PlotPngReader.Read(PngEncoder.Encode(pixels, width, height, channels));
            Assert.Equal((width, height, channels), (png.Width, png.Height, png.Channels));
            Assert.Equal(["IHDR", "IDAT", "IEND"], png.ChunkTypes);
            Assert.Equal(pixels, png.Pixels);
        }

        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[5], 2, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(new byte[4], 2, 2, 5));
    }

    [Fact]
    public void GreyAndRgbTensorsBecomePngPixels()
    {
        // Grey [2, 3]: values × 255, rounded (0.5 → 127.5 → 128); out-of-range values are clamped.
        var grid = new ImageGrid(columns: 2);
        grid.Add(torch.tensor([0f, 0.5f, 1f, -1f, 2f, 0.2f], [2, 3]), "grey");

        // RGB [3, 1, 2] is channels first: pixel 0 is (R0, G0, B0) = (1, 0, 0.2), pixel 1 = (0, 1, 0.4).
        grid.Add(torch.tensor([1f, 0f, 0f, 1f, 0.2f, 0.4f], [3, 1, 2]), "rgb");
        var images = ParseSvg(grid.ToSvg()).All("image").Select(i => PlotPngReader.FromDataUri(i.Attribute("href")!.Value)).ToList();

        Assert.Equal((3, 2, 1), (images[0].Width, images[0].Height, images[0].Channels));
        Assert.Equal([0, 128, 255, 0, 255, 51], images[0].Pixels);
        Assert.Equal((2, 1, 3), (images[1].Width, images[1].Height, images[1].Channels));
        Assert.Equal([255, 0, 51, 0, 255, 102], images[1].Pixels);
        Assert.Equal("ImageGrid: 2 images (2×3 grey, 1×2 RGB), 2 per row", grid.ToString());
    }

    [Fact]
    public void OverlaysAreStretchedColouredAndHalfTransparent()
    {
        // A 2×2 attention map over a 4×4 image: nearest enlarges each weight to a 2×2 block.
        var grid = new ImageGrid { OverlayInterpolation = Interpolation.Nearest };
        grid.Add(torch.zeros(4, 4), "look", torch.tensor([0.1f, 0.2f, 0.3f, 0.4f], [2, 2]));
        var images = ParseSvg(grid.ToSvg()).All("image").ToList();
        Assert.Equal(2, images.Count);
        Assert.Equal(images[0].Attribute("x")!.Value, images[1].Attribute("x")!.Value); // same place as the image
        var overlay = PlotPngReader.FromDataUri(images[1].Attribute("href")!.Value);
        Assert.Equal((4, 4, 4), (overlay.Width, overlay.Height, overlay.Channels));

        // Weight 0.1 (smallest) → first colour, 0.4 (largest) → last, alpha 0.5 · 255 = 127.5 → 128.
        Assert.Equal([0x44, 0x01, 0x54, 128], overlay.Pixel(0, 0));
        Assert.Equal([0x44, 0x01, 0x54, 128], overlay.Pixel(1, 1));
        Assert.Equal([0xfd, 0xe7, 0x25, 128], overlay.Pixel(3, 3));
        var third = ColorScale.Viridis.At(1 / 3.0);
        Assert.Equal([third.R, third.G, third.B, 128], overlay.Pixel(0, 3));
        Assert.Contains("1 with attention", grid.ToString());
    }

    [Fact]
    public void ResizingMatchesPyTorchInterpolateByHand()
    {
        float[] map = [0, 1, 2, 3]; // [[0, 1], [2, 3]]
        Assert.Equal(
            [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3],
            ImagePixels.Resize(map, 2, 2, 4, 4, Interpolation.Nearest));

        // Bilinear, align_corners=False: output centres map to source rows −0.25, 0.25, 0.75, 1.25 (clamped to 0…1),
        // and the map is the linear function 2·row + column, so each value is 2·row' + column'.
        Assert.Equal(
            [0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3],
            ImagePixels.Resize(map, 2, 2, 4, 4, Interpolation.Bilinear));
    }

    [Fact]
    public void A196WeightVectorIsTakenAs14By14AndBadShapesAreExplained()
    {
        var grid = new ImageGrid();
        grid.Add(torch.zeros(3, 28, 28), "word", torch.ones(196), overlayOpacity: 0.25);
        var overlay = PlotPngReader.FromDataUri(ParseSvg(grid.ToSvg()).All("image").Last().Attribute("href")!.Value);
        Assert.Equal((28, 28), (overlay.Width, overlay.Height));
        Assert.Equal(64, overlay.Pixel(5, 5)[3]); // 0.25 · 255 = 63.75 → 64

        var image = Assert.Throws<ArgumentException>(() => grid.Add(torch.zeros(4, 28, 28)));
        Assert.Contains("[4, 28, 28]", image.Message);
        var map = Assert.Throws<ArgumentException>(() => grid.Add(torch.zeros(28, 28), overlay: torch.ones(10)));
        Assert.Contains("[10]", map.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Add(torch.zeros(2, 2), overlayOpacity: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid(0));
    }

    [Fact]
    public void ImagesFlowIntoRowsWithCaptions()
    {
        var grid = new ImageGrid(columns: 2) { ImageSize = 64 };
        for (var i = 0; i < 5; i++)
        {
            grid.Add(torch.zeros(8, 16), $"caption {i}");
        }

        var root = ParseSvg(grid.ToSvg());
        var images = root.All("image").ToList();
        Assert.Equal(5, images.Count);
        Assert.Equal(images[0].Num("x"), images[2].Num("x"), 2);  // image 2 starts the second row
        Assert.True(images[2].Num("y") > images[1].Num("y"));
        Assert.Equal(64, images[0].Num("width"));                 // 16 wide → 64, 8 tall → 32: aspect kept
        Assert.Equal(32, images[0].Num("height"));
        Assert.Equal("pixelated", images[0].Attribute("style")!.Value.Split(':')[1]);
        Assert.Equal(5, root.Texts().Count(t => t.StartsWith("caption", StringComparison.Ordinal)));
    }
}
