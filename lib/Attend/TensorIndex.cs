namespace Attend;

/// <summary>
/// One entry of a NumPy/PyTorch-style index <c>x[...]</c>: an integer picks one position and drops the dimension,
/// a range slices (keeping the dimension), <see cref="Ellipsis"/> stands for all remaining dimensions and
/// <see cref="None"/> inserts a new dimension of size 1. C# syntax maps onto Python's:
/// <c>x[1..3]</c> is <c>x[1:3]</c>, <c>x[.., 0]</c> is <c>x[:, 0]</c>, <c>x[^1]</c> is <c>x[-1]</c> (and <c>x[-1]</c>
/// works too), <c>x[TensorIndex.Slice(0, null, 2)]</c> is <c>x[0::2]</c>.
/// </summary>
/// <remarks>
/// Slice bounds are clamped to the dimension as in Python (<c>x[0..100]</c> of a size-3 dimension is all 3), while a
/// single index must lie inside it. Steps must be at least 1; use <see cref="Tensor.flip"/> to reverse.
/// </remarks>
public sealed class TensorIndex
{
    internal enum IndexKind
    {
        Single,
        Slice,
        Ellipsis,
        NewAxis,
    }

    private readonly string text;

    private TensorIndex(IndexKind kind, Index start, Index stop, int step, string text)
    {
        Kind = kind;
        Start = start;
        Stop = stop;
        Step = step;
        this.text = text;
    }

    internal IndexKind Kind { get; }

    /// <summary>The position (Single) or first position (Slice); from-end indices count back from the size.</summary>
    internal Index Start { get; }

    /// <summary>One past the last position of a slice.</summary>
    internal Index Stop { get; }

    internal int Step { get; }

    /// <summary>Whether this entry consumes a dimension of the tensor (a single index or a slice).</summary>
    internal bool ConsumesDimension => Kind is IndexKind.Single or IndexKind.Slice;

    /// <summary>The whole dimension, as Python's <c>:</c> (same as <c>..</c>).</summary>
    public static TensorIndex Colon { get; } = new(IndexKind.Slice, Index.Start, Index.End, 1, ":");

    /// <summary>All remaining dimensions, as Python's <c>...</c>: <c>x[TensorIndex.Ellipsis, 0]</c> indexes the last one.</summary>
    public static TensorIndex Ellipsis { get; } = new(IndexKind.Ellipsis, default, default, 1, "...");

    /// <summary>A new dimension of size 1 at this place, as Python's <c>None</c> (or <c>np.newaxis</c>).</summary>
    public static TensorIndex None { get; } = new(IndexKind.NewAxis, default, default, 1, "None");

    /// <summary>
    /// The slice <c>start:stop:step</c> with Python's rules: null means "from the beginning" / "to the end", a
    /// negative bound counts from the end, bounds are clamped to the dimension, and <paramref name="step"/> ≥ 1.
    /// </summary>
    public static TensorIndex Slice(int? start = null, int? stop = null, int step = 1)
    {
        if (step < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(step),
                $"TensorIndex.Slice: step must be at least 1, got {step}; negative steps are not supported (use flip to reverse).");
        }

        var text = $"{start}:{stop}" + (step == 1 ? "" : $":{step}");
        return new(IndexKind.Slice, FromPython(start ?? 0), stop is null ? Index.End : FromPython(stop.Value), step, text);
    }

    /// <summary>Picks position <paramref name="index"/> (negative counts from the end) and drops the dimension.</summary>
    public static TensorIndex Single(int index) => new(IndexKind.Single, FromPython(index), default, 1, index.ToString());

    /// <summary>An integer picks one position and drops the dimension (<c>x[0]</c>, <c>x[-1]</c>).</summary>
    public static implicit operator TensorIndex(int index) => Single(index);

    /// <summary>A from-end index picks one position and drops the dimension (<c>x[^1]</c> is the last).</summary>
    public static implicit operator TensorIndex(Index index) =>
        new(IndexKind.Single, index, default, 1, index.ToString());

    /// <summary>A range slices and keeps the dimension (<c>x[1..3]</c>, <c>x[..^1]</c>, <c>x[..]</c>).</summary>
    public static implicit operator TensorIndex(Range range) =>
        new(IndexKind.Slice, range.Start, range.End, 1, range.Equals(Range.All) ? ":" : range.ToString());

    /// <summary>The entry as Python would write it: <c>1</c>, <c>^1</c>, <c>1..3</c>, <c>:</c>, <c>0::2</c>, <c>...</c>, <c>None</c>.</summary>
    public override string ToString() => text;

    /// <summary>Python's negative integers count from the end: −k is C#'s ^k.</summary>
    private static Index FromPython(int value) => value < 0 ? new Index(-value, fromEnd: true) : new Index(value);

    /// <summary>The position a single index picks in a dimension of <paramref name="size"/>, or −1 when outside.</summary>
    internal int ResolveSingle(int size)
    {
        var offset = Start.GetOffset(size);
        return offset >= 0 && offset < size ? offset : -1;
    }

    /// <summary>The first position and the count of positions a slice picks in a dimension of <paramref name="size"/>.</summary>
    internal (int First, int Count) ResolveSlice(int size)
    {
        var first = Math.Clamp(Start.GetOffset(size), 0, size);
        var stop = Math.Clamp(Stop.GetOffset(size), 0, size);
        var count = stop > first ? ((stop - first) + Step - 1) / Step : 0;
        return (first, count);
    }
}
