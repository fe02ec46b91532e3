using Attend.Backends;

namespace Attend.Profiling;

/// <summary>
/// Stands in front of a real backend while a <see cref="Profile"/> records: every kernel call (each
/// <see cref="IBackend"/> method, with its op for the elementwise and reduction families, e.g. "Binary(Mul)") is passed
/// on and timed, in wall time and in the calling thread's CPU time (robust on a busy machine). Every method forwards,
/// the default-implemented ones too, so the real backend's own kernels run (a test checks that none is missed: add a
/// new <see cref="IBackend"/> method here as well). About a microsecond per call: it shows where the time goes, not totals.
/// </summary>
internal sealed class ProfilingBackend(IBackend target, Profile profile) : IBackend
{
    /// <summary>The backend whose calls are timed.</summary>
    public IBackend Inner => target;

    /// <inheritdoc/>
    public Device Device => target.Device;

    /// <inheritdoc/>
    public string Description => target.Description;

    private static (long Wall, double Cpu) Begin() => (System.Diagnostics.Stopwatch.GetTimestamp(), ThreadClock.Milliseconds());

    private void End(string name, (long Wall, double Cpu) start) =>
        profile.Record(name, System.Diagnostics.Stopwatch.GetElapsedTime(start.Wall).TotalMilliseconds, ThreadClock.Milliseconds() - start.Cpu);

    /// <inheritdoc/>
    public Storage Allocate(int length, bool zero = true)
    {
        var start = Begin();
        try
        {
            return target.Allocate(length, zero);
        }
        finally
        {
            End("Allocate", start);
        }
    }

    /// <inheritdoc/>
    public Storage FromHost(ReadOnlySpan<float> values)
    {
        var start = Begin();
        try
        {
            return target.FromHost(values);
        }
        finally
        {
            End("FromHost", start);
        }
    }

    /// <inheritdoc/>
    public void ToHost(Storage source, Span<float> destination)
    {
        var start = Begin();
        try
        {
            target.ToHost(source, destination);
        }
        finally
        {
            End("ToHost", start);
        }
    }

    /// <inheritdoc/>
    public void Fill(Storage destination, int count, float value)
    {
        var start = Begin();
        try
        {
            target.Fill(destination, count, value);
        }
        finally
        {
            End("Fill", start);
        }
    }

    /// <inheritdoc/>
    public void CopyBlock(Storage source, int sourceOffset, int sourceRowStride, Storage destination, int destinationOffset, int destinationRowStride, int rows, int cols)
    {
        var start = Begin();
        try
        {
            target.CopyBlock(source, sourceOffset, sourceRowStride, destination, destinationOffset, destinationRowStride, rows, cols);
        }
        finally
        {
            End("CopyBlock", start);
        }
    }

    /// <inheritdoc/>
    public void StridedCopy(Storage source, int[] sourceStrides, Storage destination, int[] shape)
    {
        var start = Begin();
        try
        {
            target.StridedCopy(source, sourceStrides, destination, shape);
        }
        finally
        {
            End("StridedCopy", start);
        }
    }

    /// <inheritdoc/>
    public void Unary(UnaryOp op, Storage x, Storage y, int count, float p = 0, float q = 0)
    {
        var start = Begin();
        try
        {
            target.Unary(op, x, y, count, p, q);
        }
        finally
        {
            End($"Unary({op})", start);
        }
    }

    /// <inheritdoc/>
    public void Binary(BinaryOp op, Storage a, int[] aStrides, Storage b, int[] bStrides, Storage y, int[] shape)
    {
        var start = Begin();
        try
        {
            target.Binary(op, a, aStrides, b, bStrides, y, shape);
        }
        finally
        {
            End($"Binary({op})", start);
        }
    }

    /// <inheritdoc/>
    public void Where(Storage cond, int[] condStrides, Storage a, int[] aStrides, Storage b, int[] bStrides, Storage y, int[] shape)
    {
        var start = Begin();
        try
        {
            target.Where(cond, condStrides, a, aStrides, b, bStrides, y, shape);
        }
        finally
        {
            End("Where", start);
        }
    }

    /// <inheritdoc/>
    public void Reduce(ReduceOp op, Storage x, int outer, int n, int inner, Storage y, Storage? indices)
    {
        var start = Begin();
        try
        {
            target.Reduce(op, x, outer, n, inner, y, indices);
        }
        finally
        {
            End($"Reduce({op})", start);
        }
    }

    /// <inheritdoc/>
    public void Softmax(Storage x, int outer, int n, int inner, Storage y, bool log)
    {
        var start = Begin();
        try
        {
            target.Softmax(x, outer, n, inner, y, log);
        }
        finally
        {
            End("Softmax", start);
        }
    }

    /// <inheritdoc/>
    public void SoftmaxBackward(Storage y, Storage gy, int outer, int n, int inner, Storage gx, bool log)
    {
        var start = Begin();
        try
        {
            target.SoftmaxBackward(y, gy, outer, n, inner, gx, log);
        }
        finally
        {
            End("SoftmaxBackward", start);
        }
    }

