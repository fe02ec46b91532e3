using Attend.Modules;
namespace Attend.Dmn;

/// <summary>
/// DMN+'s question module (Kumar et al. 2015, §2.2): a GRU over the question's word embeddings; its state after
/// the last word is q, which starts the memory (m⁰ = q), enters every attention gate and the answer.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.2.</remarks>
public sealed class QuestionModule : Module
{
    /// <summary>The GRU over words.</summary>
    public MaskedGru gru { get; }

    /// <summary>A question GRU of size <paramref name="dim"/>.</summary>
    public QuestionModule(int dim, Device? device = null, Generator? generator = null)
        : base(nameof(QuestionModule))
    {
        gru = new MaskedGru(dim, dim, device, generator);
        register_module("gru", gru);
    }

    /// <summary>
    /// q [B, d] from the question's embedded words <paramref name="words"/> [B, Q, d] and
    /// <paramref name="lengths"/> [B] (each at least 1).
    /// </summary>
    public Tensor Encode(Tensor words, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(lengths);
        if (words.dim() != 3 || lengths.Length != words.size(0))
        {
            throw new ArgumentException(
                $"QuestionModule.Encode: words must be [B, Q, d] with B lengths, got {Tensor.Format(words.dims)} and {lengths.Length} lengths.", nameof(words));
        }

        int b = words.size(0), q = words.size(1);
        var mask = new float[b * q];
        for (var i = 0; i < b; i++)
        {
            if (lengths[i] < 1 || lengths[i] > q)
            {
                throw new ArgumentException($"QuestionModule.Encode: lengths[{i}] = {lengths[i]} is outside 1–{q}.", nameof(lengths));
            }

            for (var j = 0; j < lengths[i]; j++)
            {
                mask[i * q + j] = 1;
            }
        }

        return gru.Run(words, torch.tensor(mask, [b, q], words.device)).Last;
    }
}
