using System.Numerics.Tensors;

namespace Attend.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void Reduce(ReduceOp op, Storage x, int outer, int n, int inner, Storage y, Storage? indices)
    {
        var src = S(x);
        var dst = S(y);
        var idx = indices is null ? default : S(indices);
        var hasIdx = indices is not null;
        for (var o = 0; o < outer; o++)
        {
            var block = src.Slice(o * n * inner, n * inner);
            var result = dst.Slice(o * inner, inner);
            if (inner == 1)
            {
                // The reduced values are contiguous: one vectorized call per output.
                switch (op)
                {
                    case ReduceOp.Sum: result[0] = TensorPrimitives.Sum(block); break;
                    case ReduceOp.LogSumExp: result[0] = LogSumExp(block); break;
                    case ReduceOp.Max:
                    case ReduceOp.Min:
                        var at = op == ReduceOp.Max ? TensorPrimitives.IndexOfMax(block) : TensorPrimitives.IndexOfMin(block);
                        result[0] = block[at];
                        if (hasIdx)
                        {
                            idx[o] = at;
                        }

                        break;
                }

                continue;
            }

            // Strided case: accumulate whole rows of `inner` values at a time.
            block[..inner].CopyTo(result);
            var rowIdx = hasIdx ? idx.Slice(o * inner, inner) : default;
            if (hasIdx)
            {
                rowIdx.Clear();
            }

            if (op == ReduceOp.LogSumExp)
            {
                for (var j = 1; j < n; j++)
                {
                    TensorPrimitives.Max(result, block.Slice(j * inner, inner), result);
                }

                var max = result.ToArray();
                for (var i = 0; i < inner; i++)
                {
                    // An infinite max needs no shift (the sum is inf or 0 anyway), and shifting by it would
                    // turn inf − inf into NaN; PyTorch zeroes it the same way.
                    if (float.IsInfinity(max[i]))
                    {
                        max[i] = 0;
                    }
                }

                result.Clear();
                var tmp = new float[inner];
                for (var j = 0; j < n; j++)
                {
                    TensorPrimitives.Subtract(block.Slice(j * inner, inner), max, tmp);
                    TensorPrimitives.Exp(tmp, tmp);
                    TensorPrimitives.Add(result, tmp, result);
                }

                TensorPrimitives.Log(result, result);
                TensorPrimitives.Add(result, max, result);
                continue;
            }

            for (var j = 1; j < n; j++)
            {
                var row = block.Slice(j * inner, inner);
                switch (op)
                {
                    case ReduceOp.Sum: TensorPrimitives.Add(result, row, result); break;
                    case ReduceOp.Max:
                    case ReduceOp.Min:
                        for (var i = 0; i < inner; i++)
                        {
                            var better = op == ReduceOp.Max ? row[i] > result[i] : row[i] < result[i];
                            if (better || float.IsNaN(row[i]))
                            {
                                result[i] = row[i];
                                if (hasIdx)
                                {
                                    rowIdx[i] = j;
                                }
                            }
                        }

                        break;
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
        GC.KeepAlive(indices);
    }

    private static float LogSumExp(ReadOnlySpan<float> values)
    {
        var max = TensorPrimitives.Max(values);
        if (float.IsInfinity(max))
        {
            return max;
        }

        var sum = 0f;
        foreach (var v in values)
        {
            sum += MathF.Exp(v - max);
        }

        return max + MathF.Log(sum);
    }

    /// <inheritdoc/>
    public void Softmax(Storage x, int outer, int n, int inner, Storage y, bool log)
    {
        var src = S(x);
        var dst = S(y);
        if (inner == 1)
        {
            for (var o = 0; o < outer; o++)
            {
                var row = src.Slice(o * n, n);
                var result = dst.Slice(o * n, n);
                var max = TensorPrimitives.Max(row);
                TensorPrimitives.Subtract(row, max, result);
                if (log)
                {
                    var lse = MathF.Log(SumExp(result));
                    TensorPrimitives.Subtract(result, lse, result);
                }
                else
                {
                    TensorPrimitives.Exp(result, result);
                    TensorPrimitives.Divide(result, TensorPrimitives.Sum(result), result);
                }
            }
        }
        else
        {
            var column = new float[n];
            for (var o = 0; o < outer; o++)
            {
                for (var i = 0; i < inner; i++)
                {
                    var start = (o * n * inner) + i;
                    for (var j = 0; j < n; j++)
                    {
                        column[j] = src[start + (j * inner)];
                    }

                    var max = TensorPrimitives.Max(column);
                    TensorPrimitives.Subtract(column, max, column);
                    if (log)
                    {
                        var lse = MathF.Log(SumExp(column));
                        TensorPrimitives.Subtract(column, lse, column);
                    }
                    else
                    {
                        TensorPrimitives.Exp(column, column);
                        TensorPrimitives.Divide(column, TensorPrimitives.Sum(column), column);
                    }

                    for (var j = 0; j < n; j++)
                    {
                        dst[start + (j * inner)] = column[j];
                    }
                }
            }
        }

        GC.KeepAlive(x);
        GC.KeepAlive(y);
    }

    private static float SumExp(ReadOnlySpan<float> shifted)
    {
        var sum = 0f;
        foreach (var v in shifted)
        {
            sum += MathF.Exp(v);
        }

        return sum;
    }

    /// <inheritdoc/>
    public void SoftmaxBackward(Storage y, Storage gy, int outer, int n, int inner, Storage gx, bool log)
    {
        var yv = S(y);
        var g = S(gy);
        var r = S(gx);
        if (inner == 1)
        {
            // Along the last dimension each row is contiguous: vectorized calls, no gathering.
            for (var o = 0; o < outer; o++)
            {
                var yRow = yv.Slice(o * n, n);
                var gRow = g.Slice(o * n, n);
                var rRow = r.Slice(o * n, n);
                if (log)
                {
                    TensorPrimitives.Exp(yRow, rRow);                                 // softmax
                    TensorPrimitives.Multiply(rRow, -TensorPrimitives.Sum(gRow), rRow); // − softmax · Σ dy
                    TensorPrimitives.Add(rRow, gRow, rRow);
                }
                else
                {
                    TensorPrimitives.Subtract(gRow, TensorPrimitives.Dot(gRow, yRow), rRow); // dy − <dy, y>
                    TensorPrimitives.Multiply(rRow, yRow, rRow);
                }
            }

            GC.KeepAlive(y);
            GC.KeepAlive(gy);
            GC.KeepAlive(gx);
            return;
        }

        var yc = new float[n];
        var gc = new float[n];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var start = (o * n * inner) + i;
                for (var j = 0; j < n; j++)
                {
                    yc[j] = yv[start + (j * inner)];
                    gc[j] = g[start + (j * inner)];
                }

                if (log)
                {
                    // y = log softmax: dx = dy - softmax * sum(dy)
                    var total = TensorPrimitives.Sum(gc);
                    for (var j = 0; j < n; j++)
                    {
                        r[start + (j * inner)] = gc[j] - (MathF.Exp(yc[j]) * total);
                    }
                }
                else
                {
                    // y = softmax: dx = y * (dy - <dy, y>)
                    var dot = TensorPrimitives.Dot(gc, yc);
                    for (var j = 0; j < n; j++)
                    {
                        r[start + (j * inner)] = yc[j] * (gc[j] - dot);
                    }
                }
            }
        }

        GC.KeepAlive(y);
        GC.KeepAlive(gy);
        GC.KeepAlive(gx);
    }
}
