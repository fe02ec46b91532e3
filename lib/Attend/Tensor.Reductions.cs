using Attend.Backends;

namespace Attend;

public partial class Tensor
{
    /// <summary>The shape after reducing <paramref name="d"/>: kept as 1 or dropped.</summary>
    private int[] ReducedShape(int d, bool keepdim)
    {
        if (dims.Length == 0)
        {
            return [];
        }

        if (keepdim)
        {
            var kept = (int[])dims.Clone();
            kept[d] = 1;
            return kept;
        }

        return [.. dims.AsSpan(0, d), .. dims.AsSpan(d + 1)];
    }

    private (Tensor Values, Tensor? Indices) ReduceDim(ReduceOp op, int dim, bool keepdim, bool wantIndices, string name)
    {
        if (numel() == 0)
        {
            throw new InvalidOperationException($"{name}: cannot reduce an empty tensor (shape {Format(dims)}).");
        }

        var d = NormalizeDim(dim, dims.Length, name);
        var (outer, n, inner) = Split3(d);
        var shape = ReducedShape(d, keepdim);
        var values = NewLike(shape, zero: false);
        var indices = wantIndices ? NewLike(shape, zero: false) : null;
        Backend.Reduce(op, storage, outer, n, inner, values.storage, indices?.storage);
        return (values, indices);
    }

    /// <summary>The sum of all elements (a scalar).</summary>
    public Tensor sum()
    {
        var flat = dims.Length == 1 ? this : reshape(numel());
        if (numel() == 0)
        {
            return Record(torch.zeros([], device), "sum", [this], g => [g.expand(dims)]);
        }

        var (values, _) = flat.ReduceDim(ReduceOp.Sum, 0, false, false, "sum");
        return Record(values, "sum", [this], g => [g.expand(dims)]);
    }

    /// <summary>Sums along <paramref name="dim"/>.</summary>
    public Tensor sum(int dim, bool keepdim = false)
    {
        var d = NormalizeDim(dim, dims.Length, "sum");
        var (values, _) = ReduceDim(ReduceOp.Sum, d, keepdim, false, "sum");
        return Record(values, "sum", [this], g => [g.reshape(ReducedShape(d, true)).expand(dims)]);
    }

    /// <summary>Sums along several dimensions.</summary>
    public Tensor sum(int[] dim, bool keepdim = false)
    {
        ArgumentNullException.ThrowIfNull(dim);
        // Highest dimension first, so the lower ones keep their numbers when keepdim is false; repeats once.
        var ds = new int[dim.Length];
        for (var i = 0; i < dim.Length; i++)
        {
            ds[i] = NormalizeDim(dim[i], dims.Length, "sum");
        }

        Array.Sort(ds);
        var result = this;
        for (var i = ds.Length - 1; i >= 0; i--)
        {
            if (i == ds.Length - 1 || ds[i] != ds[i + 1])
            {
                result = result.sum(ds[i], keepdim);
            }
        }

        return result;
    }

    /// <summary>The mean of all elements.</summary>
    public Tensor mean() => sum().div(numel()); // empty: 0/0 = NaN, as PyTorch

    /// <summary>The mean along <paramref name="dim"/>.</summary>
    public Tensor mean(int dim, bool keepdim = false) => sum(dim, keepdim).div(dims.Length == 0 ? 1 : size(dim));

    /// <summary>The mean along several dimensions.</summary>
    public Tensor mean(int[] dim, bool keepdim = false)
    {
        ArgumentNullException.ThrowIfNull(dim);
        var count = dim.Select(x => NormalizeDim(x, dims.Length, "mean")).Distinct().Aggregate(1, (acc, d) => acc * dims[d]);
        return sum(dim, keepdim).div(count);
    }

    private (Tensor Values, Tensor Indices) Extreme(ReduceOp op, int dim, bool keepdim, string name)
    {
        var d = NormalizeDim(dim, dims.Length, name);
        var (values, indices) = ReduceDim(op, d, keepdim, true, name);
        var (outer, n, inner) = Split3(d);
        var recorded = Record(values, name, [this], g =>
        {
            // Route each gradient to the position that won (the first one on ties), as PyTorch does.
            var grad = NewLike(dims);
            Backend.ScatterAdd(g.storage, outer, 1, inner, indices!.storage, n, grad.storage);
            return [grad];
        });
        return (recorded, indices!);
    }

