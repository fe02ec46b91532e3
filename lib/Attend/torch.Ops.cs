namespace Attend;

// Function-style spellings of the tensor ops, as PyTorch offers both: torch.exp(x) is x.exp(), torch.cat([a, b], 1)
// joins tensors. Each wrapper only forwards; the op, its backward and its errors live in the Tensor.*.cs files.
public static partial class torch
{
    // ---- elementwise, one input ---------------------------------------------------------------------------

    /// <summary>−x (same as <c>x.neg()</c>).</summary>
    public static Tensor neg(Tensor input) => input.neg();

    /// <summary>eˣ elementwise (same as <c>x.exp()</c>).</summary>
    public static Tensor exp(Tensor input) => input.exp();

    /// <summary>ln x elementwise (same as <c>x.log()</c>).</summary>
    public static Tensor log(Tensor input) => input.log();

    /// <summary>√x elementwise (same as <c>x.sqrt()</c>).</summary>
    public static Tensor sqrt(Tensor input) => input.sqrt();

    /// <summary>|x| elementwise (same as <c>x.abs()</c>).</summary>
    public static Tensor abs(Tensor input) => input.abs();

    /// <summary>sign(x) in {−1, 0, 1} (same as <c>x.sign()</c>).</summary>
    public static Tensor sign(Tensor input) => input.sign();

    /// <summary>x² elementwise (same as <c>x.square()</c>).</summary>
    public static Tensor square(Tensor input) => input.square();

    /// <summary>1/x elementwise (same as <c>x.reciprocal()</c>).</summary>
    public static Tensor reciprocal(Tensor input) => input.reciprocal();

    /// <summary>sin x elementwise (same as <c>x.sin()</c>).</summary>
    public static Tensor sin(Tensor input) => input.sin();

    /// <summary>cos x elementwise (same as <c>x.cos()</c>).</summary>
    public static Tensor cos(Tensor input) => input.cos();

    /// <summary>tanh x elementwise (same as <c>x.tanh()</c>).</summary>
    public static Tensor tanh(Tensor input) => input.tanh();

    /// <summary>σ(x) = 1/(1+e^−x) elementwise (same as <c>x.sigmoid()</c>).</summary>
    public static Tensor sigmoid(Tensor input) => input.sigmoid();

    /// <summary>max(x, 0) elementwise (same as <c>x.relu()</c>).</summary>
    public static Tensor relu(Tensor input) => input.relu();

    /// <summary>ln(1 + eˣ) elementwise, computed stably (same as <c>x.softplus()</c>).</summary>
    public static Tensor softplus(Tensor input) => input.softplus();

    /// <summary>Limits values to [min, max] (same as <c>x.clamp(min, max)</c>).</summary>
    public static Tensor clamp(Tensor input, float? min = null, float? max = null) => input.clamp(min, max);

    /// <summary>Same as <c>torch.clamp</c>.</summary>
    public static Tensor clip(Tensor input, float? min = null, float? max = null) => input.clamp(min, max);

    /// <summary>xᵖ for a scalar exponent (same as <c>x.pow(p)</c>).</summary>
    public static Tensor pow(Tensor input, float exponent) => input.pow(exponent);

    /// <summary>aᵇ elementwise, broadcasting (same as <c>a.pow(b)</c>).</summary>
    public static Tensor pow(Tensor input, Tensor exponent) => input.pow(exponent);

    // ---- elementwise, two inputs (broadcasting) -----------------------------------------------------------

    /// <summary>a + alpha·b, broadcasting (same as <c>a.add(b, alpha)</c>).</summary>
    public static Tensor add(Tensor input, Tensor other, float alpha = 1) => input.add(other, alpha);

    /// <summary>x + s (same as <c>x.add(s)</c>).</summary>
    public static Tensor add(Tensor input, float other) => input.add(other);

    /// <summary>a − alpha·b, broadcasting (same as <c>a.sub(b)</c> when alpha is 1).</summary>
    public static Tensor sub(Tensor input, Tensor other, float alpha = 1) => alpha == 1 ? input.sub(other) : input.sub(other.mul(alpha));

