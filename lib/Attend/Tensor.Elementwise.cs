using Attend.Backends;

namespace Attend;

public partial class Tensor
{
    // ---- one input -------------------------------------------------------------------------------------

    private Tensor Map(UnaryOp op, string name, Func<Tensor, Tensor, Tensor> backward, float p = 0, float q = 0)
    {
        var result = NewLike(dims, zero: false);
        Backend.Unary(op, storage, result.storage, numel(), p, q);
        return Record(result, name, [this], g => [backward(g, result)]);
    }

    private Tensor MapNoGrad(UnaryOp op, float p = 0, float q = 0)
    {
        var result = NewLike(dims, zero: false);
        Backend.Unary(op, storage, result.storage, numel(), p, q);
        return result;
    }

    /// <summary>−x</summary>
    public Tensor neg() => Map(UnaryOp.Neg, "neg", (g, _) => g.neg());

    /// <summary>e^x</summary>
    public Tensor exp() => Map(UnaryOp.Exp, "exp", (g, y) => g.mul(y));

    /// <summary>ln x</summary>
    public Tensor log() => Map(UnaryOp.Log, "log", (g, _) => g.div(this));

    /// <summary>√x</summary>
    public Tensor sqrt() => Map(UnaryOp.Sqrt, "sqrt", (g, y) => g.div(y.mul(2f)));

    /// <summary>|x| (gradient sign(x), 0 at 0)</summary>
    public Tensor abs() => Map(UnaryOp.Abs, "abs", (g, _) => g.mul(MapNoGrad(UnaryOp.Sign)));

    /// <summary>sign(x) in {−1, 0, 1}; zero gradient.</summary>
    public Tensor sign() => MapNoGrad(UnaryOp.Sign);

    /// <summary>tanh x (gradient 1 − tanh²)</summary>
    public Tensor tanh() => Map(UnaryOp.Tanh, "tanh", (g, y) => g.mul(y.mul(y).rsub(1f)));

    /// <summary>σ(x) = 1/(1+e^−x) (gradient σ(1−σ))</summary>
    public Tensor sigmoid() => Map(UnaryOp.Sigmoid, "sigmoid", (g, y) => g.mul(y.mul(y.rsub(1f))));

    /// <summary>max(x, 0)</summary>
    public Tensor relu() => Map(UnaryOp.Relu, "relu", (g, _) => g.mul(MapNoGrad(UnaryOp.Step)));

    /// <summary>ln(1 + e^x), computed stably (gradient σ(x))</summary>
    public Tensor softplus() => Map(UnaryOp.Softplus, "softplus", (g, _) => g.mul(MapNoGrad(UnaryOp.Sigmoid)));

    /// <summary>sin x</summary>
    public Tensor sin() => Map(UnaryOp.Sin, "sin", (g, _) => g.mul(MapNoGrad(UnaryOp.Cos)));

    /// <summary>cos x</summary>
    public Tensor cos() => Map(UnaryOp.Cos, "cos", (g, _) => g.mul(MapNoGrad(UnaryOp.Sin)).neg());

    /// <summary>x²</summary>
    public Tensor square() => pow(2f);

    /// <summary>1/x</summary>
    public Tensor reciprocal() => rdiv(1f);

    /// <summary>Limits values to [min, max]; the gradient passes only where x is inside.</summary>
    public Tensor clamp(float? min = null, float? max = null)
    {
        float lo = min ?? float.NegativeInfinity, hi = max ?? float.PositiveInfinity;
        if (lo > hi)
        {
            throw new ArgumentException($"clamp: min ({lo}) is greater than max ({hi}).", nameof(min));
        }

        return Map(UnaryOp.Clamp, "clamp", (g, _) => g.mul(MapNoGrad(UnaryOp.InRange, lo, hi)), lo, hi);
    }

    /// <summary>Same as <see cref="clamp"/>.</summary>
    public Tensor clip(float? min = null, float? max = null) => clamp(min, max);

    /// <summary>x^p for a scalar exponent.</summary>
    public Tensor pow(float exponent) =>
        Map(UnaryOp.PowScalar, "pow", (g, _) => exponent == 0 ? torch.zeros_like(g) : g.mul(pow(exponent - 1).mul(exponent)), exponent);

    /// <summary>x + s</summary>
    public Tensor add(float s) => Map(UnaryOp.AddScalar, "add", (g, _) => g, s);

