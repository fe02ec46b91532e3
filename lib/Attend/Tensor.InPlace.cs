using Attend.Backends;

namespace Attend;

// In-place updates used by optimizers and gradient clipping. Like the in-place ops in Tensor.Elementwise.cs
// they are not recorded by autograd and refuse to modify a tensor that requires grad while recording is on.
public partial class Tensor
{
    /// <summary>x += value · tensor1 · tensor2 (in place; the product broadcasts to this shape).</summary>
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, float value = 1) =>
        AddCombined(tensor1, tensor2, BinaryOp.Mul, value, "addcmul_");

    /// <summary>x += value · tensor1 / tensor2 (in place; the quotient broadcasts to this shape).</summary>
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, float value = 1) =>
        AddCombined(tensor1, tensor2, BinaryOp.Div, value, "addcdiv_");

    /// <summary>x += value · (tensor1 op tensor2): one fused pass when the operands already have this shape.</summary>
    private Tensor AddCombined(Tensor tensor1, Tensor tensor2, BinaryOp op, float value, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor1);
        ArgumentNullException.ThrowIfNull(tensor2);
        CheckInPlace(name);
        if (SameShapeAndDevice(tensor1, tensor2))
        {
            Backend.AddScaled(tensor1.storage, tensor2.storage, op, value, storage, numel());
            return this;
        }

        var term = Elementwise(op, tensor1, tensor2, name);
        return InPlace(BinaryOp.Add, term.ScaleInPlace(value), name);
    }

    /// <summary>x −= alpha·other (in place)</summary>
    public Tensor sub_(Tensor other, float alpha) => add_(other, -alpha);

    /// <summary>x −= s (in place)</summary>
    public Tensor sub_(float s) => add_(-s);

    /// <summary>x /= s (in place; true division, so the rounding matches x / s rather than x · (1/s)).</summary>
    public Tensor div_(float s)
    {
        CheckInPlace("div_");
        Backend.Unary(UnaryOp.DivScalar, storage, storage, numel(), s);
        return this;
    }

    /// <summary>x = √x (in place)</summary>
    public Tensor sqrt_()
    {
        CheckInPlace("sqrt_");
        Backend.Unary(UnaryOp.Sqrt, storage, storage, numel());
        return this;
    }

    /// <summary>x = −x (in place)</summary>
    public Tensor neg_()
    {
        CheckInPlace("neg_");
        Backend.Unary(UnaryOp.Neg, storage, storage, numel());
        return this;
    }

    /// <summary>x = max(x, other) elementwise (in place; other broadcasts to this shape).</summary>
    public Tensor maximum_(Tensor other) => InPlace(BinaryOp.Max, other, "maximum_");

    /// <summary>x = min(x, other) elementwise (in place; other broadcasts to this shape).</summary>
    public Tensor minimum_(Tensor other) => InPlace(BinaryOp.Min, other, "minimum_");

    /// <summary>Scales a freshly computed, private temporary (skips the work when <paramref name="s"/> is 1).</summary>
    private Tensor ScaleInPlace(float s)
    {
        if (s != 1)
        {
            Backend.Unary(UnaryOp.MulScalar, storage, storage, numel(), s);
        }

        return this;
    }

    /// <summary>Whether both operands have this tensor's shape and device (the case of a fused one-pass update).</summary>
    private bool SameShapeAndDevice(Tensor first, Tensor second) =>
        first.ShapeEquals(this) && second.ShapeEquals(this) && first.device == device && second.device == device;
}
