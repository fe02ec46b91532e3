using Attend.Modules;

namespace Attend.NeuralProgrammer;

/// <summary>
/// Which question number a comparison compares with (Chapter 9, §9.3): for each comparison operation op (greater,
/// lesser) a key u_op, and pivot_op = Σ_k β_k n_k with β = softmax_k(u_op · z_k), where z_k is the question RNN's state
/// at the word before number k ("greater than 40": the state after "than"). Computed once per question.
/// </summary>
/// <remarks>
/// <see cref="NeuralProgrammer"/> uses <see cref="Weights"/> and mixes the comparisons with each number by β rather
/// than comparing with the mixed pivot from <see cref="forward"/>: a hard comparison of Σ_k β_k n_k passes no
/// gradient back to β.
/// </remarks>
public sealed class PivotAttention : Module<Tensor, TableBatch, (Tensor Greater, Tensor Lesser)>
{
    private readonly Parameter keys;

    /// <summary>Creates the two keys (greater, lesser) of size <paramref name="hidden_size"/>.</summary>
    public PivotAttention(int hidden_size)
        : base(nameof(PivotAttention))
    {
        keys = new Parameter(torch.zeros(2, hidden_size));
        RegisterComponents();
    }

    /// <summary>The keys [2, hidden]: row 0 for greater, row 1 for lesser.</summary>
    public Parameter weight => keys;

    /// <summary>The question RNN's states [B, Q, hidden] and the batch → the pivots of greater and lesser, each [B].</summary>
    public override (Tensor Greater, Tensor Lesser) forward(Tensor states, TableBatch batch)
    {
        var weights = Weights(states, batch); // [B, 2, K]
        var pivots = weights.mul(batch.Numbers.unsqueeze(1)).sum(2); // [B, 2]
        return (pivots.select(1, 0), pivots.select(1, 1));
    }

    /// <summary>The attention β over the question's numbers [B, 2, K] (row 0: greater, row 1: lesser).</summary>
    public Tensor Weights(Tensor states, TableBatch batch)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(batch);
        if (states.ndim != 3 || states.size(0) != batch.Count || states.size(2) != keys.size(1))
        {
            throw new ArgumentException(
                $"PivotAttention: expected states [{batch.Count}, Q, {keys.size(1)}], got {Tensor.Format(states.shape)}.", nameof(states));
        }

        // One-hot rows picking the state before each number: before[b, k, q] = 1 where q = position − 1 (0 at the start).
        var q = states.size(1);
        var previous = batch.NumberPositions.sub(1f).clamp(min: 0f).unsqueeze(2); // [B, K, 1]
        var before = previous.eq(torch.arange(q, states.device).view(1, 1, q));   // [B, K, Q]
        var z = before.bmm(states);                                               // [B, K, hidden]
        var scores = z.matmul(keys.t()).transpose(1, 2);                          // [B, 2, K]
        scores = scores.masked_fill(batch.NumberMask.unsqueeze(1).eq(0f), -1e9f);
        return scores.softmax(2);
    }
}
