namespace Attend;

public partial class Tensor
{
    /// <summary>
    /// softmax(x)_i = e^(x_i − max x) / Σ_j e^(x_j − max x) along <paramref name="dim"/>: positive weights that sum
    /// to one (the subtraction of the max changes nothing mathematically and prevents overflow).
    /// </summary>
    public Tensor softmax(int dim) => SoftmaxOp(dim, log: false);

    /// <summary>log softmax(x) along <paramref name="dim"/>, computed as x − logsumexp(x) without forming softmax.</summary>
    public Tensor log_softmax(int dim) => SoftmaxOp(dim, log: true);

    private Tensor SoftmaxOp(int dim, bool log)
    {
        var name = log ? "log_softmax" : "softmax";
        var d = NormalizeDim(dim, dims.Length, name);
        var (outer, n, inner) = Split3(d);
        var result = NewLike(dims, zero: false);
        if (numel() > 0)
        {
            Backend.Softmax(storage, outer, n, inner, result.storage, log);
        }

        return Record(result, name, [this], g =>
        {
            var gx = NewLike(dims, zero: false);
            Backend.SoftmaxBackward(result.storage, g.storage, outer, n, inner, gx.storage, log);
            return [gx];
        });
    }
}
