namespace Attend.Backends;

/// <summary>
/// The device seam: every tensor op reaches memory and arithmetic only through these kernels, so a
/// new device (CUDA) is one new implementation of this interface and touches no op, module or
/// optimizer. Kernels see flat storages plus the sizes they need; layouts are row-major and
/// contiguous. A dimension reduced or indexed is described as (outer, n, inner): the tensor viewed as
/// [outer, n, inner] with the dimension of interest in the middle.
/// </summary>
public interface IBackend
{
    /// <summary>The device this backend computes on.</summary>
    Device Device { get; }

    /// <summary>A short human description (e.g. which GEMM provider is in use).</summary>
    string Description { get; }

    /// <summary>Allocates <paramref name="length"/> floats; zeroed when <paramref name="zero"/>.</summary>
    Storage Allocate(int length, bool zero = true);

    /// <summary>Copies host values into a new storage.</summary>
    Storage FromHost(ReadOnlySpan<float> values);

    /// <summary>Copies <paramref name="source"/> (all of it) into host memory.</summary>
    void ToHost(Storage source, Span<float> destination);

    /// <summary>Sets every element of the first <paramref name="count"/> to <paramref name="value"/>.</summary>
    void Fill(Storage destination, int count, float value);

    /// <summary>
    /// Copies a block of <paramref name="rows"/> × <paramref name="cols"/> values between two row-strided layouts
    /// (used by cat, narrow, split and copy_).
    /// </summary>
    void CopyBlock(Storage source, int sourceOffset, int sourceRowStride,
                   Storage destination, int destinationOffset, int destinationRowStride, int rows, int cols);

    /// <summary>
    /// Gathers <paramref name="source"/> read with arbitrary element strides (0 to broadcast, any order to
    /// permute) into the contiguous <paramref name="destination"/> of shape <paramref name="shape"/>.
    /// </summary>
    void StridedCopy(Storage source, int[] sourceStrides, Storage destination, int[] shape);

    /// <summary>y[i] = f(x[i]) for the first <paramref name="count"/> elements.</summary>
    void Unary(UnaryOp op, Storage x, Storage y, int count, float p = 0, float q = 0);

    /// <summary>
    /// y = f(a, b) over the broadcast <paramref name="shape"/>; <paramref name="aStrides"/> and
    /// <paramref name="bStrides"/> are element strides with 0 on broadcast dimensions.
    /// </summary>
    void Binary(BinaryOp op, Storage a, int[] aStrides, Storage b, int[] bStrides, Storage y, int[] shape);

    /// <summary>y = cond != 0 ? a : b over the broadcast <paramref name="shape"/>.</summary>
    void Where(Storage cond, int[] condStrides, Storage a, int[] aStrides, Storage b, int[] bStrides,
               Storage y, int[] shape);

    /// <summary>
    /// Reduces x viewed as [outer, n, inner] over n into y [outer, inner]. For Max/Min,
    /// <paramref name="indices"/> (when given) receives the first index of the extreme value.
    /// </summary>
    void Reduce(ReduceOp op, Storage x, int outer, int n, int inner, Storage y, Storage? indices);

    /// <summary>Softmax (or log-softmax) of x viewed as [outer, n, inner] along n.</summary>
    void Softmax(Storage x, int outer, int n, int inner, Storage y, bool log);

    /// <summary>
    /// Gradient of softmax/log-softmax along n given the output y and its gradient gy:
    /// softmax: gx = y ⊙ (gy − Σ gy⊙y); log-softmax: gx = gy − exp(y) Σ gy.
    /// </summary>
    void SoftmaxBackward(Storage y, Storage gy, int outer, int n, int inner, Storage gx, bool log);

    /// <summary>
    /// Batched C = alpha·op(A)·op(B) + beta·C with row-major matrices, op = transpose when the flag is set.
    /// A is [m,k] (or [k,m] when transposed), B is [k,n] (or [n,k]), C is [m,n]; each batch item is offset by
    /// its stride (0 to reuse one matrix for every item).
    /// </summary>
    void Gemm(bool transA, bool transB, int batch, int m, int n, int k, float alpha,
              Storage a, int strideA, Storage b, int strideB, float beta, Storage c, int strideC);

    /// <summary>
    /// y[o, j, i] = x[o, index[j], i] with x viewed as [outer, n, inner] and y as [outer, index.Length, inner].
    /// Indices were validated by the caller.
    /// </summary>
    void IndexSelect(Storage x, int outer, int n, int inner, int[] index, Storage y);

    /// <summary>The adjoint of <see cref="IndexSelect"/>: y[o, index[j], i] += x[o, j, i].</summary>
    void IndexAdd(Storage x, int outer, int n, int inner, int[] index, Storage y);

