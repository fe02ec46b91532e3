namespace Attend.Backends.Cuda;

/// <summary>
/// The sizes and element strides of up to three operands over a broadcast shape, passed to a kernel by value (kernel
/// arguments must be unmanaged structs, not arrays). Adjacent dimensions that are contiguous for every operand are
/// merged first, as the CPU backend does, so most elementwise ops become one flat dimension and a row broadcast two.
/// </summary>
/// <remarks>Chapter 1 (the tensor engine): broadcasting. Up to <see cref="MaxRank"/> dimensions after merging.</remarks>
internal struct BroadcastPlan
{
    /// <summary>The most dimensions a kernel can index after merging.</summary>
    public const int MaxRank = 6;

    public int Rank;
    public int D0, D1, D2, D3, D4, D5;
    public int A0, A1, A2, A3, A4, A5;
    public int B0, B1, B2, B3, B4, B5;
    public int C0, C1, C2, C3, C4, C5;

    /// <summary>Builds the plan for <paramref name="shape"/> with the operands' strides (<paramref name="c"/> optional).</summary>
    public static BroadcastPlan Create(string op, int[] shape, int[] a, int[]? b, int[]? c)
    {
        var dims = new List<int>();
        var sa = new List<int>();
        var sb = new List<int>();
        var sc = new List<int>();
        for (var d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1)
            {
                continue;
            }

            var (bd, cd) = (b is null ? 0 : b[d], c is null ? 0 : c[d]);
            var k = dims.Count - 1;
            if (k >= 0 && sa[k] == a[d] * shape[d] && sb[k] == bd * shape[d] && sc[k] == cd * shape[d])
            {
                dims[k] *= shape[d];
                (sa[k], sb[k], sc[k]) = (a[d], bd, cd);
            }
            else
            {
                dims.Add(shape[d]);
                sa.Add(a[d]);
                sb.Add(bd);
                sc.Add(cd);
            }
        }

        if (dims.Count > MaxRank)
        {
            throw new ArgumentException(
                $"{op}: the CUDA backend indexes at most {MaxRank} dimensions after merging contiguous ones, but shape " +
                $"{Tensor.Format(shape)} needs {dims.Count}; reshape the operands first.", nameof(shape));
        }

        var plan = new BroadcastPlan { Rank = dims.Count };
        for (var d = 0; d < dims.Count; d++)
        {
            plan.Set(d, dims[d], sa[d], sb[d], sc[d]);
        }

        return plan;
    }

    private void Set(int d, int size, int a, int b, int c)
    {
        switch (d)
        {
            case 0: (D0, A0, B0, C0) = (size, a, b, c); break;
            case 1: (D1, A1, B1, C1) = (size, a, b, c); break;
            case 2: (D2, A2, B2, C2) = (size, a, b, c); break;
            case 3: (D3, A3, B3, C3) = (size, a, b, c); break;
            case 4: (D4, A4, B4, C4) = (size, a, b, c); break;
            default: (D5, A5, B5, C5) = (size, a, b, c); break;
        }
    }

    /// <summary>Size of merged dimension <paramref name="d"/>.</summary>
    public readonly int Dim(int d) => d switch { 0 => D0, 1 => D1, 2 => D2, 3 => D3, 4 => D4, _ => D5 };

    /// <summary>The element offsets of the three operands for flat output index <paramref name="index"/>.</summary>
    public readonly void Offsets(int index, out int a, out int b, out int c)
    {
        a = b = c = 0;
        var rest = index;
        for (var d = Rank - 1; d >= 0; d--)
        {
            var size = Dim(d);
            var at = rest % size;
            rest /= size;
            switch (d)
            {
                case 0: a += at * A0; b += at * B0; c += at * C0; break;
                case 1: a += at * A1; b += at * B1; c += at * C1; break;
                case 2: a += at * A2; b += at * B2; c += at * C2; break;
                case 3: a += at * A3; b += at * B3; c += at * C3; break;
                case 4: a += at * A4; b += at * B4; c += at * C4; break;
                default: a += at * A5; b += at * B5; c += at * C5; break;
            }
        }
    }
}
