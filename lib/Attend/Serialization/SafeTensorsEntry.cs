namespace Attend.Serialization;

/// <summary>
/// One tensor as a safetensors header describes it: its element type, shape, and the byte range
/// [<paramref name="Begin"/>, <paramref name="End"/>) it occupies in the data buffer that follows the header.
/// </summary>
internal sealed record SafeTensorsEntry(string Name, string Dtype, int[] Shape, long Begin, long End)
{
    /// <summary>Number of elements (the product of the shape; 1 for a scalar).</summary>
    public int Count => Tensor.Product(Shape);
}
