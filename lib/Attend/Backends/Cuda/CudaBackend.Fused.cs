using ILGPU;
using ILGPU.Runtime;

namespace Attend.Backends.Cuda;

// The optimizers' one-pass updates (add_ with alpha, addcmul_, addcdiv_).
public sealed partial class CudaBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>? addScaledKernel;

    /// <inheritdoc/>
    public void AddScaled(Storage a, Storage? b, BinaryOp op, float value, Storage y, int count)
    {
        if (b is not null && op is not (BinaryOp.Mul or BinaryOp.Div))
        {
            throw new NotSupportedException($"cuda backend: AddScaled supports Mul and Div, not {op}.");
        }

        var mode = b is null ? 0 : op == BinaryOp.Mul ? 1 : 2;
        Launch(count, () => Kernel(ref addScaledKernel, k => k.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(AddScaledKernel))(
            count, V(a), V(b ?? a), V(y), mode, value));
    }

    /// <summary>y += value·a, y += (value·a)·b or y += (value·a)/b, in PyTorch's order of operations.</summary>
    private static void AddScaledKernel(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, int mode, float value)
    {
        var term = value * a[i];
        y[i] += mode == 0 ? term : mode == 1 ? term * b[i] : term / b[i];
    }
}
