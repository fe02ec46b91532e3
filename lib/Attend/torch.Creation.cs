namespace Attend;

public static partial class torch
{
    private static Tensor Filled(int[] shape, float value, Device? device, bool requiresGrad)
    {
        CheckShape(shape, "full");
        var backend = BackendFor(device);
        var n = Tensor.Product(shape);
        var storage = backend.Allocate(n, zero: value == 0);
        if (value != 0)
        {
            backend.Fill(storage, n, value);
        }

        return new Tensor(storage, (int[])shape.Clone()) { requires_grad = requiresGrad };
    }

    internal static void CheckShape(int[] shape, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"{op}: negative dimension in shape {Tensor.Format(shape)}.", nameof(shape));
            }

            n *= d;
        }

        if (n > int.MaxValue)
        {
            throw new ArgumentException($"{op}: shape {Tensor.Format(shape)} has more than 2^31 elements.", nameof(shape));
        }
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor zeros(params int[] shape) => Filled(shape, 0, null, false);

    /// <summary>A tensor of zeros on <paramref name="device"/>.</summary>
    public static Tensor zeros(int[] shape, Device? device = null, bool requires_grad = false) => Filled(shape, 0, device, requires_grad);

    /// <summary>A tensor of ones.</summary>
    public static Tensor ones(params int[] shape) => Filled(shape, 1, null, false);

    /// <summary>A tensor of ones on <paramref name="device"/>.</summary>
    public static Tensor ones(int[] shape, Device? device = null, bool requires_grad = false) => Filled(shape, 1, device, requires_grad);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor full(int[] shape, float value, Device? device = null, bool requires_grad = false) =>
        Filled(shape, value, device, requires_grad);

    /// <summary>An uninitialized-in-spirit tensor (zeroed here, for reproducibility).</summary>
    public static Tensor empty(params int[] shape) => Filled(shape, 0, null, false);

    /// <summary>Zeros with <paramref name="other"/>'s shape and device.</summary>
    public static Tensor zeros_like(Tensor other) => Filled(other.dims, 0, other.device, false);

    /// <summary>Ones with <paramref name="other"/>'s shape and device.</summary>
    public static Tensor ones_like(Tensor other) => Filled(other.dims, 1, other.device, false);

    /// <summary><paramref name="value"/> with <paramref name="other"/>'s shape and device.</summary>
    public static Tensor full_like(Tensor other, float value) => Filled(other.dims, value, other.device, false);

    /// <summary>A scalar (0-dimensional) tensor.</summary>
    public static Tensor scalar_tensor(float value, Device? device = null, bool requires_grad = false) =>
        Filled([], value, device, requires_grad);

    /// <summary>Values start, start+step, … below end (as <c>torch.arange</c>).</summary>
    public static Tensor arange(float start, float end, float step = 1, Device? device = null)
    {
        if (step == 0 || float.IsNaN(step))
        {
            throw new ArgumentException("arange: step must be non-zero.", nameof(step));
        }

        var count = (int)Math.Max(0, Math.Ceiling((end - start) / (double)step));
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(start + (i * (double)step));
        }

        return tensor(values, device: device);
    }

    /// <summary>0, 1, …, end−1.</summary>
    public static Tensor arange(int end, Device? device = null) => arange(0, end, 1, device);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(float start, float end, int steps, Device? device = null)
    {
        if (steps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"linspace: steps must be non-negative, got {steps}.");
        }

        var values = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            values[i] = steps == 1 ? start : (float)(start + ((end - (double)start) * i / (steps - 1)));
        }

        return tensor(values, device: device);
    }

    /// <summary>The n×m identity matrix (m defaults to n).</summary>
    public static Tensor eye(int n, int? m = null, Device? device = null)
    {
        var cols = m ?? n;
        var values = new float[n * cols];
        for (var i = 0; i < Math.Min(n, cols); i++)
        {
            values[(i * cols) + i] = 1;
        }

        return tensor(values, [n, cols], device);
    }

    /// <summary>Uniform samples from [0, 1).</summary>
    public static Tensor rand(params int[] shape) => rand(shape, null, null);

    /// <summary>Uniform samples from [0, 1) from <paramref name="generator"/> (the default one when null).</summary>
    public static Tensor rand(int[] shape, Generator? generator, Device? device = null, bool requires_grad = false)
    {
        CheckShape(shape, "rand");
        var values = new float[Tensor.Product(shape)];
        (generator ?? default_generator).FillUniform(values);
        return tensor(values, shape, device, requires_grad);
    }

    /// <summary>Standard normal samples.</summary>
    public static Tensor randn(params int[] shape) => randn(shape, null, null);

    /// <summary>Standard normal samples from <paramref name="generator"/> (the default one when null).</summary>
    public static Tensor randn(int[] shape, Generator? generator, Device? device = null, bool requires_grad = false)
    {
        CheckShape(shape, "randn");
        var values = new float[Tensor.Product(shape)];
        (generator ?? default_generator).FillNormal(values);
        return tensor(values, shape, device, requires_grad);
    }

    /// <summary>Uniform integers in [low, high), stored as whole floats.</summary>
    public static Tensor randint(int low, int high, int[] shape, Generator? generator = null, Device? device = null)
    {
        CheckShape(shape, "randint");
        var g = generator ?? default_generator;
        var values = new float[Tensor.Product(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = g.NextInt(low, high);
        }

        return tensor(values, shape, device);
    }

    /// <summary>Uniform integers in [0, high).</summary>
    public static Tensor randint(int high, int[] shape, Generator? generator = null) => randint(0, high, shape, generator);

    /// <summary>A random permutation of 0 … n−1.</summary>
    public static Tensor randperm(int n, Generator? generator = null)
    {
        var g = generator ?? default_generator;
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i;
        }

        for (var i = n - 1; i > 0; i--)
        {
            var j = g.NextInt(0, i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }

        return tensor(values);
    }

    /// <summary>Uniform samples shaped like <paramref name="other"/>.</summary>
    public static Tensor rand_like(Tensor other) => rand(other.dims, null, other.device);

    /// <summary>Normal samples shaped like <paramref name="other"/>.</summary>
    public static Tensor randn_like(Tensor other) => randn(other.dims, null, other.device);

    /// <summary>A tensor from values in row-major order, with an optional shape (1-D by default).</summary>
    public static Tensor tensor(float[] values, int[]? shape = null, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        shape ??= [values.Length];
        CheckShape(shape, "tensor");
        if (Tensor.Product(shape) != values.Length)
        {
            throw new ArgumentException(
                $"tensor: {values.Length} values cannot fill shape {Tensor.Format(shape)} ({Tensor.Product(shape)} elements).",
                nameof(shape));
        }

        return new Tensor(BackendFor(device).FromHost(values), (int[])shape.Clone()) { requires_grad = requires_grad };
    }

    /// <summary>A scalar tensor.</summary>
    public static Tensor tensor(float value, Device? device = null, bool requires_grad = false) =>
        tensor([value], [], device, requires_grad);

    /// <summary>A tensor from doubles (converted to float32).</summary>
    public static Tensor tensor(double[] values, int[]? shape = null, Device? device = null, bool requires_grad = false) =>
        tensor(Array.ConvertAll(values, v => (float)v), shape, device, requires_grad);

    /// <summary>A tensor from integers (labels, indices), stored as whole floats.</summary>
    public static Tensor tensor(int[] values, int[]? shape = null, Device? device = null) =>
        tensor(Array.ConvertAll(values, v => (float)v), shape, device);

    /// <summary>A tensor from integers (labels, indices), stored as whole floats.</summary>
    public static Tensor tensor(long[] values, int[]? shape = null, Device? device = null) =>
        tensor(Array.ConvertAll(values, v => (float)v), shape, device);

    /// <summary>A 2-D tensor from a matrix.</summary>
    public static Tensor tensor(float[,] values, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return tensor(flat, [values.GetLength(0), values.GetLength(1)], device, requires_grad);
    }

    /// <summary>A 3-D tensor from a cube of values.</summary>
    public static Tensor tensor(float[,,] values, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return tensor(flat, [values.GetLength(0), values.GetLength(1), values.GetLength(2)], device, requires_grad);
    }

    /// <summary>A 2-D tensor from a jagged array whose rows must all have the same length.</summary>
    public static Tensor tensor(float[][] rows, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cols = rows.Length == 0 ? 0 : rows[0].Length;
        var flat = new float[rows.Length * cols];
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != cols)
            {
                throw new ArgumentException(
                    $"tensor: row {r} has {rows[r].Length} values but row 0 has {cols}; rows must have equal length.",
                    nameof(rows));
            }

            rows[r].CopyTo(flat, r * cols);
        }

        return tensor(flat, [rows.Length, cols], device, requires_grad);
    }
}