    /// <summary>
    /// y[o, j, i] = x[o, index[o, j, i], i] with x [outer, n, inner] and index/y [outer, m, inner].
    /// </summary>
    void Gather(Storage x, int outer, int n, int inner, Storage index, int m, Storage y);

    /// <summary>The adjoint of <see cref="Gather"/>: y[o, index[o, j, i], i] += x[o, j, i].</summary>
    void ScatterAdd(Storage x, int outer, int m, int inner, Storage index, int n, Storage y);

    /// <summary>
    /// Sums of weighted table rows, an embedding bag: y[o, i] = Σ_j w[o, j] · table[index[o·l + j], i] for
    /// o &lt; <paramref name="bags"/>, j &lt; <paramref name="l"/>, i &lt; <paramref name="width"/> (w = 1 when
    /// <paramref name="weights"/> is null). Indices were validated by the caller. The default gathers the rows into a
    /// temporary [bags, l, width] and sums them with one batched product; a backend overrides it with one pass.
    /// </summary>
    /// <remarks>Chapter 6: the sentence vectors of end-to-end memory networks.</remarks>
    void EmbeddingBagSum(Storage table, int width, int[] index, Storage? weights, int bags, int l, Storage y) =>
        EmbeddingBagSumComposed(this, table, width, index, weights, bags, l, y);

    /// <summary>
    /// The adjoint of <see cref="EmbeddingBagSum"/> for the table: grad[index[o·l + j], i] += w[o, j] · g[o, i].
    /// The default builds the scaled rows in a temporary and adds them back with <see cref="IndexAdd"/>.
    /// </summary>
    void EmbeddingBagSumBackward(Storage g, int width, int[] index, Storage? weights, int bags, int l, Storage grad) =>
        EmbeddingBagSumBackwardComposed(this, g, width, index, weights, bags, l, grad);

    /// <summary><see cref="EmbeddingBagSum"/> from the other kernels: a gather into a temporary, then a batched product.</summary>
    internal static void EmbeddingBagSumComposed(IBackend backend, Storage table, int width, int[] index, Storage? weights, int bags,
                                                 int l, Storage y)
    {
        var rows = backend.Allocate(bags * l * width, zero: false);
        backend.IndexSelect(table, 1, 0, width, index, rows);
        var w = weights ?? Ones(backend, bags * l);
        backend.Gemm(false, false, bags, 1, width, l, 1f, w, l, rows, l * width, 0f, y, width);
    }

    /// <summary><see cref="EmbeddingBagSumBackward"/> from the other kernels: scaled rows in a temporary, then <see cref="IndexAdd"/>.</summary>
    internal static void EmbeddingBagSumBackwardComposed(IBackend backend, Storage g, int width, int[] index, Storage? weights, int bags,
                                                         int l, Storage grad)
    {
        var rows = backend.Allocate(bags * l * width, zero: false);
        var w = weights ?? Ones(backend, bags * l);
        backend.Gemm(true, false, bags, l, width, 1, 1f, w, l, g, width, 0f, rows, l * width);
        backend.IndexAdd(rows, 1, 0, width, index, grad);
    }

    private static Storage Ones(IBackend backend, int count)
    {
        var ones = backend.Allocate(count);
        backend.Unary(UnaryOp.AddScalar, ones, ones, count, 1f);
        return ones;
    }

    /// <summary>
    /// y += value · a (when <paramref name="b"/> is null), y += value · a · b (<paramref name="op"/> Mul) or
    /// y += value · a / b (Div), elementwise over <paramref name="count"/> values of same-shape operands: the one-pass
    /// updates of optimizers (add_ with alpha, addcmul_, addcdiv_), computed in PyTorch's order (value · a) op b.
    /// The default composes the other kernels through a temporary; a backend overrides it with one fused pass.
    /// </summary>
    void AddScaled(Storage a, Storage? b, BinaryOp op, float value, Storage y, int count) =>
        AddScaledComposed(this, a, b, op, value, y, count);

    /// <summary><see cref="AddScaled"/> from the other kernels, through a temporary.</summary>
    internal static void AddScaledComposed(IBackend backend, Storage a, Storage? b, BinaryOp op, float value, Storage y, int count)
    {
        var term = backend.Allocate(count, zero: false);
        int[] shape = [count], strides = [1];
        backend.Unary(UnaryOp.MulScalar, a, term, count, value);
        if (b is not null)
        {
            backend.Binary(op, term, strides, b, strides, term, shape);
        }

        backend.Binary(BinaryOp.Add, y, strides, term, strides, y, shape);
    }

    // ---- images: convolution and pooling (Chapter 4, visual attention; CpuBackend.Image.cs) ----------------
    // Images are row-major [N, C, H, W]; every kernel reads its sizes from one Window2d. Im2Col and Col2Im are
    // an adjoint pair (each is the other's backward); max pooling's backward reuses ScatterAdd with its indices.

