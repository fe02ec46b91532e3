using Attend.Modules;

namespace Attend.Attention;

/// <summary>
/// A scoring function of attention: how well each query matches each key. forward(queries [B, Tq, dq],
/// keys [B, Tk, dk]) returns raw scores [B, Tq, Tk] (any real numbers; higher means "look here more"). Softmax over
/// the keys turns a row of scores into attention weights (<see cref="Attention"/> does that, with masking).
/// </summary>
/// <remarks>Taught in Chapter 2: attention as soft lookup (notebooks/02-attention-as-soft-lookup.ipynb).</remarks>
public abstract class AttentionScore : Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the score with its display name.</summary>
    protected AttentionScore(string name)
        : base(name)
    {
    }

    /// <summary>Checks the shapes, then computes the scores [B, Tq, Tk] (see <see cref="Score"/>).</summary>
    public sealed override Tensor forward(Tensor queries, Tensor keys)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(keys);
        if (queries.ndim != 3 || keys.ndim != 3 || queries.size(0) != keys.size(0))
        {
            throw new ArgumentException(
                $"{GetName}: expected queries [B, Tq, dq] and keys [B, Tk, dk] with the same batch size B, got queries " +
                $"{Tensor.Format(queries.shape)} and keys {Tensor.Format(keys.shape)}.", nameof(queries));
        }

        return Score(queries, keys);
    }

    /// <summary>The scores of already checked queries [B, Tq, dq] and keys [B, Tk, dk]: [B, Tq, Tk].</summary>
    protected abstract Tensor Score(Tensor queries, Tensor keys);

    /// <summary>Throws when a size the score was built for does not match the tensor given.</summary>
    private protected void Expect(string what, int expected, Tensor tensor, string argument)
    {
        if (tensor.size(-1) != expected)
        {
            throw new ArgumentException(
                $"{GetName}: expected {what} of size {expected} in the last dimension, got {Tensor.Format(tensor.shape)}.", argument);
        }
    }
}
