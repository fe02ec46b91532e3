using Attend.Autograd;
using Attend.Backends;

namespace Attend;

/// <summary>
/// An n-dimensional array of float32 values, row-major and contiguous, on one <see cref="Device"/>, that
/// records the operations applied to it so <see cref="backward"/> can compute gradients.
/// Integer data (class labels, indices) is stored as exact whole floats (exact up to 2^24).
/// Method names follow PyTorch/TorchSharp (<c>sum</c>, <c>backward</c>, <c>requires_grad</c>) so code ports directly.
/// </summary>
[Display.TypeFormatterSource(typeof(Display.AttendFormatterSource), PreferredMimeTypes = [Display.AttendFormatterSource.Html, Display.AttendFormatterSource.PlainText])]
public partial class Tensor
{
    internal Storage storage;
    internal readonly int[] dims;
    private bool requiresGrad;
    private Tensor? gradValue;

    internal Tensor(Storage storage, int[] dims)
    {
        this.storage = storage;
        this.dims = dims;
    }

    /// <summary>Creates a tensor that shares <paramref name="other"/>'s storage and autograd state (for <see cref="Parameter"/>).</summary>
    protected Tensor(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        storage = other.storage;
        dims = other.dims;
    }

    /// <summary>The size of each dimension (a copy; use <see cref="size(int)"/> for one).</summary>
    public int[] shape => (int[])dims.Clone();

    /// <summary>The device the values live on.</summary>
    public Device device => storage.Device;

    /// <summary>The number of dimensions.</summary>
    public int ndim => dims.Length;

    /// <summary>The number of dimensions.</summary>
    public int dim() => dims.Length;

    /// <summary>The total number of elements.</summary>
    public int numel() => storage.Length;

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int size(int dim) => dims[NormalizeDim(dim, dims.Length, "size")];

    /// <summary>The shape, as <c>x.size()</c> returns it.</summary>
    public int[] size() => shape;

    /// <summary>The op that produced this tensor, or null for a leaf.</summary>
    public Node? grad_fn { get; internal set; }

    /// <summary>True for tensors created by the user rather than by an op that records gradients.</summary>
    public bool is_leaf => grad_fn is null;

    /// <summary>Whether gradients flow to this tensor. Only leaves may be switched on or off.</summary>
    public bool requires_grad
    {
        get => requiresGrad;
        set
        {
            if (!is_leaf && !value)
            {
                throw new InvalidOperationException(
                    "requires_grad: you can only change requires_grad of leaf tensors; use detach() on a computed tensor.");
            }

            requiresGrad = value;
        }
    }

    /// <summary>The accumulated gradient after <see cref="backward"/>; null until then or after zero_grad.</summary>
    public Tensor? grad
    {
        get => gradValue;
        set
        {
            if (value is not null && !value.ShapeEquals(this))
            {
                throw new ArgumentException(
                    $"grad: assigned gradient has shape {Format(value.dims)} but the tensor has shape {Format(dims)}.",
                    nameof(value));
            }

            gradValue = value;
        }
    }

    internal IBackend Backend => Backends.Backend.For(storage.Device);

    /// <summary>Turns gradient tracking on (or off) in place and returns this tensor.</summary>
    public Tensor requires_grad_(bool requiresGrad = true)
    {
        requires_grad = requiresGrad;
        return this;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad, accumulating into
    /// their <see cref="grad"/>. A scalar needs no <paramref name="gradient"/>; otherwise pass dL/dthis.
    /// </summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        if (!requires_grad)
        {
            throw new InvalidOperationException(
                "backward: this tensor does not require grad and has no grad_fn; did a parameter miss " +
                "requires_grad, or was it computed under no_grad()?");
        }

        if (gradient is null)
        {
            if (numel() != 1)
            {
                throw new InvalidOperationException(
                    $"backward: grad can be implicitly created only for scalar outputs, but this tensor has shape " +
                    $"{Format(dims)}; pass a gradient of that shape.");
            }

            gradient = torch.ones_like(this);
        }
        else if (!gradient.ShapeEquals(this))
        {
            throw new ArgumentException(
                $"backward: gradient has shape {Format(gradient.dims)} but the tensor has shape {Format(dims)}.",
                nameof(gradient));
        }

        Engine.Backward(this, gradient.detach(), retain_graph);
    }

    internal void AccumulateGrad(Tensor g)
    {
        if (gradValue is null)
        {
            // Own a private copy: the same gradient tensor may be handed to several inputs.
            gradValue = g.clone();
        }
        else
        {
            gradValue.add_(g);
        }
    }

    /// <summary>A tensor sharing these values with no gradient history.</summary>
    public Tensor detach() => new(storage, dims);

