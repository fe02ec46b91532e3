using System.Numerics;
using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void Unary(UnaryOp op, Storage x, Storage y, int count, float p = 0, float q = 0)
    {
        ReadOnlySpan<float> a = S(x)[..count];
        var r = S(y)[..count];
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(a, r); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(a, r); break;
            case UnaryOp.Log: TensorPrimitives.Log(a, r); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(a, r); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(a, r); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(a, r); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(a, r); break;
            case UnaryOp.Relu: TensorPrimitives.Max(a, 0f, r); break;
            case UnaryOp.Clamp: TensorPrimitives.Min(a, q, r); TensorPrimitives.Max(r, p, r); break;
            case UnaryOp.PowScalar: PowScalar(a, p, r); break;
            case UnaryOp.AddScalar: TensorPrimitives.Add(a, p, r); break;
            case UnaryOp.MulScalar: TensorPrimitives.Multiply(a, p, r); break;
            case UnaryOp.DivScalar: TensorPrimitives.Divide(a, p, r); break;
            case UnaryOp.RDivScalar: TensorPrimitives.Divide(p, a, r); break;
            case UnaryOp.RPowScalar: TensorPrimitives.Pow(p, a, r); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(a, r); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(a, r); break;
            case UnaryOp.Softplus:
                for (var i = 0; i < a.Length; i++)
                {
                    // log(1 + e^x) = max(x, 0) + log(1 + e^-|x|): no overflow for large |x|.
                    var v = a[i];
                    r[i] = MathF.Max(v, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(v)));
                }

                break;
            case UnaryOp.Sign: Masks(op, a, r, p, q); break;
            case UnaryOp.Step: Masks(op, a, r, p, q); break;
            case UnaryOp.InRange: Masks(op, a, r, p, q); break;
            default:
                throw new NotSupportedException($"cpu backend: unary op {op} is not implemented.");
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
    }

    /// <summary>
    /// sign(x), step(x) = [x &gt; 0] and [p ≤ x ≤ q] with vector compares and selects: the derivative masks of
    /// abs, relu and clamp. Branch-free on purpose: with random signs a branch mispredicts half the time.
    /// NaN compares false everywhere, so it maps to 0.
    /// </summary>
    private static void Masks(UnaryOp op, ReadOnlySpan<float> a, Span<float> r, float p, float q)
    {
        var (one, zero) = (Vector<float>.One, Vector<float>.Zero);
        var (low, high) = (new Vector<float>(p), new Vector<float>(q));
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var x = new Vector<float>(a[i..]);
            var mask = op switch
            {
                UnaryOp.Sign => Vector.ConditionalSelect(Vector.GreaterThan(x, zero), one,
                                                         Vector.ConditionalSelect(Vector.LessThan(x, zero), -one, zero)),
                UnaryOp.Step => Vector.ConditionalSelect(Vector.GreaterThan(x, zero), one, zero),
                _ => Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, low) & Vector.LessThanOrEqual(x, high), one, zero),
            };
            mask.CopyTo(r[i..]);
        }

        for (; i < a.Length; i++)
        {
            r[i] = op switch
            {
                UnaryOp.Sign => a[i] > 0 ? 1f : a[i] < 0 ? -1f : 0f,
                UnaryOp.Step => a[i] > 0 ? 1f : 0f,
                _ => a[i] >= p && a[i] <= q ? 1f : 0f,
            };
        }
    }

    private static void PowScalar(ReadOnlySpan<float> a, float p, Span<float> r)
    {
        if (p == 2f)
        {
            TensorPrimitives.Multiply(a, a, r);
        }
        else if (p == 1f)
        {
            a.CopyTo(r);
        }
        else if (p == 0.5f)
        {
            TensorPrimitives.Sqrt(a, r);
        }
        else
        {
            TensorPrimitives.Pow(a, p, r);
        }
    }

    /// <inheritdoc/>
    public void Binary(BinaryOp op, Storage a, int[] aStrides, Storage b, int[] bStrides, Storage y, int[] shape)
    {
        // Merged shape and strides live on the stack: a binary op on small tensors should allocate nothing here.
        var capacity = shape.Length + 1;
        Span<int> dims = stackalloc int[capacity], sa = stackalloc int[capacity], sb = stackalloc int[capacity];
        Span<int> index = stackalloc int[capacity];
        var rank = Coalesce(shape, aStrides, bStrides, null, dims, sa, sb, []);
        var av = S(a);
        var bv = S(b);
        var yv = S(y);
        var inner = dims[rank - 1];
        var ia = sa[rank - 1];
        var ib = sb[rank - 1];
        int offA = 0, offB = 0;
        for (var start = 0; start < yv.Length; start += inner)
        {
            BinaryRow(op, av, offA, ia, bv, offB, ib, yv.Slice(start, inner));
            for (var d = rank - 2; d >= 0; d--)
            {
                offA += sa[d];
                offB += sb[d];
                if (++index[d] < dims[d])
                {
                    break;
                }

                offA -= sa[d] * dims[d];
                offB -= sb[d] * dims[d];
                index[d] = 0;
            }
        }

        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(y);
    }

    private static void BinaryRow(BinaryOp op, Span<float> a, int offA, int strideA, Span<float> b, int offB, int strideB,
                                  Span<float> r)
    {
        var n = r.Length;
        if (strideA == 1 && strideB == 1)
        {
            ReadOnlySpan<float> x = a.Slice(offA, n), z = b.Slice(offB, n);
            switch (op)
            {
                case BinaryOp.Add: TensorPrimitives.Add(x, z, r); return;
                case BinaryOp.Sub: TensorPrimitives.Subtract(x, z, r); return;
                case BinaryOp.Mul: TensorPrimitives.Multiply(x, z, r); return;
                case BinaryOp.Div: TensorPrimitives.Divide(x, z, r); return;
                case BinaryOp.Max: TensorPrimitives.Max(x, z, r); return;
                case BinaryOp.Min: TensorPrimitives.Min(x, z, r); return;
                case BinaryOp.Pow: TensorPrimitives.Pow(x, z, r); return;
            }
        }
        else if (strideA == 1 && strideB == 0)
        {
            ReadOnlySpan<float> x = a.Slice(offA, n);
            var s = b[offB];
            switch (op)
            {
                case BinaryOp.Add: TensorPrimitives.Add(x, s, r); return;
                case BinaryOp.Sub: TensorPrimitives.Subtract(x, s, r); return;
                case BinaryOp.Mul: TensorPrimitives.Multiply(x, s, r); return;
                case BinaryOp.Div: TensorPrimitives.Divide(x, s, r); return;
                case BinaryOp.Max: TensorPrimitives.Max(x, s, r); return;
                case BinaryOp.Min: TensorPrimitives.Min(x, s, r); return;
                case BinaryOp.Pow: TensorPrimitives.Pow(x, s, r); return;
            }
        }
        else if (strideA == 0 && strideB == 1)
        {
            var s = a[offA];
            ReadOnlySpan<float> z = b.Slice(offB, n);
            switch (op)
            {
                case BinaryOp.Add: TensorPrimitives.Add(z, s, r); return;
                case BinaryOp.Sub: TensorPrimitives.Subtract(s, z, r); return;
                case BinaryOp.Mul: TensorPrimitives.Multiply(z, s, r); return;
                case BinaryOp.Div: TensorPrimitives.Divide(s, z, r); return;
                case BinaryOp.Max: TensorPrimitives.Max(z, s, r); return;
                case BinaryOp.Min: TensorPrimitives.Min(z, s, r); return;
                case BinaryOp.Pow: TensorPrimitives.Pow(s, z, r); return;
            }
        }

        for (int i = 0, ia = offA, ib = offB; i < n; i++, ia += strideA, ib += strideB)
        {
            r[i] = Apply(op, a[ia], b[ib]);
        }
    }

    private static float Apply(BinaryOp op, float x, float y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Sub => x - y,
        BinaryOp.Mul => x * y,
        BinaryOp.Div => x / y,
        BinaryOp.Pow => MathF.Pow(x, y),
        BinaryOp.Max => MathF.Max(x, y),
        BinaryOp.Min => MathF.Min(x, y),
        BinaryOp.Eq => x == y ? 1f : 0f,
        BinaryOp.Ne => x != y ? 1f : 0f,
        BinaryOp.Lt => x < y ? 1f : 0f,
        BinaryOp.Le => x <= y ? 1f : 0f,
        BinaryOp.Gt => x > y ? 1f : 0f,
        BinaryOp.Ge => x >= y ? 1f : 0f,
        _ => throw new NotSupportedException($"cpu backend: binary op {op} is not implemented."),
    };

    /// <inheritdoc/>
    public void Where(Storage cond, int[] condStrides, Storage a, int[] aStrides, Storage b, int[] bStrides,
                      Storage y, int[] shape)
    {
        var capacity = shape.Length + 1;
        Span<int> dims = stackalloc int[capacity], sa = stackalloc int[capacity], sb = stackalloc int[capacity];
        Span<int> sc = stackalloc int[capacity], index = stackalloc int[capacity];
        var rank = Coalesce(shape, aStrides, bStrides, condStrides, dims, sa, sb, sc);
        var cv = S(cond);
        var av = S(a);
        var bv = S(b);
        var yv = S(y);
        var inner = dims[rank - 1];
        int ia = sa[rank - 1], ib = sb[rank - 1], ic = sc[rank - 1];
        int offA = 0, offB = 0, offC = 0;
        for (var start = 0; start < yv.Length; start += inner)
        {
            for (var i = 0; i < inner; i++)
            {
                yv[start + i] = cv[offC + (i * ic)] != 0 ? av[offA + (i * ia)] : bv[offB + (i * ib)];
            }

            for (var d = rank - 2; d >= 0; d--)
            {
                offA += sa[d];
                offB += sb[d];
                offC += sc[d];
                if (++index[d] < dims[d])
                {
                    break;
                }

                offA -= sa[d] * dims[d];
                offB -= sb[d] * dims[d];
                offC -= sc[d] * dims[d];
                index[d] = 0;
            }
        }

        GC.KeepAlive(cond);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(y);
    }

    /// <summary>
    /// Merges adjacent dimensions that are contiguous for every operand, so a same-shape op becomes one flat
    /// loop and a row-broadcast becomes [rows, cols] with one stride 0. Writes the merged sizes and strides
    /// into the spans (shape.Length + 1 long; <paramref name="sc"/> only when <paramref name="c"/> is given)
    /// and returns how many dimensions are left.
    /// </summary>
    private static int Coalesce(int[] shape, int[] a, int[] b, int[]? c, Span<int> dims, Span<int> sa, Span<int> sb, Span<int> sc)
    {
        var rank = 0;
        for (var d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1)
            {
                continue;
            }

            var k = rank - 1;
            if (k >= 0 && sa[k] == a[d] * shape[d] && sb[k] == b[d] * shape[d] && (c is null || sc[k] == c[d] * shape[d]))
            {
                dims[k] *= shape[d];
                sa[k] = a[d];
                sb[k] = b[d];
                if (c is not null)
                {
                    sc[k] = c[d];
                }
            }
            else
            {
                dims[rank] = shape[d];
                sa[rank] = a[d];
                sb[rank] = b[d];
                if (c is not null)
                {
                    sc[rank] = c[d];
                }

                rank++;
            }
        }

        if (rank == 0)
        {
            // A single element: one dimension of size 1 keeps the loops uniform.
            dims[0] = 1;
            sa[0] = sb[0] = 0;
            if (c is not null)
            {
                sc[0] = 0;
            }

            rank = 1;
        }

        return rank;
    }
}
