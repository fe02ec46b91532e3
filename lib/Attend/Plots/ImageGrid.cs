using System.Text.Json.Nodes;
using Attend.Display;

namespace Attend.Plots;

/// <summary>
/// Images in rows of <see cref="Columns"/>, each with an optional caption and an optional attention map laid over
/// it as a semi-transparent heat layer: this shows where a captioning model looked while it wrote each word.
/// <code>
/// var grid = new ImageGrid(columns: 4) { Title = "a bird flying over water" };
/// for (var t = 0; t &lt; words.Length; t++)
///     grid.Add(image, words[t], overlay: alphas[t].reshape(14, 14));
/// grid
/// </code>
/// Images are [H, W] grey or [3, H, W] RGB tensors with values in [0, 1]; they are embedded in the SVG as PNG.
/// </summary>
[TypeFormatterSource(typeof(AttendFormatterSource))]
public sealed class ImageGrid : Plot
{
    private const double Gap = 10;
    private const double FontSize = 12;
    private readonly List<GridImage> images = [];

    /// <summary>A grid with <paramref name="columns"/> images per row.</summary>
    public ImageGrid(int columns = 4)
    {
        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"ImageGrid: columns must be at least 1, got {columns}.");
        }

        Columns = columns;
    }

    /// <summary>Images per row.</summary>
    public int Columns { get; }

    /// <summary>The number of images added.</summary>
    public int Count => images.Count;

    /// <summary>Each image's longer side on screen, in pixels (default 128); small images are enlarged without blurring.</summary>
    public int ImageSize { get; set; } = 128;

    /// <summary>The colours of attention overlays (default <see cref="ColorScale.Viridis"/>: dark = little attention).</summary>
    public ColorScale OverlayColorScale { get; set; } = ColorScale.Viridis;

    /// <summary>How overlays are enlarged to the image size (default <see cref="Interpolation.Bilinear"/>).</summary>
    public Interpolation OverlayInterpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>
    /// Adds an image. <paramref name="overlay"/> is an attention map [h, w] over the image (a 1-D map of a square
    /// number of weights, such as 196 = 14×14, is taken as square); it is enlarged to the image's size, its own
    /// smallest…largest weight stretched over the colour scale, and drawn with <paramref name="overlayOpacity"/>.
    /// </summary>
    public ImageGrid Add(Tensor image, string? caption = null, Tensor? overlay = null, double overlayOpacity = 0.5)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(overlayOpacity is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(overlayOpacity), $"ImageGrid.Add: overlayOpacity must be in [0, 1], got {PlotNumbers.Value(overlayOpacity)}.");
        }

        var (pixels, height, width, channels) = ImagePixels.FromTensor(image);
        var (weights, overlayHeight, overlayWidth) = overlay is null ? (null, 0, 0) : OverlayMap(overlay);
        images.Add(new GridImage(pixels, height, width, channels, caption, weights, overlayHeight, overlayWidth, overlayOpacity));
        return this;
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        CheckSize();
        var hasCaptions = images.Any(i => i.Caption is not null);
        var cellHeight = ImageSize + (hasCaptions ? FontSize + 8 : 0);
        var columns = Math.Max(1, Math.Min(Columns, images.Count));
        var rows = Math.Max(1, (images.Count + Columns - 1) / Columns);
        var top = Title is null ? Gap : 36;
        var width = Math.Max((columns * (ImageSize + Gap)) + Gap, Title is null ? 0 : TextMetrics.Width(Title, 14) + 20);
        var height = top + (rows * (cellHeight + Gap));

        var svg = new SvgWriter(width, height);
        if (Title is not null)
        {
            svg.Text(width / 2, 22, Title, "middle", 14, bold: true, fill: "#222222");
        }

        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            var x = Gap + (i % Columns * (ImageSize + Gap));
            var y = top + (i / Columns * (cellHeight + Gap));

            // Keep the aspect ratio: the longer side gets ImageSize pixels; centre the shorter one.
            var scale = ImageSize / (double)Math.Max(image.Height, image.Width);
            var (w, h) = (image.Width * scale, image.Height * scale);
            var (ix, iy) = (x + ((ImageSize - w) / 2), y + ((ImageSize - h) / 2));
            var pixelated = scale >= 2;
            svg.Image(ix, iy, w, h, PngEncoder.Encode(image.Pixels, image.Width, image.Height, image.Channels), pixelated);
            if (image.Overlay is not null)
            {
                svg.Image(ix, iy, w, h, HeatLayer(image), pixelated);
            }

            if (image.Caption is not null)
            {
                var shown = TextMetrics.Truncate(image.Caption, ImageSize, FontSize);
                svg.Text(x + (ImageSize / 2.0), y + ImageSize + FontSize + 3, shown, "middle", FontSize,
                    tooltip: shown == image.Caption ? null : image.Caption);
            }
        }

        return svg.ToString();
    }

    /// <inheritdoc/>
    public override string ToPlotlyJson()
    {
        CheckSize();
        var data = new JsonArray();
        var layout = new JsonObject { ["title"] = PlotlyJson.Title(Title) };
        var rows = Math.Max(1, (images.Count + Columns - 1) / Columns);
        var columns = Math.Max(1, Math.Min(Columns, images.Count));
        for (var i = 0; i < images.Count; i++)
        {
            // Plotly names the axes of the first subplot x/y, the next x2/y2, and so on.
            var suffix = i == 0 ? "" : PlotNumbers.Int(i + 1);
            var image = images[i];
            data.Add(ImageTrace(PngEncoder.Encode(image.Pixels, image.Width, image.Height, image.Channels), suffix));
            if (image.Overlay is not null)
            {
                data.Add(ImageTrace(HeatLayer(image), suffix));
            }

            layout["xaxis" + suffix] = new JsonObject
            {
                ["title"] = PlotlyJson.Title(image.Caption),
                ["showticklabels"] = false,
                ["showgrid"] = false,
                ["zeroline"] = false,
            };
            layout["yaxis" + suffix] = new JsonObject
            {
                ["showticklabels"] = false,
                ["showgrid"] = false,
                ["zeroline"] = false,
                ["scaleanchor"] = "x" + suffix,
            };
        }

        layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent" };
        layout["width"] = (columns * (ImageSize + 40)) + 40;
        layout["height"] = (rows * (ImageSize + 60)) + 80;
        return PlotlyJson.Figure(data, layout);
    }

    /// <summary>For example <c>ImageGrid "a bird": 6 images (224×224 RGB), 4 per row, 6 with attention</c>.</summary>
    public override string ToString()
    {
        if (images.Count == 0)
        {
            return $"ImageGrid{QuotedTitle}: no images";
        }

        var sizes = images.Select(i => $"{PlotNumbers.Int(i.Height)}×{PlotNumbers.Int(i.Width)} {(i.Channels == 3 ? "RGB" : "grey")}").Distinct().ToList();
        var overlays = images.Count(i => i.Overlay is not null);
        return $"ImageGrid{QuotedTitle}: {PlotNumbers.Int(images.Count)} image{(images.Count == 1 ? "" : "s")} ({string.Join(", ", sizes)}), " +
            $"{PlotNumbers.Int(Columns)} per row" + (overlays > 0 ? $", {PlotNumbers.Int(overlays)} with attention" : "");
    }

    /// <summary>The attention map enlarged to the image and coloured, as a PNG whose alpha channel is the overlay's opacity.</summary>
    private byte[] HeatLayer(GridImage image)
    {
        var weights = ImagePixels.Resize(image.Overlay!, image.OverlayHeight, image.OverlayWidth, image.Height, image.Width, OverlayInterpolation);
        return PngEncoder.Encode(ImagePixels.HeatColors(weights, OverlayColorScale, image.OverlayOpacity), image.Width, image.Height, 4);
    }

    private static JsonObject ImageTrace(byte[] png, string axisSuffix) => new()
    {
        ["type"] = "image",
        ["source"] = PngEncoder.ToDataUri(png),
        ["xaxis"] = "x" + axisSuffix,
        ["yaxis"] = "y" + axisSuffix,
        ["hoverinfo"] = "skip",
    };

    private static (float[] Weights, int Height, int Width) OverlayMap(Tensor overlay)
    {
        var shape = overlay.shape;
        switch (shape)
        {
            case [var h, var w] when h > 0 && w > 0:
                return (overlay.detach().ToArray(), h, w);
            case [1, var h, var w] when h > 0 && w > 0:
                return (overlay.detach().ToArray(), h, w);
            case [var n] when n > 0 && (int)Math.Round(Math.Sqrt(n)) is var side && side * side == n:
                return (overlay.detach().ToArray(), side, side);
            default:
                throw new ArgumentException(
                    $"ImageGrid.Add: overlay must be an attention map [h, w] (or 1-D with a square number of weights), got shape {Tensor.Format(shape)}.",
                    nameof(overlay));
        }
    }

    private void CheckSize()
    {
        if (ImageSize < 8)
        {
            throw new InvalidOperationException($"ImageGrid: ImageSize must be at least 8 pixels, got {ImageSize}.");
        }
    }
}
