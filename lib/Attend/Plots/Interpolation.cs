namespace Attend.Plots;

/// <summary>How a coarse attention map is enlarged to the size of the image it lies on.</summary>
public enum Interpolation
{
    /// <summary>Each attention weight fills its whole block of pixels: shows exactly which grid cell was weighted.</summary>
    Nearest,

    /// <summary>Weights blend smoothly between block centres (as PyTorch's <c>interpolate(mode="bilinear", align_corners=False)</c>).</summary>
    Bilinear,
}
