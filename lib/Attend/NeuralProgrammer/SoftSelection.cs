using Attend.Modules;

namespace Attend.NeuralProgrammer;

/// <summary>
/// Soft selection (Chapter 9, §9.3): a probability over a set of keys from the controller's input z_t = [q; h_t],
/// α = softmax_k(key_k · tanh(W z_t)). With the operation embeddings as keys it chooses the operation; with the column
/// vectors as keys, the column. Masked keys (padding columns) get probability 0.
/// </summary>
public sealed class SoftSelection : Module<Tensor, Tensor, Tensor>
{
    private readonly Linear project;

    /// <summary>
    /// Creates a selector for keys of size <paramref name="hidden_size"/> and controller inputs of size
    /// <paramref name="input_size"/> (2·<paramref name="hidden_size"/> when not given: z = [q; h_t]).
    /// </summary>
    public SoftSelection(int hidden_size, int input_size = -1)
        : base(nameof(SoftSelection))
    {
        if (hidden_size <= 0 || input_size == 0 || input_size < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(input_size),
                $"SoftSelection: hidden_size ({hidden_size}) must be positive and input_size ({input_size}) positive or -1.");
        }

        project = new Linear(input_size == -1 ? 2 * hidden_size : input_size, hidden_size);
        RegisterComponents();
    }

    /// <summary>
    /// z [B, input] and keys [N, hidden] (shared by the batch) or [B, N, hidden] → the probabilities [B, N].
    /// </summary>
    public override Tensor forward(Tensor z, Tensor keys) => forward(z, keys, null);

    /// <summary>
    /// As <see cref="forward(Tensor, Tensor)"/>, with a mask [B, N] (1 = selectable) and an optional score added to each
    /// key's (<paramref name="bias"/> [B, N], e.g. the weighted column-name match).
    /// </summary>
    public Tensor forward(Tensor z, Tensor keys, Tensor? mask, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        return Select(Query(z), keys, mask, bias);
    }

    /// <summary>The query tanh(W z) [B, hidden] that the keys are scored against, for a caller that also attends with it.</summary>
    public Tensor Query(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        return project.call(z).tanh();
    }

    /// <summary>As <see cref="forward(Tensor, Tensor, Tensor?, Tensor?)"/> from a query of <see cref="Query"/>.</summary>
    public Tensor Select(Tensor query, Tensor keys, Tensor? mask, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keys);
        Tensor scores;
        if (keys.ndim == 2 && keys.size(1) == query.size(1))
        {
            scores = query.matmul(keys.t());
        }
        else if (keys.ndim == 3 && keys.size(0) == query.size(0) && keys.size(2) == query.size(1))
        {
            scores = keys.bmm(query.unsqueeze(2)).squeeze(2);
        }
        else
        {
            throw new ArgumentException(
                $"SoftSelection: expected keys [N, {query.size(1)}] or [{query.size(0)}, N, {query.size(1)}], got {Tensor.Format(keys.shape)}.",
                nameof(keys));
        }

        if (bias is not null)
        {
            if (!bias.shape.SequenceEqual(scores.shape))
            {
                throw new ArgumentException(
                    $"SoftSelection: expected bias {Tensor.Format(scores.shape)}, got {Tensor.Format(bias.shape)}.", nameof(bias));
            }

            scores = scores.add(bias);
        }

        if (mask is not null)
        {
            if (!mask.shape.SequenceEqual(scores.shape))
            {
                throw new ArgumentException(
                    $"SoftSelection: expected mask {Tensor.Format(scores.shape)}, got {Tensor.Format(mask.shape)}.", nameof(mask));
            }

            scores = scores.masked_fill(mask.eq(0f), -1e9f);
        }

        return scores.softmax(1);
    }
}
