namespace Attend.Plots;

/// <summary>One picture of an <see cref="ImageGrid"/>: its pixels, caption and optional attention map.</summary>
internal sealed record GridImage(byte[] Pixels, int Height, int Width, int Channels, string? Caption,
    float[]? Overlay, int OverlayHeight, int OverlayWidth, double OverlayOpacity);
