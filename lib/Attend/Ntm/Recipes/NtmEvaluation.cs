namespace Attend.Ntm.Recipes;

/// <summary>One evaluation on the held-out set (Chapter 5, §5.6).</summary>
/// <param name="Sequences">Training sequences seen when it was measured.</param>
/// <param name="BitsPerSequence">Mean cost in bits per sequence.</param>
/// <param name="BitErrorsPerSequence">Mean wrong bits per sequence.</param>
/// <param name="SequencesWithErrors">How many held-out sequences had at least one wrong bit.</param>
/// <param name="Seconds">Wall time since training started.</param>
/// <param name="LearningRate">The optimizer's rate when it was measured (0 when measured outside training).</param>
/// <param name="RolledBack">
/// True when this check found the run diverged and training went back to the best check's weights and optimizer state
/// (<see cref="NtmTrainingOptions.RollbackFactor"/>); the model is then the best check's when this evaluation is reported.
/// </param>
public sealed record NtmEvaluation(int Sequences, double BitsPerSequence, double BitErrorsPerSequence, int SequencesWithErrors, double Seconds,
                                   double LearningRate = 0, bool RolledBack = false)
{
    /// <summary>True when no held-out sequence had a wrong bit.</summary>
    public bool Solved => SequencesWithErrors == 0;

    /// <summary>
    /// Whether this check beats <paramref name="best"/> (always, when there is none): fewer wrong bits per sequence, or as
    /// many and a lower cost. The rule by which training keeps its best check.
    /// </summary>
    public bool Beats(NtmEvaluation? best) =>
        best is null || BitErrorsPerSequence < best.BitErrorsPerSequence ||
        (BitErrorsPerSequence == best.BitErrorsPerSequence && BitsPerSequence < best.BitsPerSequence);
}
