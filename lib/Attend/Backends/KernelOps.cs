namespace Attend.Backends;

/// <summary>Elementwise functions of one input. <c>p</c> and <c>q</c> are the op's scalar parameters.</summary>
public enum UnaryOp
{
    /// <summary>y = -x</summary>
    Neg,
    /// <summary>y = exp(x)</summary>
    Exp,
    /// <summary>y = ln(x)</summary>
    Log,
    /// <summary>y = sqrt(x)</summary>
    Sqrt,
    /// <summary>y = |x|</summary>
    Abs,
    /// <summary>y = tanh(x)</summary>
    Tanh,
    /// <summary>y = 1 / (1 + exp(-x))</summary>
    Sigmoid,
    /// <summary>y = max(x, 0)</summary>
    Relu,
    /// <summary>y = ln(1 + exp(x)), computed stably</summary>
    Softplus,
    /// <summary>y = sign(x) in {-1, 0, 1}</summary>
    Sign,
    /// <summary>y = 1 if x &gt; 0 else 0 (the derivative of relu)</summary>
    Step,
    /// <summary>y = min(max(x, p), q)</summary>
    Clamp,
    /// <summary>y = x ^ p</summary>
    PowScalar,
    /// <summary>y = x + p</summary>
    AddScalar,
    /// <summary>y = x * p</summary>
    MulScalar,
    /// <summary>y = p / x</summary>
    RDivScalar,
    /// <summary>y = p ^ x</summary>
    RPowScalar,
    /// <summary>y = 1 if p &lt;= x &lt;= q else 0 (the derivative mask of clamp)</summary>
    InRange,
    /// <summary>y = sin(x)</summary>
    Sin,
    /// <summary>y = cos(x)</summary>
    Cos,
    /// <summary>y = x / p (a true division: x · (1/p) can differ in the last bit)</summary>
    DivScalar,
}

/// <summary>Elementwise functions of two broadcast inputs.</summary>
public enum BinaryOp
{
    /// <summary>a + b</summary>
    Add,
    /// <summary>a - b</summary>
    Sub,
    /// <summary>a * b</summary>
    Mul,
    /// <summary>a / b</summary>
    Div,
    /// <summary>a ^ b</summary>
    Pow,
    /// <summary>max(a, b)</summary>
    Max,
    /// <summary>min(a, b)</summary>
    Min,
    /// <summary>1 if a == b else 0</summary>
    Eq,
    /// <summary>1 if a != b else 0</summary>
    Ne,
    /// <summary>1 if a &lt; b else 0</summary>
    Lt,
    /// <summary>1 if a &lt;= b else 0</summary>
    Le,
    /// <summary>1 if a &gt; b else 0</summary>
    Gt,
    /// <summary>1 if a &gt;= b else 0</summary>
    Ge,
}

/// <summary>Reductions along one dimension.</summary>
public enum ReduceOp
{
    /// <summary>Sum of the values.</summary>
    Sum,
    /// <summary>Largest value (and its first index).</summary>
    Max,
    /// <summary>Smallest value (and its first index).</summary>
    Min,
    /// <summary>log(sum(exp(x))), computed stably.</summary>
    LogSumExp,
}