    /// <summary>The single value of a one-element tensor.</summary>
    public float item()
    {
        if (numel() != 1)
        {
            throw new InvalidOperationException(
                $"item: only one-element tensors can be converted to a number, but this tensor has shape {Format(dims)}.");
        }

        Span<float> value = stackalloc float[1];
        Backend.ToHost(storage, value);
        return value[0];
    }

    /// <summary>The values in row-major order, copied to a new host array.</summary>
    public float[] ToArray()
    {
        var values = new float[numel()];
        Backend.ToHost(storage, values);
        return values;
    }

    /// <summary>A 2-D tensor's values as a host matrix.</summary>
    public float[,] ToArray2D()
    {
        if (dims.Length != 2)
        {
            throw new InvalidOperationException($"ToArray2D: needs a 2-D tensor, got shape {Format(dims)}.");
        }

        var flat = ToArray();
        var result = new float[dims[0], dims[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }

    /// <summary>The tensor on <paramref name="target"/> (this same tensor when it is already there).</summary>
    public Tensor to(Device target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target == device)
        {
            return this;
        }

        var destination = Backends.Backend.For(target);
        var values = ToArray();
        var moved = new Tensor(destination.FromHost(values), dims);
        return Record(moved, "to", [this], g => [g.to(device)]);
    }

    /// <summary>The tensor on the device named by <paramref name="deviceName"/> ("cpu", "cuda", "cuda:1").</summary>
    public Tensor to(string deviceName) => to(Device.Parse(deviceName));

    /// <summary>The tensor on the CPU.</summary>
    public Tensor cpu() => to(Device.CPU);

    /// <summary>The tensor on the first CUDA device (reports why when CUDA is not available).</summary>
    public Tensor cuda() => to(Device.CUDA);

    /// <summary>A copy with its own storage; gradients flow back to this tensor.</summary>
    public Tensor clone()
    {
        var copy = Backend.Allocate(numel(), zero: false);
        Backend.CopyBlock(storage, 0, 0, copy, 0, 0, 1, numel());
        return Record(new Tensor(copy, dims), "clone", [this], g => [g]);
    }

    /// <summary>Tensors are always contiguous here; returns this tensor (kept for PyTorch compatibility).</summary>
    public Tensor contiguous() => this;

    /// <summary>Whether two tensors have the same shape.</summary>
    public bool ShapeEquals(Tensor other) => dims.AsSpan().SequenceEqual(other.dims);

    /// <summary>
    /// Attaches the autograd record for an op's <paramref name="result"/> when recording is on and any input
    /// needs gradients. <paramref name="backward"/> maps dL/dresult to dL/dinput for each input (null = none).
    /// </summary>
    internal static Tensor Record(Tensor result, string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!GradMode.IsEnabled)
        {
            return result;
        }

        foreach (var input in inputs)
        {
            if (input.requires_grad)
            {
                result.grad_fn = new Node(op, inputs, backward);
                result.requiresGrad = true;
                return result;
            }
        }

        return result;
    }

    /// <summary>Formats a shape as PyTorch does: [2, 3].</summary>
    public static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";

    internal static int NormalizeDim(int dim, int rank, string op, string argument = "dim")
    {
        var effectiveRank = Math.Max(rank, 1);
        if (dim < -effectiveRank || dim >= effectiveRank)
        {
            throw new ArgumentOutOfRangeException(argument,
                $"{op}: dimension {dim} is out of range for a tensor of {rank} dimension(s) " +
                $"(expected {-effectiveRank} to {effectiveRank - 1}).");
        }

        return dim < 0 ? dim + effectiveRank : dim;
    }

    internal static void SameDevice(string op, Tensor a, Tensor b)
    {
        if (a.device != b.device)
        {
            throw new ArgumentException(
                $"{op}: expected all tensors on the same device, but found {a.device} and {b.device}; move one with .to(device).");
        }
    }

    internal static int Product(ReadOnlySpan<int> shape)
    {
        var n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }

        return n;
    }

    internal static int[] ContiguousStrides(int[] shape)
    {
        var strides = new int[shape.Length];
        var s = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= shape[d];
        }

        return strides;
    }

    /// <summary>(outer, n, inner) of this tensor around dimension <paramref name="d"/> (already normalized).</summary>
    internal (int Outer, int N, int Inner) Split3(int d)
    {
        if (dims.Length == 0)
        {
            return (1, 1, 1);
        }

        return (Product(dims.AsSpan(0, d)), dims[d], Product(dims.AsSpan(d + 1)));
    }

    internal Tensor NewLike(int[] shape, bool zero = true) => new(Backend.Allocate(Product(shape), zero), shape);
}
