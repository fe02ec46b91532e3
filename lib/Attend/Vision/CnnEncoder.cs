using Attend.Modules;

namespace Attend.Vision;

/// <summary>
/// A small convolutional encoder that turns pictures into a grid of feature vectors for attention to choose from:
/// a few blocks of [3×3 convolution (padding 1, so the size is kept) → ReLU → 2×2 max pool (halving the height and
/// width)], one per entry of <see cref="channels"/>. A [B, 3, 32, 32] batch through three blocks becomes a 4×4
/// grid: the output is [B, L = 16, D], location i = row·w + column, each vector describing one 8×8-pixel region of
/// the picture (and, through the stacked 3×3 windows, a bit of its surroundings).
/// <para>
/// Convolutions are translation-equivariant: a circle makes the same features wherever it is, so the features say
/// what is there but hardly where. Captions in reading order ("… left of …", "… above …") need where, so by default
/// each location's row and column, scaled to (−1, 1), are appended as two more features (D = channels[^1] + 2;
/// "CoordConv", Liu et al., 2018). The large pretrained CNN of the paper gets position from its padding and its
/// wide receptive fields; a three-block CNN trained for a minute does not.
/// </para>
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public sealed class CnnEncoder : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>
    /// Creates the encoder for pictures of <paramref name="in_channels"/> channels (3 for RGB), with one block per
    /// entry of <paramref name="channels"/> (8, 32, 32 when none are given) and, when <paramref name="coordinates"/>,
    /// each location's position appended to its features.
    /// </summary>
    public CnnEncoder(int in_channels, int[] channels, bool coordinates = true)
        : base(nameof(CnnEncoder))
    {
        ArgumentNullException.ThrowIfNull(channels);
        this.channels = channels.Length == 0 ? [8, 32, 32] : (int[])channels.Clone();
        if (in_channels <= 0 || this.channels.Any(c => c <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(channels),
                $"CnnEncoder: in_channels ({in_channels}) and every block's channels ({string.Join(", ", this.channels)}) must be positive.");
        }

        this.in_channels = in_channels;
        this.coordinates = coordinates;
        layers = new Sequential();
        var previous = in_channels;
        foreach (var c in this.channels)
        {
            var conv = new Conv2d(previous, c, 3, padding: 1);
            // He initialization for ReLU layers (as torchvision's ResNets): Var(w) = 2/fan_in keeps the activations'
            // scale from block to block. PyTorch's default (a = √5) shrinks it by about √6 per block, and three blocks
            // in, the features hardly differ between pictures: training would spend its first minutes undoing that.
            torch.nn.init.kaiming_uniform_(conv.weight, nonlinearity: "relu");
            torch.nn.init.zeros_(conv.bias!);
            layers.append(conv).append(new ReLU()).append(new MaxPool2d(2));
            previous = c;
        }

        register_module(nameof(layers), layers);
    }

    /// <summary>Creates the encoder with position features, one block per entry of <paramref name="channels"/>.</summary>
    public CnnEncoder(int in_channels = 3, params int[] channels)
        : this(in_channels, channels, coordinates: true)
    {
    }

    /// <summary>Whether each location's (row, column), scaled to (−1, 1), is appended to its features.</summary>
    public bool coordinates { get; }

    /// <summary>The channels of the input pictures.</summary>
    public int in_channels { get; }

    /// <summary>The channels of each block (the last one is the feature size D).</summary>
    public int[] channels { get; }

    /// <summary>D, the size of each feature vector: the last block's channels (+ 2 with <see cref="coordinates"/>).</summary>
    public int feature_dim => channels[^1] + (coordinates ? 2 : 0);

    /// <summary>The feature grid (h, w) for pictures of <paramref name="height"/> × <paramref name="width"/>: each block halves both (rounding down).</summary>
    public (int Height, int Width) GridShape(int height, int width) =>
        (height >> channels.Length, width >> channels.Length);

    /// <summary>The feature maps before flattening: [B, C, H, W] → [B, D, h, w].</summary>
    public Tensor FeatureMap(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.ndim != 4 || images.size(1) != in_channels)
        {
            throw new ArgumentException(
                $"CnnEncoder: expected pictures [B, {in_channels}, H, W], got shape {Tensor.Format(images.shape)}.", nameof(images));
        }

        var (h, w) = GridShape(images.size(2), images.size(3));
        if (h == 0 || w == 0)
        {
            throw new ArgumentException(
                $"CnnEncoder: pictures of {images.size(2)}×{images.size(3)} are too small for {channels.Length} blocks that each " +
                $"halve the size; use pictures of at least {1 << channels.Length} pixels or fewer blocks.", nameof(images));
        }

        return layers.call(images);
    }

    /// <summary>[B, C, H, W] → the feature grid as a sequence of locations, [B, L = h·w, D].</summary>
    public override Tensor forward(Tensor input)
    {
        var map = FeatureMap(input);
        if (coordinates)
        {
            map = torch.cat([map, Coordinates(map.size(0), map.size(2), map.size(3), map.device)], 1);
        }

        return map.flatten(2).transpose(1, 2);
    }

    /// <summary>
    /// Two constant maps [B, 2, h, w]: each cell's row and column scaled to (−1, 1), row first: (2r + 1)/h − 1 and
    /// (2c + 1)/w − 1.
    /// </summary>
    private static Tensor Coordinates(int batch, int h, int w, Device device)
    {
        var values = new float[2 * h * w];
        for (var r = 0; r < h; r++)
        {
            for (var c = 0; c < w; c++)
            {
                values[(r * w) + c] = (((2f * r) + 1) / h) - 1;
                values[(h * w) + (r * w) + c] = (((2f * c) + 1) / w) - 1;
            }
        }

        return torch.tensor(values, [1, 2, h, w], device).expand(batch, 2, h, w);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"in_channels={in_channels}, channels=[{string.Join(", ", channels)}], coordinates={coordinates}";
}