    /// <summary>x − s</summary>
    public Tensor sub(float s) => add(-s);

    /// <summary>x · s</summary>
    public Tensor mul(float s) => Map(UnaryOp.MulScalar, "mul", (g, _) => g.mul(s), s);

    /// <summary>x / s</summary>
    public Tensor div(float s) => Map(UnaryOp.DivScalar, "div", (g, _) => g.div(s), s);

    /// <summary>s − x</summary>
    public Tensor rsub(float s) => Map(UnaryOp.MulScalar, "rsub", (g, _) => g.neg(), -1f).AddInPlaceScalar(s);

    /// <summary>s / x</summary>
    public Tensor rdiv(float s) => Map(UnaryOp.RDivScalar, "rdiv", (g, y) => g.mul(y).div(this).neg(), s);

    private Tensor AddInPlaceScalar(float s)
    {
        Backend.Unary(UnaryOp.AddScalar, storage, storage, numel(), s);
        return this;
    }

    // ---- two inputs, NumPy broadcasting ------------------------------------------------------------------

    /// <summary>The shape two operands broadcast to, or an error naming the op and both shapes.</summary>
    internal static int[] BroadcastShape(string op, int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together: dimension {i - rank} is " +
                    $"{da} in the first and {db} in the second (sizes must match or one must be 1).");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Strides that read a tensor of <paramref name="shape"/> as if it had <paramref name="target"/> (0 on broadcast dims).</summary>
    internal static int[] BroadcastStrides(int[] shape, int[] target)
    {
        var strides = new int[target.Length];
        var own = ContiguousStrides(shape);
        var shift = target.Length - shape.Length;
        for (var i = 0; i < shape.Length; i++)
        {
            strides[i + shift] = shape[i] == 1 ? 0 : own[i];
        }

        return strides;
    }

    private static Tensor Elementwise(BinaryOp op, Tensor a, Tensor b, string name)
    {
        SameDevice(name, a, b);
        var shape = a.ShapeEquals(b) ? a.dims : BroadcastShape(name, a.dims, b.dims);
        var result = a.NewLike(shape, zero: false);
        a.Backend.Binary(op, a.storage, BroadcastStrides(a.dims, shape), b.storage, BroadcastStrides(b.dims, shape),
                         result.storage, shape);
        return result;
    }

    /// <summary>Sums a broadcast gradient back down to <paramref name="shape"/> (the adjoint of broadcasting).</summary>
    internal Tensor SumTo(int[] shape)
    {
        if (dims.AsSpan().SequenceEqual(shape))
        {
            return this;
        }

        var extra = dims.Length - shape.Length;
        var reduce = new List<int>();
        for (var i = 0; i < dims.Length; i++)
        {
            if (i < extra || (shape[i - extra] == 1 && dims[i] != 1))
            {
                reduce.Add(i);
            }
        }

        var summed = reduce.Count == 0 ? this : sum([.. reduce], keepdim: true);
        return summed.reshape(shape);
    }

    /// <summary>a + b (broadcasting)</summary>
    public Tensor add(Tensor other)
    {
        var r = Elementwise(BinaryOp.Add, this, other, "add");
        return Record(r, "add", [this, other], g => [g.SumTo(dims), g.SumTo(other.dims)]);
    }

    /// <summary>a + alpha·b (broadcasting)</summary>
    public Tensor add(Tensor other, float alpha) => alpha == 1 ? add(other) : add(other.mul(alpha));

    /// <summary>a − b (broadcasting)</summary>
    public Tensor sub(Tensor other)
    {
        var r = Elementwise(BinaryOp.Sub, this, other, "sub");
        return Record(r, "sub", [this, other], g => [g.SumTo(dims), g.neg().SumTo(other.dims)]);
    }

    /// <summary>a · b elementwise (broadcasting)</summary>
    public Tensor mul(Tensor other)
    {
        var r = Elementwise(BinaryOp.Mul, this, other, "mul");
        return Record(r, "mul", [this, other], g => [
            requires_grad ? g.mul(other).SumTo(dims) : null,
            other.requires_grad ? g.mul(this).SumTo(other.dims) : null]);
    }