    /// <summary>
    /// im2col: writes <paramref name="columns"/> [N, C·kH·kW, OutH·OutW], whose column (oh, ow) of image n is the
    /// window at (oh, ow), ordered (c, kh, kw) like a flattened weight [O, C, kH, kW]; padding reads as 0 (PyTorch's
    /// <c>unfold</c> layout). A convolution is then one matrix product: flattened weights [O, C·kH·kW] times columns.
    /// </summary>
    /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
    void Im2Col(Storage x, Window2d window, Storage columns);

    /// <summary>
    /// The adjoint of <see cref="Im2Col"/>: overwrites <paramref name="x"/> [N, C, H, W] with, for each pixel, the sum
    /// of every column entry that was read from it (entries that fell in the padding are dropped).
    /// </summary>
    void Col2Im(Storage columns, Window2d window, Storage x);

    /// <summary>
    /// Max pooling of each plane: y [N, C, OutH, OutW] is the largest value in each window (the padding counts as
    /// −∞); <paramref name="indices"/> (same shape) receives the flat position ih·W + iw in the plane of the first
    /// maximum, as PyTorch's <c>return_indices</c>, so the backward is a ScatterAdd over [N·C, H·W].
    /// </summary>
    void MaxPool2d(Storage x, Window2d window, Storage y, Storage indices);

    /// <summary>
    /// Average pooling of each plane: y [N, C, OutH, OutW] is the window's sum divided by kH·kW when
    /// <paramref name="countIncludePad"/>, else by the number of window positions inside the image.
    /// </summary>
    void AvgPool2d(Storage x, Window2d window, bool countIncludePad, Storage y);

    /// <summary>
    /// The adjoint of <see cref="AvgPool2d"/>: overwrites <paramref name="gx"/> [N, C, H, W] with, for each pixel,
    /// the sum of gy / divisor over the windows that contain it.
    /// </summary>
    void AvgPool2dBackward(Storage gy, Window2d window, bool countIncludePad, Storage gx);

    // ---- the LSTM cell's pointwise part (Chapter 5, §5.4: the NTM's controller; CpuBackend.Lstm.cs) ---------
    // At batch 1 an LSTM step is a dozen tiny ops (an add, a chunk into four copies, three sigmoids, two tanhs, three
    // products and a sum), each with its own autograd node: one kernel and one node instead.

    /// <summary>
    /// The LSTM update after the two gate products: with pre = gi + gh ([B, 4H], gates in PyTorch's order i, f, g, o),
    /// writes the activated gates σ(i), σ(f), tanh(g), σ(o) into <paramref name="gates"/> [B, 4H] and
    /// [h', c'] into <paramref name="hc"/> [B, 2H], where c' = σ(f)·c + σ(i)·tanh(g) and h' = σ(o)·tanh(c').
    /// </summary>
    void LstmCell(Storage gi, Storage gh, Storage c, int batch, int hidden, Storage gates, Storage hc);

    /// <summary>
    /// The gradients of <see cref="LstmCell"/> for the output gradient <paramref name="ghc"/> [B, 2H] (of h' and c'):
    /// overwrites <paramref name="gPre"/> [B, 4H] (the gradient of gi and of gh alike) and <paramref name="gc"/> [B, H].
    /// </summary>
    void LstmCellBackward(Storage gates, Storage c, Storage hc, Storage ghc, int batch, int hidden, Storage gPre, Storage gc);

    // ---- memory addressing (Chapter 5, Neural Turing Machines; CpuBackend.Ntm.cs) ---------------------------
    // Fused kernels for the NTM's per-step ops: each replaces a chain of small ops (and their autograd nodes) whose
    // separate passes over [B, N, M] memory dominated a batched step. Batched and row-major: memory [B, N, M],
    // key / vectors [B, M], weightings [B, N], shift distributions [B, K]. Forward kernels overwrite y; backward
    // kernels overwrite every gradient they are given.

    /// <summary>
    /// Cosine similarity of each memory row with the key: y[b, i] = k·M_i / sqrt(max(‖k‖²‖M_i‖², eps²)), i.e.
    /// divided by max(‖k‖‖M_i‖, eps) (Chapter 5, §5.2, paper eq. 6).
    /// </summary>
    void RowCosine(Storage memory, Storage key, int batch, int n, int m, float eps, Storage y);

    /// <summary>The gradients of <see cref="RowCosine"/> for the output gradient <paramref name="gy"/> [B, N].</summary>
    void RowCosineBackward(Storage memory, Storage key, Storage gy, int batch, int n, int m, float eps, Storage gMemory, Storage gKey);

