namespace Attend;

public static partial class torch
{
    // Functions of whole tensors that the course's models are built from. Each is a composition of recorded ops,
    // so its backward comes from autograd and the formula in the code is the whole story.

    /// <summary>
    /// Cosine similarity along <paramref name="dim"/> (inputs broadcast):
    /// cos(a, b) = a·b / max(‖a‖·‖b‖, eps), the content-addressing score of memory networks and the NTM.
    /// The eps keeps zero vectors at similarity 0 instead of 0/0.
    /// </summary>
    public static Tensor cosine_similarity(Tensor x1, Tensor x2, int dim = -1, float eps = 1e-8f)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        Tensor.SameDevice("cosine_similarity", x1, x2);
        var shape = Tensor.BroadcastShapes("cosine_similarity", ("x1", x1.dims), ("x2", x2.dims));
        if (shape.Length == 0)
        {
            throw new ArgumentException("cosine_similarity: needs tensors with at least 1 dimension, got two scalars.", nameof(x1));
        }

        var d = Tensor.NormalizeDim(dim, shape.Length, "cosine_similarity");
        var a = x1.expand(shape);
        var b = x2.expand(shape);
        var dot = a.mul(b).sum(d);

        // max(‖a‖‖b‖, eps) = sqrt(max(‖a‖²‖b‖², eps²)): the clamp also keeps sqrt away from 0, where its slope is infinite.
        var normProduct = a.mul(a).sum(d).mul(b.mul(b).sum(d)).clamp(min: eps * eps).sqrt();
        return dot.div(normProduct);
    }

    /// <summary>
    /// The Neural Turing Machine's rotational shift (Graves et al. 2014, eq. 8): the circular convolution
    /// w̃(i) = Σ_{j=0}^{N−1} w(j)·s(i − j), indices mod N. <paramref name="w"/> [B, N] (or [N]) is a weighting over N
    /// memory slots; <paramref name="s"/> [B, K] (or [K]), K odd, is a weighting over the shifts −(K−1)/2 … +(K−1)/2,
    /// so column c of s is the shift c − (K−1)/2 and s(k) is 0 for shifts outside that range. Substituting k = i − j:
    /// w̃(i) = Σ_k s(k)·w(i − k) = Σ_c s[c]·roll(w, c − (K−1)/2)[i]. With K = 3, s = [0, 0, 1] moves every slot's
    /// weight one slot forward (to i + 1, wrapping around); s = [1, 0, 0] moves it back; s = [0, 1, 0] keeps w.
    /// One fused kernel (<see cref="Backends.IBackend.CircularConv"/>); gradients reach both w and s.
    /// </summary>
    public static Tensor circular_conv(Tensor w, Tensor s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        Tensor.SameDevice("circular_conv", w, s);
        var rank = w.dims.Length;
        if (rank is not (1 or 2) || s.dims.Length != rank || (rank == 2 && w.dims[0] != s.dims[0]))
        {
            throw new ArgumentException(
                $"circular_conv: expects w [B, N] and s [B, K] (or w [N] and s [K]) with the same batch size, but got " +
                $"w {Tensor.Format(w.dims)} and s {Tensor.Format(s.dims)}.");
        }

        int n = w.dims[^1], k = s.dims[^1];
        if (k % 2 == 0 || k > n)
        {
            throw new ArgumentException(
                $"circular_conv: the shift weighting s must have an odd number K of entries (shifts −(K−1)/2 … +(K−1)/2) " +
                $"with K ≤ N, but s has shape {Tensor.Format(s.dims)} (K = {k}) and w has shape {Tensor.Format(w.dims)} (N = {n}).",
                nameof(s));
        }

        if (rank == 1)
        {
            return circular_conv(w.unsqueeze(0), s.unsqueeze(0)).squeeze(0);
        }

        // One kernel and one autograd node instead of K rolls, a stack, a broadcast product and a sum (the composed form:
        // stack_c roll(w, c − half) · s summed over c; the tests check the two agree). Inputs are contiguous row-major.
        var result = new Tensor(w.Backend.Allocate(w.numel(), zero: false), [w.dims[0], n]);
        var backend = w.Backend;
        int batch = w.dims[0];
        backend.CircularConv(w.storage, s.storage, batch, n, k, result.storage);
        return Tensor.Record(result, "circular_conv", [w, s], g =>
        {
            var gw = new Tensor(backend.Allocate(w.numel(), zero: false), [batch, n]);
            var gs = new Tensor(backend.Allocate(s.numel(), zero: false), [batch, k]);
            backend.CircularConvBackward(w.storage, s.storage, g.storage, batch, n, k, gw.storage, gs.storage);
            return [gw, gs];
        });
    }

    /// <summary>log Σ exp(x) along <paramref name="dim"/>, without overflow (same as <c>x.logsumexp(dim)</c>).</summary>
    public static Tensor logsumexp(Tensor input, int dim, bool keepdim = false) => input.logsumexp(dim, keepdim);

    /// <summary>softmax along <paramref name="dim"/> (same as <c>x.softmax(dim)</c>).</summary>
    public static Tensor softmax(Tensor input, int dim) => input.softmax(dim);

    /// <summary>log softmax along <paramref name="dim"/> (same as <c>x.log_softmax(dim)</c>).</summary>
    public static Tensor log_softmax(Tensor input, int dim) => input.log_softmax(dim);
}