    /// <summary>a / b elementwise (broadcasting)</summary>
    public Tensor div(Tensor other)
    {
        var r = Elementwise(BinaryOp.Div, this, other, "div");
        return Record(r, "div", [this, other], g => [
            requires_grad ? g.div(other).SumTo(dims) : null,
            other.requires_grad ? g.mul(r).div(other).neg().SumTo(other.dims) : null]);
    }

    /// <summary>a ^ b elementwise (broadcasting); d/db needs a &gt; 0.</summary>
    public Tensor pow(Tensor exponent)
    {
        var r = Elementwise(BinaryOp.Pow, this, exponent, "pow");
        return Record(r, "pow", [this, exponent], g => [
            requires_grad ? g.mul(exponent).mul(pow(exponent.sub(1f))).SumTo(dims) : null,
            exponent.requires_grad ? g.mul(r).mul(log()).SumTo(exponent.dims) : null]);
    }

    /// <summary>Elementwise maximum (broadcasting); ties split the gradient evenly.</summary>
    public Tensor maximum(Tensor other) => Extreme(other, BinaryOp.Max, "maximum");

    /// <summary>Elementwise minimum (broadcasting); ties split the gradient evenly.</summary>
    public Tensor minimum(Tensor other) => Extreme(other, BinaryOp.Min, "minimum");

    private Tensor Extreme(Tensor other, BinaryOp op, string name)
    {
        var r = Elementwise(op, this, other, name);
        return Record(r, name, [this, other], g =>
        {
            var wins = Elementwise(op == BinaryOp.Max ? BinaryOp.Gt : BinaryOp.Lt, this, other, name);
            var ties = Elementwise(BinaryOp.Eq, this, other, name).mul(0.5f);
            var share = wins.add(ties);
            return [g.mul(share).SumTo(dims), g.mul(share.rsub(1f)).SumTo(other.dims)];
        });
    }

    /// <summary>1 where a == b, else 0 (no gradient).</summary>
    public Tensor eq(Tensor other) => Elementwise(BinaryOp.Eq, this, other, "eq");

    /// <summary>1 where a != b, else 0.</summary>
    public Tensor ne(Tensor other) => Elementwise(BinaryOp.Ne, this, other, "ne");

    /// <summary>1 where a &lt; b, else 0.</summary>
    public Tensor lt(Tensor other) => Elementwise(BinaryOp.Lt, this, other, "lt");

    /// <summary>1 where a &lt;= b, else 0.</summary>
    public Tensor le(Tensor other) => Elementwise(BinaryOp.Le, this, other, "le");

    /// <summary>1 where a &gt; b, else 0.</summary>
    public Tensor gt(Tensor other) => Elementwise(BinaryOp.Gt, this, other, "gt");

    /// <summary>1 where a &gt;= b, else 0.</summary>
    public Tensor ge(Tensor other) => Elementwise(BinaryOp.Ge, this, other, "ge");

    /// <summary>1 where x == s, else 0.</summary>
    public Tensor eq(float s) => eq(Scalar(s));

    /// <summary>1 where x != s, else 0.</summary>
    public Tensor ne(float s) => ne(Scalar(s));

    /// <summary>1 where x &lt; s, else 0.</summary>
    public Tensor lt(float s) => lt(Scalar(s));

    /// <summary>1 where x &lt;= s, else 0.</summary>
    public Tensor le(float s) => le(Scalar(s));

    /// <summary>1 where x &gt; s, else 0.</summary>
    public Tensor gt(float s) => gt(Scalar(s));

    /// <summary>1 where x &gt;= s, else 0.</summary>
    public Tensor ge(float s) => ge(Scalar(s));

    private Tensor Scalar(float s) => torch.full([], s, device);

    // ---- operators -------------------------------------------------------------------------------------

    /// <summary>a + b</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);

    /// <summary>a + s</summary>
    public static Tensor operator +(Tensor a, float s) => a.add(s);

    /// <summary>s + a</summary>
    public static Tensor operator +(float s, Tensor a) => a.add(s);

    /// <summary>a − b</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);

    /// <summary>a − s</summary>
    public static Tensor operator -(Tensor a, float s) => a.sub(s);

    /// <summary>s − a</summary>
    public static Tensor operator -(float s, Tensor a) => a.rsub(s);

    /// <summary>−a</summary>
    public static Tensor operator -(Tensor a) => a.neg();

    /// <summary>a · b elementwise</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);

    /// <summary>a · s</summary>
    public static Tensor operator *(Tensor a, float s) => a.mul(s);