    /// <inheritdoc/>
    public void Gemm(bool transA, bool transB, int batch, int m, int n, int k, float alpha, Storage a, int strideA, Storage b, int strideB, float beta, Storage c, int strideC)
    {
        var start = Begin();
        try
        {
            target.Gemm(transA, transB, batch, m, n, k, alpha, a, strideA, b, strideB, beta, c, strideC);
        }
        finally
        {
            End("Gemm", start);
        }
    }

    /// <inheritdoc/>
    public void IndexSelect(Storage x, int outer, int n, int inner, int[] index, Storage y)
    {
        var start = Begin();
        try
        {
            target.IndexSelect(x, outer, n, inner, index, y);
        }
        finally
        {
            End("IndexSelect", start);
        }
    }

    /// <inheritdoc/>
    public void IndexAdd(Storage x, int outer, int n, int inner, int[] index, Storage y)
    {
        var start = Begin();
        try
        {
            target.IndexAdd(x, outer, n, inner, index, y);
        }
        finally
        {
            End("IndexAdd", start);
        }
    }

    /// <inheritdoc/>
    public void Gather(Storage x, int outer, int n, int inner, Storage index, int m, Storage y)
    {
        var start = Begin();
        try
        {
            target.Gather(x, outer, n, inner, index, m, y);
        }
        finally
        {
            End("Gather", start);
        }
    }

    /// <inheritdoc/>
    public void ScatterAdd(Storage x, int outer, int m, int inner, Storage index, int n, Storage y)
    {
        var start = Begin();
        try
        {
            target.ScatterAdd(x, outer, m, inner, index, n, y);
        }
        finally
        {
            End("ScatterAdd", start);
        }
    }

    /// <inheritdoc/>
    public void EmbeddingBagSum(Storage table, int width, int[] index, Storage? weights, int bags, int l, Storage y)
    {
        var start = Begin();
        try
        {
            target.EmbeddingBagSum(table, width, index, weights, bags, l, y);
        }
        finally
        {
            End("EmbeddingBagSum", start);
        }
    }

    /// <inheritdoc/>
    public void EmbeddingBagSumBackward(Storage g, int width, int[] index, Storage? weights, int bags, int l, Storage grad)
    {
        var start = Begin();
        try
        {
            target.EmbeddingBagSumBackward(g, width, index, weights, bags, l, grad);
        }
        finally
        {
            End("EmbeddingBagSumBackward", start);
        }
    }

    /// <inheritdoc/>
    public void AddScaled(Storage a, Storage? b, BinaryOp op, float value, Storage y, int count)
    {
        var start = Begin();
        try
        {
            target.AddScaled(a, b, op, value, y, count);
        }
        finally
        {
            End("AddScaled", start);
        }
    }

    /// <inheritdoc/>
    public void Im2Col(Storage x, Window2d window, Storage columns)
    {
        var start = Begin();
        try
        {
            target.Im2Col(x, window, columns);
        }
        finally
        {
            End("Im2Col", start);
        }
    }

    /// <inheritdoc/>
    public void Col2Im(Storage columns, Window2d window, Storage x)
    {
        var start = Begin();
        try
        {
            target.Col2Im(columns, window, x);
        }
        finally
        {
            End("Col2Im", start);
        }
    }

    /// <inheritdoc/>
    public void MaxPool2d(Storage x, Window2d window, Storage y, Storage indices)
    {
        var start = Begin();
        try
        {
            target.MaxPool2d(x, window, y, indices);
        }
        finally
        {
            End("MaxPool2d", start);
        }
    }

    /// <inheritdoc/>
    public void AvgPool2d(Storage x, Window2d window, bool countIncludePad, Storage y)
    {
        var start = Begin();
        try
        {
            target.AvgPool2d(x, window, countIncludePad, y);
        }
        finally
        {
            End("AvgPool2d", start);
        }
    }

    /// <inheritdoc/>
    public void AvgPool2dBackward(Storage gy, Window2d window, bool countIncludePad, Storage gx)
    {
        var start = Begin();
        try
        {
            target.AvgPool2dBackward(gy, window, countIncludePad, gx);
        }
        finally
        {
            End("AvgPool2dBackward", start);
        }
    }

    /// <inheritdoc/>
    public void LstmCell(Storage gi, Storage gh, Storage c, int batch, int hidden, Storage gates, Storage hc)
    {
        var start = Begin();
        try
        {
            target.LstmCell(gi, gh, c, batch, hidden, gates, hc);
        }
        finally
        {
            End("LstmCell", start);
        }
    }

    /// <inheritdoc/>
    public void LstmCellBackward(Storage gates, Storage c, Storage hc, Storage ghc, int batch, int hidden, Storage gPre, Storage gc)
    {
        var start = Begin();
        try
        {
            target.LstmCellBackward(gates, c, hc, ghc, batch, hidden, gPre, gc);
        }
        finally
        {
            End("LstmCellBackward", start);
        }
    }

