namespace Attend.Act;

/// <summary>One held-out measurement during training.</summary>
/// <param name="Step">Training batches seen.</param>
/// <param name="Loss">The task loss (without the ponder penalty), averaged over the batches since the last checkpoint.</param>
/// <param name="ErrorRate">The held-out sequence error rate.</param>
/// <param name="MeanPonder">The held-out mean ponder steps per input step.</param>
/// <param name="Seconds">Wall time since training started.</param>
/// <param name="Measured">The whole held-out measurement (ponder steps per example and difficulty), so that how the
/// ponder-against-difficulty curve changes during training can be drawn.</param>
/// <param name="MaxNonZero">Parity with a curriculum: the most non-zero entries of the training inputs at this point
/// (without a curriculum: the input size; logic: 0).</param>
/// <remarks>Chapter 8: adaptive computation time, §8.3 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed record ActCheckpoint(int Step, double Loss, double ErrorRate, double MeanPonder, double Seconds,
                                   ActEvaluation? Measured = null, int MaxNonZero = 0);