    /// <summary>s · a</summary>
    public static Tensor operator *(float s, Tensor a) => a.mul(s);

    /// <summary>a / b elementwise</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);

    /// <summary>a / s</summary>
    public static Tensor operator /(Tensor a, float s) => a.div(s);

    /// <summary>s / a</summary>
    public static Tensor operator /(float s, Tensor a) => a.rdiv(s);

    // ---- in place (for optimizers and initializers; not recorded) ---------------------------------------

    private void CheckInPlace(string op)
    {
        if (requires_grad && torch.is_grad_enabled())
        {
            throw new InvalidOperationException(
                $"{op}: a tensor that requires grad is being modified in place while gradients are recorded; " +
                "wrap the update in 'using (torch.no_grad())'.");
        }
    }

    private Tensor InPlace(BinaryOp op, Tensor other, string name)
    {
        CheckInPlace(name);
        SameDevice(name, this, other);
        var shape = BroadcastShape(name, dims, other.dims);
        if (!shape.AsSpan().SequenceEqual(dims))
        {
            throw new ArgumentException(
                $"{name}: the result shape {Format(shape)} differs from this tensor's shape {Format(dims)}; an in-place op " +
                "cannot grow its target.");
        }

        Backend.Binary(op, storage, ContiguousStrides(dims), other.storage, BroadcastStrides(other.dims, dims), storage, dims);
        return this;
    }

    /// <summary>x += other (in place)</summary>
    public Tensor add_(Tensor other) => InPlace(BinaryOp.Add, other, "add_");

    /// <summary>x += alpha·other (in place)</summary>
    public Tensor add_(Tensor other, float alpha)
    {
        if (alpha != 1 && other.ShapeEquals(this) && other.device == device)
        {
            CheckInPlace("add_");
            Backend.AddScaled(other.storage, null, BinaryOp.Mul, alpha, storage, numel()); // one pass, no temporary
            return this;
        }

        return alpha == 1 ? add_(other) : InPlace(BinaryOp.Add, other.MulNoGrad(alpha), "add_");
    }

    /// <summary>x += s (in place)</summary>
    public Tensor add_(float s)
    {
        CheckInPlace("add_");
        Backend.Unary(UnaryOp.AddScalar, storage, storage, numel(), s);
        return this;
    }

    /// <summary>x −= other (in place)</summary>
    public Tensor sub_(Tensor other) => InPlace(BinaryOp.Sub, other, "sub_");

    /// <summary>x ·= other (in place)</summary>
    public Tensor mul_(Tensor other) => InPlace(BinaryOp.Mul, other, "mul_");

    /// <summary>x ·= s (in place)</summary>
    public Tensor mul_(float s)
    {
        CheckInPlace("mul_");
        Backend.Unary(UnaryOp.MulScalar, storage, storage, numel(), s);
        return this;
    }

    /// <summary>x /= other (in place)</summary>
    public Tensor div_(Tensor other) => InPlace(BinaryOp.Div, other, "div_");

    /// <summary>x = clamp(x, min, max) (in place)</summary>
    public Tensor clamp_(float? min = null, float? max = null)
    {
        CheckInPlace("clamp_");
        Backend.Unary(UnaryOp.Clamp, storage, storage, numel(), min ?? float.NegativeInfinity, max ?? float.PositiveInfinity);
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/> (in place).</summary>
    public Tensor fill_(float value)
    {
        CheckInPlace("fill_");
        Backend.Fill(storage, numel(), value);
        return this;
    }

    /// <summary>Sets every element to zero (in place).</summary>
    public Tensor zero_() => fill_(0);

    /// <summary>Copies <paramref name="source"/>'s values (broadcast to this shape) into this tensor.</summary>
    public Tensor copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckInPlace("copy_");
        var src = source.device == device ? source : source.detach().to(device);
        if (!BroadcastShape("copy_", dims, src.dims).AsSpan().SequenceEqual(dims))
        {
            throw new ArgumentException(
                $"copy_: source of shape {Format(src.dims)} does not broadcast to this tensor's shape {Format(dims)}.",
                nameof(source));
        }

        Backend.StridedCopy(src.storage, BroadcastStrides(src.dims, dims), storage, dims);
        return this;
    }

    internal Tensor MulNoGrad(float s) => MapNoGrad(UnaryOp.MulScalar, s);
}
