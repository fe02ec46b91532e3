using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Attend.Serialization;

/// <summary>
/// The element types a safetensors file may declare, their sizes in bytes, and how each becomes float32
/// (the only element type this library computes with). All values in the file are little-endian.
/// </summary>
internal static class SafeTensorsDtype
{
    /// <summary>Bytes per element of every dtype this reader understands, by its name in the header.</summary>
    private static readonly Dictionary<string, int> Sizes = new(StringComparer.Ordinal)
    {
        ["F32"] = 4,
        ["F64"] = 8,
        ["F16"] = 2,
        ["BF16"] = 2,
        ["I64"] = 8,
        ["I32"] = 4,
        ["I16"] = 2,
        ["I8"] = 1,
        ["U64"] = 8,
        ["U32"] = 4,
        ["U16"] = 2,
        ["U8"] = 1,
        ["BOOL"] = 1,
    };

    /// <summary>The dtype names this reader accepts, for error messages.</summary>
    public static string Supported => string.Join(", ", Sizes.Keys);

    /// <summary>The element size of <paramref name="dtype"/>, or false when it is not supported.</summary>
    public static bool TryGetSize(string dtype, out int size) => Sizes.TryGetValue(dtype, out size);

    /// <summary>
    /// Converts <paramref name="source"/> (whole elements of <paramref name="dtype"/>) into float32 values.
    /// Half floats widen exactly; F64 and 64-bit integers round to the nearest float (integers are exact up to 2^24,
    /// as everywhere in this library); BOOL becomes 0 or 1.
    /// </summary>
    public static void ToFloat(string dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (dtype)
        {
            case "F32":
                if (BitConverter.IsLittleEndian)
                {
                    MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                }
                else
                {
                    for (var i = 0; i < destination.Length; i++)
                    {
                        destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                    }
                }

                break;
            case "F64":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
                }

                break;
            case "F16":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]);
                }

                break;
            case "BF16":
                // bfloat16 is the top half of a float32: sign, 8 exponent bits, 7 mantissa bits.
                for (var i = 0; i < destination.Length; i++)
                {
                    var bits = (uint)BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]) << 16;
                    destination[i] = BitConverter.UInt32BitsToSingle(bits);
                }

                break;
            case "I64":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt64LittleEndian(source[(8 * i)..]);
                }

                break;
            case "I32":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
                }

                break;
            case "I16":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]);
                }

                break;
            case "I8":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (sbyte)source[i];
                }

                break;
            case "U64":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadUInt64LittleEndian(source[(8 * i)..]);
                }

                break;
            case "U32":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadUInt32LittleEndian(source[(4 * i)..]);
                }

                break;
            case "U16":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]);
                }

                break;
            case "U8":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = source[i];
                }

                break;
            case "BOOL":
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = source[i] != 0 ? 1f : 0f;
                }

                break;
            default:
                throw new ArgumentException($"safetensors: unsupported dtype '{dtype}'.", nameof(dtype));
        }
    }

    /// <summary>Writes float32 values as little-endian bytes (the F32 layout of the format).</summary>
    public static void WriteF32(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> four = stackalloc byte[4];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(four, v);
            stream.Write(four);
        }
    }
}