    /// <inheritdoc/>
    public void RowCosine(Storage memory, Storage key, int batch, int n, int m, float eps, Storage y)
    {
        var start = Begin();
        try
        {
            target.RowCosine(memory, key, batch, n, m, eps, y);
        }
        finally
        {
            End("RowCosine", start);
        }
    }

    /// <inheritdoc/>
    public void RowCosineBackward(Storage memory, Storage key, Storage gy, int batch, int n, int m, float eps, Storage gMemory, Storage gKey)
    {
        var start = Begin();
        try
        {
            target.RowCosineBackward(memory, key, gy, batch, n, m, eps, gMemory, gKey);
        }
        finally
        {
            End("RowCosineBackward", start);
        }
    }

    /// <inheritdoc/>
    public void CircularConv(Storage w, Storage s, int batch, int n, int k, Storage y)
    {
        var start = Begin();
        try
        {
            target.CircularConv(w, s, batch, n, k, y);
        }
        finally
        {
            End("CircularConv", start);
        }
    }

    /// <inheritdoc/>
    public void CircularConvBackward(Storage w, Storage s, Storage gy, int batch, int n, int k, Storage gw, Storage gs)
    {
        var start = Begin();
        try
        {
            target.CircularConvBackward(w, s, gy, batch, n, k, gw, gs);
        }
        finally
        {
            End("CircularConvBackward", start);
        }
    }

    /// <inheritdoc/>
    public void EraseAdd(Storage memory, Storage w, Storage e, Storage a, int batch, int n, int m, Storage y)
    {
        var start = Begin();
        try
        {
            target.EraseAdd(memory, w, e, a, batch, n, m, y);
        }
        finally
        {
            End("EraseAdd", start);
        }
    }

    /// <inheritdoc/>
    public void EraseAddBackward(Storage memory, Storage w, Storage e, Storage a, Storage gy, int batch, int n, int m, Storage gMemory, Storage gw, Storage ge, Storage ga)
    {
        var start = Begin();
        try
        {
            target.EraseAddBackward(memory, w, e, a, gy, batch, n, m, gMemory, gw, ge, ga);
        }
        finally
        {
            End("EraseAddBackward", start);
        }
    }

    /// <inheritdoc/>
    public void Sharpen(Storage w, Storage gamma, int batch, int n, float eps, Storage y)
    {
        var start = Begin();
        try
        {
            target.Sharpen(w, gamma, batch, n, eps, y);
        }
        finally
        {
            End("Sharpen", start);
        }
    }

    /// <inheritdoc/>
    public void SharpenBackward(Storage w, Storage gamma, Storage y, Storage gy, int batch, int n, float eps, Storage gw, Storage gGamma)
    {
        var start = Begin();
        try
        {
            target.SharpenBackward(w, gamma, y, gy, batch, n, eps, gw, gGamma);
        }
        finally
        {
            End("SharpenBackward", start);
        }
    }

    /// <inheritdoc/>
    public void WeightedRows(Storage memory, Storage w, int batch, int n, int m, Storage y)
    {
        var start = Begin();
        try
        {
            target.WeightedRows(memory, w, batch, n, m, y);
        }
        finally
        {
            End("WeightedRows", start);
        }
    }

    /// <inheritdoc/>
    public void WeightedRowsBackward(Storage memory, Storage w, Storage gy, int batch, int n, int m, Storage gMemory, Storage gw)
    {
        var start = Begin();
        try
        {
            target.WeightedRowsBackward(memory, w, gy, batch, n, m, gMemory, gw);
        }
        finally
        {
            End("WeightedRowsBackward", start);
        }
    }

    /// <inheritdoc/>
    public void GruGates(Storage gi, Storage gh, Storage h, int batch, int hidden, Storage y)
    {
        var start = Begin();
        try
        {
            target.GruGates(gi, gh, h, batch, hidden, y);
        }
        finally
        {
            End("GruGates", start);
        }
    }

    /// <inheritdoc/>
    public void GruGatesBackward(Storage gi, Storage gh, Storage h, Storage gy, int batch, int hidden, Storage ggi, Storage ggh, Storage gh0)
    {
        var start = Begin();
        try
        {
            target.GruGatesBackward(gi, gh, h, gy, batch, hidden, ggi, ggh, gh0);
        }
        finally
        {
            End("GruGatesBackward", start);
        }
    }

    /// <inheritdoc/>
    public void AttentionGruGates(Storage gi, Storage gh, Storage h, Storage g, int batch, int hidden, Storage y)
    {
        var start = Begin();
        try
        {
            target.AttentionGruGates(gi, gh, h, g, batch, hidden, y);
        }
        finally
        {
            End("AttentionGruGates", start);
        }
    }

    /// <inheritdoc/>
    public void AttentionGruGatesBackward(Storage gi, Storage gh, Storage h, Storage g, Storage gy, int batch, int hidden,
                                          Storage ggi, Storage ggh, Storage gh0, Storage gg)
    {
        var start = Begin();
        try
        {
            target.AttentionGruGatesBackward(gi, gh, h, g, gy, batch, hidden, ggi, ggh, gh0, gg);
        }
        finally
        {
            End("AttentionGruGatesBackward", start);
        }
    }
}
