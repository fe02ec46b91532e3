using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// Elementwise kernels: one thread per output value; the op is a kernel argument (one compiled kernel per family).
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, int, float, float>? unaryKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, BroadcastPlan>? binaryKernel;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BroadcastPlan>? whereKernel;

    /// <inheritdoc/>
    public void Unary(UnaryOp op, Storage x, Storage y, int count, float p = 0, float q = 0)
    {
        if (!Enum.IsDefined(op))
        {
            throw new NotSupportedException($"cuda backend: unary op {op} is not implemented.");
        }

        Launch(count, () => Kernel(ref unaryKernel, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, float, float>(UnaryKernel))(
            count, V(x), V(y), (int)op, p, q));
    }

    private static void UnaryKernel(Index1D i, ArrayView<float> x, ArrayView<float> y, int op, float p, float q) =>
        y[i] = ApplyUnary((UnaryOp)op, x[i], p, q);

    /// <summary>The scalar function of each <see cref="UnaryOp"/>, as the CPU backend computes it.</summary>
    internal static float ApplyUnary(UnaryOp op, float v, float p, float q)
    {
        switch (op)
        {
            case UnaryOp.Neg: return -v;
            case UnaryOp.Exp: return XMath.Exp(v);
            case UnaryOp.Log: return XMath.Log(v);
            case UnaryOp.Sqrt: return XMath.Sqrt(v);
            case UnaryOp.Abs: return XMath.Abs(v);
            case UnaryOp.Tanh: return XMath.Tanh(v);
            case UnaryOp.Sigmoid: return 1f / (1f + XMath.Exp(-v));
            case UnaryOp.Relu: return v > 0f ? v : 0f;
            case UnaryOp.Softplus: return XMath.Max(v, 0f) + XMath.Log(1f + XMath.Exp(-XMath.Abs(v)));
            case UnaryOp.Sign: return v > 0f ? 1f : v < 0f ? -1f : 0f;
            case UnaryOp.Step: return v > 0f ? 1f : 0f;
            case UnaryOp.Clamp: return XMath.Max(XMath.Min(v, q), p);
            case UnaryOp.PowScalar: return p == 2f ? v * v : p == 1f ? v : p == 0.5f ? XMath.Sqrt(v) : XMath.Pow(v, p);
            case UnaryOp.AddScalar: return v + p;
            case UnaryOp.MulScalar: return v * p;
            case UnaryOp.RDivScalar: return p / v;
            case UnaryOp.RPowScalar: return XMath.Pow(p, v);
            case UnaryOp.InRange: return v >= p && v <= q ? 1f : 0f;
            case UnaryOp.Sin: return XMath.Sin(v);
            case UnaryOp.Cos: return XMath.Cos(v);
            default: return v / p; // DivScalar (the last op; others were rejected on the host)
        }
    }

    /// <inheritdoc/>
    public void Binary(BinaryOp op, Storage a, int[] aStrides, Storage b, int[] bStrides, Storage y, int[] shape)
    {
        var total = y.Length;
        if (!Enum.IsDefined(op))
        {
            throw new NotSupportedException($"cuda backend: binary op {op} is not implemented.");
        }

        var plan = BroadcastPlan.Create(op.ToString().ToLowerInvariant(), shape, aStrides, bStrides, null);
        Launch(total, () => Kernel(ref binaryKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, BroadcastPlan>(BinaryKernel))(
            total, V(a), V(b), V(y), (int)op, plan));
    }

    private static void BinaryKernel(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, int op, BroadcastPlan plan)
    {
        plan.Offsets(i, out var ia, out var ib, out _);
        y[i] = ApplyBinary((BinaryOp)op, a[ia], b[ib]);
    }

    /// <summary>The scalar function of each <see cref="BinaryOp"/>.</summary>
    internal static float ApplyBinary(BinaryOp op, float x, float z)
    {
        switch (op)
        {
            case BinaryOp.Add: return x + z;
            case BinaryOp.Sub: return x - z;
            case BinaryOp.Mul: return x * z;
            case BinaryOp.Div: return x / z;
            case BinaryOp.Pow: return XMath.Pow(x, z);
            case BinaryOp.Max: return XMath.IsNaN(x) || XMath.IsNaN(z) ? float.NaN : XMath.Max(x, z);
            case BinaryOp.Min: return XMath.IsNaN(x) || XMath.IsNaN(z) ? float.NaN : XMath.Min(x, z);
            case BinaryOp.Eq: return x == z ? 1f : 0f;
            case BinaryOp.Ne: return x != z ? 1f : 0f;
            case BinaryOp.Lt: return x < z ? 1f : 0f;
            case BinaryOp.Le: return x <= z ? 1f : 0f;
            case BinaryOp.Gt: return x > z ? 1f : 0f;
            default: return x >= z ? 1f : 0f; // Ge
        }
    }

    /// <inheritdoc/>
    public void Where(Storage cond, int[] condStrides, Storage a, int[] aStrides, Storage b, int[] bStrides,
                      Storage y, int[] shape)
    {
        var total = y.Length;
        var plan = BroadcastPlan.Create("where", shape, aStrides, bStrides, condStrides);
        Launch(total, () => Kernel(ref whereKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BroadcastPlan>(WhereKernel))(
            total, V(cond), V(a), V(b), V(y), plan));
    }

    private static void WhereKernel(Index1D i, ArrayView<float> cond, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, BroadcastPlan plan)
    {
        plan.Offsets(i, out var ia, out var ib, out var ic);
        y[i] = cond[ic] != 0f ? a[ia] : b[ib];
    }
}
