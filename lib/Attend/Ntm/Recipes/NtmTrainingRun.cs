namespace Attend.Ntm.Recipes;

/// <summary>
/// What a training run measured (Chapter 5, §5.6): the training cost of every batch (bits per sequence) against
/// sequences seen, the held-out evaluations, and when the held-out set was first copied without error.
/// </summary>
/// <param name="Options">The options it ran with.</param>
/// <param name="Sequences">Sequences seen after each batch.</param>
/// <param name="Costs">Each batch's training cost in bits per sequence.</param>
/// <param name="Evaluations">Held-out evaluations in order.</param>
/// <param name="SolvedAt">The first evaluation with no wrong bit, or null.</param>
/// <param name="Best">The best evaluation (fewest wrong bits, then lowest cost).</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record NtmTrainingRun(NtmTrainingOptions Options, IReadOnlyList<int> Sequences, IReadOnlyList<float> Costs,
                                    IReadOnlyList<NtmEvaluation> Evaluations, NtmEvaluation? SolvedAt, NtmEvaluation? Best, double Seconds)
{
    /// <summary>
    /// The training cost averaged over windows of <paramref name="window"/> sequences (for learning curves):
    /// (sequences seen at the window's end, mean bits per sequence).
    /// </summary>
    public IReadOnlyList<(double Sequences, double Bits)> SmoothedCosts(int window)
    {
        if (window <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"SmoothedCosts: window must be positive, got {window}.");
        }

        var points = new List<(double, double)>();
        double sum = 0;
        var count = 0;
        var next = window;
        for (var i = 0; i < Costs.Count; i++)
        {
            sum += Costs[i];
            count++;
            if (Sequences[i] >= next || i == Costs.Count - 1)
            {
                points.Add((Sequences[i], sum / count));
                sum = 0;
                count = 0;
                next = Sequences[i] + window;
            }
        }

        return points;
    }
}
