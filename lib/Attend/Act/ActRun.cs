namespace Attend.Act;

/// <summary>A finished <see cref="ActTraining"/> run.</summary>
/// <param name="Options">The settings it ran with.</param>
/// <param name="Model">The trained model.</param>
/// <param name="Losses">The task loss of every training batch (without the ponder penalty).</param>
/// <param name="History">The held-out measurements during training.</param>
/// <param name="Test">The final held-out measurement.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
/// <remarks>Chapter 8: adaptive computation time, §8.3 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed record ActRun(ActOptions Options, AdaptiveComputationTime Model, IReadOnlyList<double> Losses,
                            IReadOnlyList<ActCheckpoint> History, ActEvaluation Test, double Seconds);