    /// <summary>
    /// Circular convolution y[b, i] = Σ_c s[b, c] · w[b, (i − c + (K−1)/2) mod N] of weightings w [B, N] with shift
    /// distributions s [B, K] (Chapter 5, §5.2, paper eq. 8).
    /// </summary>
    void CircularConv(Storage w, Storage s, int batch, int n, int k, Storage y);

    /// <summary>The gradients of <see cref="CircularConv"/> for the output gradient <paramref name="gy"/> [B, N].</summary>
    void CircularConvBackward(Storage w, Storage s, Storage gy, int batch, int n, int k, Storage gw, Storage gs);

    /// <summary>
    /// The NTM write: y = M ∘ (1 − w eᵀ) + w aᵀ per batch entry, memory [B, N, M], weighting w [B, N], erase e and
    /// add a [B, M] (Chapter 5, §5.1, paper eqs. 3–4).
    /// </summary>
    void EraseAdd(Storage memory, Storage w, Storage e, Storage a, int batch, int n, int m, Storage y);

    /// <summary>The gradients of <see cref="EraseAdd"/> for the output gradient <paramref name="gy"/> [B, N, M].</summary>
    void EraseAddBackward(Storage memory, Storage w, Storage e, Storage a, Storage gy, int batch, int n, int m,
                          Storage gMemory, Storage gw, Storage ge, Storage ga);

    /// <summary>
    /// Sharpening y[b, i] = u_i^γ_b / Σ_j u_j^γ_b with u = w / max(max_j w_j, eps) + eps, computed as exp(γ·log u)
    /// (Chapter 5, §5.2, paper eq. 9). <paramref name="gamma"/> is [B].
    /// </summary>
    void Sharpen(Storage w, Storage gamma, int batch, int n, float eps, Storage y);

    /// <summary>
    /// The gradients of <see cref="Sharpen"/> (the max taken as a constant) given its output <paramref name="y"/>.
    /// </summary>
    void SharpenBackward(Storage w, Storage gamma, Storage y, Storage gy, int batch, int n, float eps, Storage gw, Storage gGamma);

    /// <summary>The read r[b, :] = Σ_i w[b, i] · M[b, i, :] (Chapter 5, §5.1, paper eq. 2).</summary>
    void WeightedRows(Storage memory, Storage w, int batch, int n, int m, Storage y);

    /// <summary>The gradients of <see cref="WeightedRows"/> for the output gradient <paramref name="gy"/> [B, M].</summary>
    void WeightedRowsBackward(Storage memory, Storage w, Storage gy, int batch, int n, int m, Storage gMemory, Storage gw);

    /// <summary>
    /// The GRU cell's gates in one pass (Chapter 3, §3.2; PyTorch's <c>nn.GRUCell</c>): from gi = x·W_ihᵀ + b_ih and
    /// gh = h·W_hhᵀ + b_hh, both [B, 3H] stacked (r, z, n), and the state h [B, H]:
    /// r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ∘ gh_n), y = (1 − z) ∘ n + z ∘ h.
    /// </summary>
    void GruGates(Storage gi, Storage gh, Storage h, int batch, int hidden, Storage y);

    /// <summary>
    /// The gradients of <see cref="GruGates"/> for the output gradient <paramref name="gy"/> [B, H]: ggi and ggh [B, 3H],
    /// gh0 [B, H] (the gates are recomputed from the inputs rather than stored).
    /// </summary>
    void GruGatesBackward(Storage gi, Storage gh, Storage h, Storage gy, int batch, int hidden, Storage ggi, Storage ggh, Storage gh0);

    /// <summary>
    /// DMN+'s attention-GRU step in one pass (Chapter 7, §7.3; Xiong et al. 2016, eq. 11–12): from gi = f·W_ihᵀ + b_ih
    /// and gh = h·W_hhᵀ + b_hh, both [B, 2H] stacked (r, h̃), the state h [B, H] and the attention gate g [B]:
    /// r = σ(gi_r + gh_r), h̃ = tanh(gi_h + r ∘ gh_h), y = h + g (h̃ − h) — the gate takes the update gate's place.
    /// </summary>
    void AttentionGruGates(Storage gi, Storage gh, Storage h, Storage g, int batch, int hidden, Storage y);

    /// <summary>
    /// The gradients of <see cref="AttentionGruGates"/> for the output gradient <paramref name="gy"/> [B, H]: ggi and
    /// ggh [B, 2H], gh0 [B, H] and gg [B] (each row's Σ_j gy (h̃ − h)); r and h̃ are recomputed from the inputs.
    /// </summary>
    void AttentionGruGatesBackward(Storage gi, Storage gh, Storage h, Storage g, Storage gy, int batch, int hidden,
                                   Storage ggi, Storage ggh, Storage gh0, Storage gg);
}