    /// <summary>x − s (same as <c>x.sub(s)</c>).</summary>
    public static Tensor sub(Tensor input, float other) => input.sub(other);

    /// <summary>a · b elementwise, broadcasting (same as <c>a.mul(b)</c>).</summary>
    public static Tensor mul(Tensor input, Tensor other) => input.mul(other);

    /// <summary>x · s (same as <c>x.mul(s)</c>).</summary>
    public static Tensor mul(Tensor input, float other) => input.mul(other);

    /// <summary>a / b elementwise, broadcasting (same as <c>a.div(b)</c>).</summary>
    public static Tensor div(Tensor input, Tensor other) => input.div(other);

    /// <summary>x / s (same as <c>x.div(s)</c>).</summary>
    public static Tensor div(Tensor input, float other) => input.div(other);

    /// <summary>Elementwise maximum, broadcasting (same as <c>a.maximum(b)</c>).</summary>
    public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);

    /// <summary>Elementwise minimum, broadcasting (same as <c>a.minimum(b)</c>).</summary>
    public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);

    /// <summary>1 where a == b, else 0 (same as <c>a.eq(b)</c>).</summary>
    public static Tensor eq(Tensor input, Tensor other) => input.eq(other);

    /// <summary>1 where a != b, else 0 (same as <c>a.ne(b)</c>).</summary>
    public static Tensor ne(Tensor input, Tensor other) => input.ne(other);

    /// <summary>1 where a &lt; b, else 0 (same as <c>a.lt(b)</c>).</summary>
    public static Tensor lt(Tensor input, Tensor other) => input.lt(other);

    /// <summary>1 where a &lt;= b, else 0 (same as <c>a.le(b)</c>).</summary>
    public static Tensor le(Tensor input, Tensor other) => input.le(other);

    /// <summary>1 where a &gt; b, else 0 (same as <c>a.gt(b)</c>).</summary>
    public static Tensor gt(Tensor input, Tensor other) => input.gt(other);

    /// <summary>1 where a &gt;= b, else 0 (same as <c>a.ge(b)</c>).</summary>
    public static Tensor ge(Tensor input, Tensor other) => input.ge(other);

    // ---- reductions ---------------------------------------------------------------------------------------

    /// <summary>The sum of all elements (same as <c>x.sum()</c>).</summary>
    public static Tensor sum(Tensor input) => input.sum();

    /// <summary>The sum along <paramref name="dim"/> (same as <c>x.sum(dim, keepdim)</c>).</summary>
    public static Tensor sum(Tensor input, int dim, bool keepdim = false) => input.sum(dim, keepdim);

    /// <summary>The sum along several dimensions (same as <c>x.sum(dims, keepdim)</c>).</summary>
    public static Tensor sum(Tensor input, int[] dim, bool keepdim = false) => input.sum(dim, keepdim);

    /// <summary>The mean of all elements (same as <c>x.mean()</c>).</summary>
    public static Tensor mean(Tensor input) => input.mean();

    /// <summary>The mean along <paramref name="dim"/> (same as <c>x.mean(dim, keepdim)</c>).</summary>
    public static Tensor mean(Tensor input, int dim, bool keepdim = false) => input.mean(dim, keepdim);

    /// <summary>The mean along several dimensions (same as <c>x.mean(dims, keepdim)</c>).</summary>
    public static Tensor mean(Tensor input, int[] dim, bool keepdim = false) => input.mean(dim, keepdim);

    /// <summary>The largest element (same as <c>x.max()</c>).</summary>
    public static Tensor max(Tensor input) => input.max();

    /// <summary>The largest values along <paramref name="dim"/> and their indices (same as <c>x.max(dim, keepdim)</c>).</summary>
    public static (Tensor Values, Tensor Indices) max(Tensor input, int dim, bool keepdim = false) => input.max(dim, keepdim);

    /// <summary>The elementwise maximum of two tensors, as PyTorch's two-tensor <c>torch.max</c> (same as <c>torch.maximum</c>).</summary>
    public static Tensor max(Tensor input, Tensor other) => input.maximum(other);

    /// <summary>The smallest element (same as <c>x.min()</c>).</summary>
    public static Tensor min(Tensor input) => input.min();

    /// <summary>The smallest values along <paramref name="dim"/> and their indices (same as <c>x.min(dim, keepdim)</c>).</summary>
    public static (Tensor Values, Tensor Indices) min(Tensor input, int dim, bool keepdim = false) => input.min(dim, keepdim);

    /// <summary>The elementwise minimum of two tensors, as PyTorch's two-tensor <c>torch.min</c> (same as <c>torch.minimum</c>).</summary>
    public static Tensor min(Tensor input, Tensor other) => input.minimum(other);

    /// <summary>The index of the largest element of the flattened tensor (same as <c>x.argmax()</c>).</summary>
    public static Tensor argmax(Tensor input) => input.argmax();

    /// <summary>Indices of the largest values along <paramref name="dim"/> (same as <c>x.argmax(dim, keepdim)</c>).</summary>
    public static Tensor argmax(Tensor input, int dim, bool keepdim = false) => input.argmax(dim, keepdim);

    /// <summary>The index of the smallest element of the flattened tensor (same as <c>x.argmin()</c>).</summary>
    public static Tensor argmin(Tensor input) => input.argmin();

    /// <summary>Indices of the smallest values along <paramref name="dim"/> (same as <c>x.argmin(dim, keepdim)</c>).</summary>
    public static Tensor argmin(Tensor input, int dim, bool keepdim = false) => input.argmin(dim, keepdim);

    /// <summary>The p-norm of all elements (same as <c>x.norm(p)</c>).</summary>
    public static Tensor norm(Tensor input, float p = 2) => input.norm(p);

    /// <summary>The p-norm along <paramref name="dim"/> (same as <c>x.norm(p, dim, keepdim)</c>).</summary>
    public static Tensor norm(Tensor input, float p, int dim, bool keepdim = false) => input.norm(p, dim, keepdim);

    /// <summary>The variance of all elements (same as <c>x.var(unbiased)</c>).</summary>
    public static Tensor var(Tensor input, bool unbiased = true) => input.var(unbiased);

    /// <summary>The variance along <paramref name="dim"/> (same as <c>x.var(dim, unbiased, keepdim)</c>).</summary>
    public static Tensor var(Tensor input, int dim, bool unbiased = true, bool keepdim = false) => input.var(dim, unbiased, keepdim);

    /// <summary>The standard deviation of all elements (same as <c>x.std(unbiased)</c>).</summary>
    public static Tensor std(Tensor input, bool unbiased = true) => input.std(unbiased);

    /// <summary>The standard deviation along <paramref name="dim"/> (same as <c>x.std(dim, unbiased, keepdim)</c>).</summary>
    public static Tensor std(Tensor input, int dim, bool unbiased = true, bool keepdim = false) => input.std(dim, unbiased, keepdim);

    // ---- linear algebra -----------------------------------------------------------------------------------

    /// <summary>Matrix product with broadcasting batch dimensions (same as <c>a.matmul(b)</c>).</summary>
    public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);

    /// <summary>The product of two matrices [m,k]·[k,n] (same as <c>a.mm(b)</c>).</summary>
    public static Tensor mm(Tensor input, Tensor mat2) => input.mm(mat2);

    /// <summary>Batched product [b,m,k]·[b,k,n] (same as <c>a.bmm(b)</c>).</summary>
    public static Tensor bmm(Tensor input, Tensor mat2) => input.bmm(mat2);

    /// <summary>The outer product of two 1-D tensors (same as <c>a.outer(b)</c>).</summary>
    public static Tensor outer(Tensor input, Tensor vec2) => input.outer(vec2);

    /// <summary>The inner product of two 1-D tensors (same as <c>a.dot(b)</c>).</summary>
    public static Tensor dot(Tensor input, Tensor other) => input.dot(other);

    // ---- shape --------------------------------------------------------------------------------------------

    /// <summary>The same values with a new shape (same as <c>x.reshape(shape)</c>).</summary>
    public static Tensor reshape(Tensor input, params int[] shape) => input.reshape(shape);

    /// <summary>Swaps two dimensions (same as <c>x.transpose(dim0, dim1)</c>).</summary>
    public static Tensor transpose(Tensor input, int dim0, int dim1) => input.transpose(dim0, dim1);

    /// <summary>The transpose of a matrix (same as <c>x.t()</c>).</summary>
    public static Tensor t(Tensor input) => input.t();

    /// <summary>Reorders the dimensions (same as <c>x.permute(dims)</c>).</summary>
    public static Tensor permute(Tensor input, params int[] dims) => input.permute(dims);

    /// <summary>Removes every dimension of size 1 (same as <c>x.squeeze()</c>).</summary>
    public static Tensor squeeze(Tensor input) => input.squeeze();

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1 (same as <c>x.squeeze(dim)</c>).</summary>
    public static Tensor squeeze(Tensor input, int dim) => input.squeeze(dim);

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> (same as <c>x.unsqueeze(dim)</c>).</summary>
    public static Tensor unsqueeze(Tensor input, int dim) => input.unsqueeze(dim);

    /// <summary>Flattens dimensions start_dim … end_dim into one (same as <c>x.flatten(start_dim, end_dim)</c>).</summary>
    public static Tensor flatten(Tensor input, int start_dim = 0, int end_dim = -1) => input.flatten(start_dim, end_dim);

    /// <summary>Broadcasts to a larger shape (same as <c>x.broadcast_to(shape)</c>).</summary>
    public static Tensor broadcast_to(Tensor input, params int[] shape) => input.broadcast_to(shape);

    /// <summary>A copy with its own storage; gradients flow back (same as <c>x.clone()</c>).</summary>
    public static Tensor clone(Tensor input) => input.clone();

    /// <summary>The number of elements (same as <c>x.numel()</c>).</summary>
    public static int numel(Tensor input) => input.numel();

    // ---- joining and cutting ------------------------------------------------------------------------------

    /// <summary>
    /// Joins tensors along an existing dimension <paramref name="dim"/>; all other sizes must match
    /// (<c>torch.cat([a [2, 3], b [2, 5]], 1)</c> is [2, 8]). Each input's gradient is its slab of the output's.
    /// </summary>
    public static Tensor cat(Tensor[] tensors, int dim = 0) => Tensor.Cat(tensors, dim);

    /// <summary>torch.cat of a list or any sequence (e.g. the outputs collected while unrolling an RNN).</summary>
    public static Tensor cat(IEnumerable<Tensor> tensors, int dim = 0) => Tensor.Cat(ListOfTensors(tensors), dim);

    /// <summary>Same as <c>torch.cat</c>.</summary>
    public static Tensor concat(Tensor[] tensors, int dim = 0) => Tensor.Cat(tensors, dim);

    /// <summary>
    /// Joins equally shaped tensors along a new dimension <paramref name="dim"/>
    /// (three [2, 3] tensors stacked at 0 are [3, 2, 3]; at 1, [2, 3, 3]).
    /// </summary>
    public static Tensor stack(Tensor[] tensors, int dim = 0) => Tensor.Stack(tensors, dim);

    /// <summary>torch.stack of a list or any sequence (e.g. the hidden states collected while unrolling an RNN).</summary>
    public static Tensor stack(IEnumerable<Tensor> tensors, int dim = 0) => Tensor.Stack(ListOfTensors(tensors), dim);

    private static Tensor[] ListOfTensors(IEnumerable<Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return [.. tensors];
    }

    /// <summary>Cuts into pieces of <paramref name="split_size"/> along <paramref name="dim"/> (same as <c>x.split(split_size, dim)</c>).</summary>
    public static Tensor[] split(Tensor tensor, int split_size, int dim = 0) => tensor.split(split_size, dim);

    /// <summary>Cuts into pieces of the given sizes along <paramref name="dim"/> (same as <c>x.split(sizes, dim)</c>).</summary>
    public static Tensor[] split(Tensor tensor, int[] split_sizes, int dim = 0) => tensor.split(split_sizes, dim);

    /// <summary>Cuts into <paramref name="chunks"/> nearly equal pieces (same as <c>x.chunk(chunks, dim)</c>).</summary>
    public static Tensor[] chunk(Tensor input, int chunks, int dim = 0) => input.chunk(chunks, dim);

    /// <summary>A slab of <paramref name="length"/> entries along <paramref name="dim"/> (same as <c>x.narrow(dim, start, length)</c>).</summary>
    public static Tensor narrow(Tensor input, int dim, int start, int length) => input.narrow(dim, start, length);

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, dimension removed (same as <c>x.select(dim, index)</c>).</summary>
    public static Tensor select(Tensor input, int dim, int index) => input.select(dim, index);

    /// <summary>All slices along <paramref name="dim"/> (same as <c>x.unbind(dim)</c>).</summary>
    public static Tensor[] unbind(Tensor input, int dim = 0) => input.unbind(dim);

    // ---- indexing -----------------------------------------------------------------------------------------

    /// <summary>The entries at the positions in <paramref name="index"/> along <paramref name="dim"/> (same as <c>x.index_select(dim, index)</c>).</summary>
    public static Tensor index_select(Tensor input, int dim, Tensor index) => input.index_select(dim, index);

    /// <summary>out[…, j, …] = x[…, index[…, j, …], …] along <paramref name="dim"/> (same as <c>x.gather(dim, index)</c>).</summary>
    public static Tensor gather(Tensor input, int dim, Tensor index) => input.gather(dim, index);

    /// <summary>A copy of input with src added at index along <paramref name="dim"/> (same as <c>x.scatter_add(dim, index, src)</c>).</summary>
    public static Tensor scatter_add(Tensor input, int dim, Tensor index, Tensor src) => input.scatter_add(dim, index, src);

    /// <summary>A copy with <paramref name="value"/> where the broadcast mask is non-zero (same as <c>x.masked_fill(mask, value)</c>).</summary>
    public static Tensor masked_fill(Tensor input, Tensor mask, float value) => input.masked_fill(mask, value);

    /// <summary>
    /// <paramref name="input"/> where <paramref name="condition"/> is non-zero, else <paramref name="other"/>, all three
    /// broadcast together. Gradients reach each branch only where it was chosen.
    /// </summary>
    public static Tensor where(Tensor condition, Tensor input, Tensor other) => Tensor.Where(condition, input, other);

    /// <summary><paramref name="input"/> where <paramref name="condition"/> is non-zero, else the scalar <paramref name="other"/>.</summary>
    public static Tensor where(Tensor condition, Tensor input, float other) =>
        Tensor.Where(condition, input, full([], other, input.device));

    /// <summary>The scalar <paramref name="input"/> where <paramref name="condition"/> is non-zero, else <paramref name="other"/>.</summary>
    public static Tensor where(Tensor condition, float input, Tensor other) =>
        Tensor.Where(condition, full([], input, other.device), other);

    /// <summary>
    /// Class indices as one-hot rows: shape indices.shape + [num_classes], a 1 at each index and 0 elsewhere
    /// (num_classes = −1 infers one more than the largest index). Indices outside 0 … num_classes−1 are an error.
    /// </summary>
    public static Tensor one_hot(Tensor indices, int num_classes = -1) => Tensor.OneHot(indices, num_classes);

    /// <summary>Reverses the order along each of <paramref name="dims"/> (same as <c>x.flip(dims)</c>).</summary>
    public static Tensor flip(Tensor input, params int[] dims) => input.flip(dims);

    /// <summary>Shifts entries along <paramref name="dim"/> with wrap-around (same as <c>x.roll(shifts, dim)</c>).</summary>
    public static Tensor roll(Tensor input, int shifts, int dim) => input.roll(shifts, dim);

    /// <summary>Rolls along several dimensions (same as <c>x.roll(shifts, dims)</c>).</summary>
    public static Tensor roll(Tensor input, int[] shifts, int[] dims) => input.roll(shifts, dims);

    /// <summary>Rolls the flattened tensor and restores the shape (same as <c>x.roll(shifts)</c>).</summary>
    public static Tensor roll(Tensor input, int shifts) => input.roll(shifts);
}
