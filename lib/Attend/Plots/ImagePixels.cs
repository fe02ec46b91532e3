namespace Attend.Plots;

/// <summary>Turns image tensors into PNG-ready bytes, and stretches attention maps to image size.</summary>
internal static class ImagePixels
{
    /// <summary>
    /// The bytes of an image tensor, [H, W] or [1, H, W] (grey) or [3, H, W] (RGB, channels first as in PyTorch),
    /// interleaved as PNG stores them (r g b r g b …). Values in [0, 1] map to 0…255; others are clamped.
    /// </summary>
    public static (byte[] Pixels, int Height, int Width, int Channels) FromTensor(Tensor image)
    {
        var shape = image.shape;
        var (channels, height, width) = shape switch
        {
            [var h, var w] => (1, h, w),
            [1 or 3, var h, var w] => (shape[0], h, w),
            _ => throw new ArgumentException(
                $"ImageGrid.Add: an image must be [H, W] (grey) or [3, H, W] (RGB) with values in [0, 1], got shape {Tensor.Format(shape)}.",
                nameof(image)),
        };
        if (height == 0 || width == 0)
        {
            throw new ArgumentException($"ImageGrid.Add: the image {Tensor.Format(shape)} has no pixels.", nameof(image));
        }

        var planes = image.detach().ToArray();
        var pixels = new byte[height * width * channels];
        var plane = height * width;
        for (var p = 0; p < plane; p++)
        {
            for (var c = 0; c < channels; c++)
            {
                // Channel c of pixel p sits at c·H·W + p in the tensor and at p·channels + c in the PNG.
                pixels[(p * channels) + c] = ToByte(planes[(c * plane) + p]);
            }
        }

        return (pixels, height, width, channels);
    }

    /// <summary>[0, 1] → 0…255, rounding to nearest; NaN → 0.</summary>
    public static byte ToByte(float value) =>
        float.IsNaN(value) ? (byte)0 : (byte)MathF.Round(Math.Clamp(value, 0f, 1f) * 255f, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Enlarges the <paramref name="height"/>×<paramref name="width"/> map <paramref name="source"/> to
    /// <paramref name="toHeight"/>×<paramref name="toWidth"/>. Output pixel centres are mapped back to
    /// source coordinates: y_src = (y + ½)·height/toHeight − ½ (and the same for x).
    /// </summary>
    public static float[] Resize(float[] source, int height, int width, int toHeight, int toWidth, Interpolation mode)
    {
        var result = new float[toHeight * toWidth];
        for (var y = 0; y < toHeight; y++)
        {
            var sy = ((y + 0.5) * height / toHeight) - 0.5;
            for (var x = 0; x < toWidth; x++)
            {
                var sx = ((x + 0.5) * width / toWidth) - 0.5;
                result[(y * toWidth) + x] = mode == Interpolation.Nearest
                    ? source[(Nearest(sy, height) * width) + Nearest(sx, width)]
                    : Bilinear(source, height, width, sy, sx);
            }
        }

        return result;
    }

    /// <summary>
    /// The attention map as RGBA bytes: colours from <paramref name="scale"/> after stretching the map's own
    /// smallest…largest weight to 0…1, and alpha = <paramref name="opacity"/> everywhere so the image shows through.
    /// </summary>
    public static byte[] HeatColors(float[] weights, ColorScale scale, double opacity)
    {
        var finite = weights.Where(float.IsFinite).DefaultIfEmpty(0).ToList();
        double low = finite.Min(), high = finite.Max();
        var alpha = (byte)Math.Round(Math.Clamp(opacity, 0, 1) * 255, MidpointRounding.AwayFromZero);
        var pixels = new byte[weights.Length * 4];
        for (var i = 0; i < weights.Length; i++)
        {
            var color = scale.At(high > low ? (weights[i] - low) / (high - low) : 0);
            (pixels[4 * i], pixels[(4 * i) + 1], pixels[(4 * i) + 2], pixels[(4 * i) + 3]) = (color.R, color.G, color.B, alpha);
        }

        return pixels;
    }

    /// <summary>The source cell that contains the output pixel's centre (<paramref name="position"/> + ½, rounded down).</summary>
    private static int Nearest(double position, int size) => Math.Clamp((int)Math.Floor(position + 0.5), 0, size - 1);

    private static float Bilinear(float[] source, int height, int width, double sy, double sx)
    {
        // Clamp at the border, then mix the four surrounding values by distance.
        sy = Math.Clamp(sy, 0, height - 1);
        sx = Math.Clamp(sx, 0, width - 1);
        int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
        int y1 = Math.Min(y0 + 1, height - 1), x1 = Math.Min(x0 + 1, width - 1);
        double wy = sy - y0, wx = sx - x0;
        var top = ((1 - wx) * source[(y0 * width) + x0]) + (wx * source[(y0 * width) + x1]);
        var bottom = ((1 - wx) * source[(y1 * width) + x0]) + (wx * source[(y1 * width) + x1]);
        return (float)(((1 - wy) * top) + (wy * bottom));
    }
}
