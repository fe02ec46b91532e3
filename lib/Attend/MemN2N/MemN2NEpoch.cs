namespace Attend.MemN2N;

/// <summary>One epoch of <see cref="MemN2NTraining"/>: the mean training cost and error, the validation cost and error.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainLoss">The mean cross-entropy per training question.</param>
/// <param name="TrainError">The fraction of training questions answered wrong (during the epoch, with noise).</param>
/// <param name="ValidationLoss">The mean cross-entropy per validation question.</param>
/// <param name="ValidationError">The fraction of validation questions answered wrong.</param>
/// <param name="LearningRate">η used in this epoch.</param>
/// <param name="Linear">Whether the epoch ran in linear start.</param>
/// <param name="Seconds">The epoch's wall-clock time (training and validation).</param>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.4.</remarks>
public sealed record MemN2NEpoch(int Epoch, double TrainLoss, double TrainError, double ValidationLoss, double ValidationError,
                                 double LearningRate, bool Linear, double Seconds);

/// <summary>A finished training run: the model, its epochs and how it ended.</summary>
/// <param name="Model">The trained network (in evaluation mode).</param>
/// <param name="Epochs">Every epoch's figures.</param>
/// <param name="Seed">The seed of the run.</param>
/// <param name="Diverged">True when the cost became NaN or infinite and training stopped there (the paper's known failure).</param>
/// <remarks>Chapter 6, §6.4.</remarks>
public sealed record MemN2NRun(MemoryNetwork Model, IReadOnlyList<MemN2NEpoch> Epochs, long Seed, bool Diverged)
{
    /// <summary>The validation error after the last epoch (1 when the run diverged).</summary>
    public double ValidationError => Diverged || Epochs.Count == 0 ? 1 : Epochs[^1].ValidationError;

    /// <summary>The training losses, one per epoch.</summary>
    public IReadOnlyList<double> Losses => [.. Epochs.Select(e => e.TrainLoss)];
}
