using System.Numerics;
using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void AddScaled(Storage a, Storage? b, BinaryOp op, float value, Storage y, int count)
    {
        ReadOnlySpan<float> x = S(a)[..count];
        var r = S(y)[..count];
        if (b is null)
        {
            TensorPrimitives.MultiplyAdd(x, value, r, r); // y = a·value + y
        }
        else if (op == BinaryOp.Mul)
        {
            AddScaledProduct(x, S(b)[..count], value, r);
        }
        else if (op == BinaryOp.Div)
        {
            AddScaledQuotient(x, S(b)[..count], value, r);
        }
        else
        {
            throw new NotSupportedException($"cpu backend: AddScaled supports Mul and Div, not {op}.");
        }

        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(y);
    }

    /// <summary>r += (value · x) · z, one SIMD vector at a time, then the tail.</summary>
    private static void AddScaledProduct(ReadOnlySpan<float> x, ReadOnlySpan<float> z, float value, Span<float> r)
    {
        var i = 0;
        var v = new Vector<float>(value);
        for (; i <= r.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var sum = new Vector<float>(r[i..]) + (v * new Vector<float>(x[i..]) * new Vector<float>(z[i..]));
            sum.CopyTo(r[i..]);
        }

        for (; i < r.Length; i++)
        {
            r[i] += value * x[i] * z[i];
        }
    }

    /// <summary>r += (value · x) / z, one SIMD vector at a time, then the tail.</summary>
    private static void AddScaledQuotient(ReadOnlySpan<float> x, ReadOnlySpan<float> z, float value, Span<float> r)
    {
        var i = 0;
        var v = new Vector<float>(value);
        for (; i <= r.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var sum = new Vector<float>(r[i..]) + (v * new Vector<float>(x[i..]) / new Vector<float>(z[i..]));
            sum.CopyTo(r[i..]);
        }

        for (; i < r.Length; i++)
        {
            r[i] += value * x[i] / z[i];
        }
    }
}