    /// <summary>The largest element (a scalar).</summary>
    public Tensor max() => reshape(numel()).max(0).Values;

    /// <summary>The largest values along <paramref name="dim"/> and their indices.</summary>
    public (Tensor Values, Tensor Indices) max(int dim, bool keepdim = false) => Extreme(ReduceOp.Max, dim, keepdim, "max");

    /// <summary>The smallest element (a scalar).</summary>
    public Tensor min() => reshape(numel()).min(0).Values;

    /// <summary>The smallest values along <paramref name="dim"/> and their indices.</summary>
    public (Tensor Values, Tensor Indices) min(int dim, bool keepdim = false) => Extreme(ReduceOp.Min, dim, keepdim, "min");

    /// <summary>The index of the largest element of the flattened tensor.</summary>
    public Tensor argmax() => reshape(numel()).ReduceDim(ReduceOp.Max, 0, false, true, "argmax").Indices!;

    /// <summary>Indices of the largest values along <paramref name="dim"/>.</summary>
    public Tensor argmax(int dim, bool keepdim = false) => ReduceDim(ReduceOp.Max, dim, keepdim, true, "argmax").Indices!;

    /// <summary>The index of the smallest element of the flattened tensor.</summary>
    public Tensor argmin() => reshape(numel()).ReduceDim(ReduceOp.Min, 0, false, true, "argmin").Indices!;

    /// <summary>Indices of the smallest values along <paramref name="dim"/>.</summary>
    public Tensor argmin(int dim, bool keepdim = false) => ReduceDim(ReduceOp.Min, dim, keepdim, true, "argmin").Indices!;

    /// <summary>log Σ exp(x) along <paramref name="dim"/>, without overflow. Gradient: softmax(x).</summary>
    public Tensor logsumexp(int dim, bool keepdim = false)
    {
        var d = NormalizeDim(dim, dims.Length, "logsumexp");
        var (values, _) = ReduceDim(ReduceOp.LogSumExp, d, keepdim, false, "logsumexp");
        var kept = ReducedShape(d, true);
        return Record(values, "logsumexp", [this], g => [g.reshape(kept).mul(sub(values.reshape(kept)).exp())]);
    }

    /// <summary>The p-norm of all elements (p = 2 by default).</summary>
    public Tensor norm(float p = 2) => PNorm(abs().pow(p).sum(), p);

    /// <summary>The p-norm along <paramref name="dim"/>.</summary>
    public Tensor norm(float p, int dim, bool keepdim = false) => PNorm(abs().pow(p).sum(dim, keepdim), p);

    private static Tensor PNorm(Tensor powered, float p) => p == 1 ? powered : p == 2 ? powered.sqrt() : powered.pow(1f / p);

    /// <summary>The variance of all elements (Bessel-corrected unless <paramref name="unbiased"/> is false).</summary>
    public Tensor var(bool unbiased = true)
    {
        var n = numel();
        var centered = sub(mean());
        return centered.mul(centered).sum().div(unbiased ? n - 1 : n); // n = 1, unbiased: 0/0 = NaN, as PyTorch
    }

    /// <summary>The variance along <paramref name="dim"/>.</summary>
    public Tensor var(int dim, bool unbiased = true, bool keepdim = false)
    {
        var n = size(dim);
        var centered = sub(mean(dim, keepdim: true));
        return centered.mul(centered).sum(dim, keepdim).div(unbiased ? n - 1 : n);
    }

    /// <summary>The standard deviation of all elements.</summary>
    public Tensor std(bool unbiased = true) => var(unbiased).sqrt();

    /// <summary>The standard deviation along <paramref name="dim"/>.</summary>
    public Tensor std(int dim, bool unbiased = true, bool keepdim = false) => var(dim, unbiased, keepdim).sqrt();
}
