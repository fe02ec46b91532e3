namespace Attend.Dmn;

/// <summary>
/// DMN+'s training recipe (Xiong et al. 2016, §5): Adam at 1e-3, batches of 128, up to 256 epochs, stopping when
/// the validation error has not improved for 20 epochs and keeping the weights of the best validation epoch; L2
/// on the weights, λ = 0.001 as barronalex's and dandelin's re-implementations (the paper does not give its value).
/// </summary>
/// <param name="Epochs">The most passes over the training questions.</param>
/// <param name="Patience">Stop after this many epochs without a lower validation error (early stopping); a run also stops at an epoch with no validation error, which no later epoch can improve on.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="BatchSize">Questions per step; the loss is their mean cross-entropy.</param>
/// <param name="L2">λ of the re-implementations' L2 term λ·Σ‖W‖²/2, added to the batch's summed cross-entropy, on
/// the weight matrices and the embedding (not the biases). With the mean loss used here it is Adam's weight decay
/// λ / <paramref name="BatchSize"/> (see <see cref="DmnTraining"/>): 0.001 on the mean loss, 128 times stronger,
/// drove the attention gate's weights to zero within a few hundred steps (Chapter 7, §7.4).</param>
/// <param name="MaxGradNorm">Clip the gradient to this L2 norm (0 = no clipping; the paper does not clip).</param>
/// <param name="Seed">Seeds the weights, the batch order and the dropout masks.</param>
/// <param name="ChunkBatches">Batches of similar story length (see <see cref="Babi.BabiBatcher.Epoch"/>); 1 = plain random batches.</param>
/// <param name="MaxSeconds">A wall-clock budget: no new epoch starts once it is spent (0 = none). A run it cuts short depends on the machine's speed, so it is not reproducible; the notebook's full mode uses it to fit the machine it runs on and says so.</param>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.4.</remarks>
public sealed record DmnTrainingOptions(int Epochs = 256, int Patience = 20, double LearningRate = 1e-3, int BatchSize = 128,
                                        double L2 = 1e-3, double MaxGradNorm = 0, long Seed = 0, int ChunkBatches = 1,
                                        double MaxSeconds = 0);

/// <summary>One epoch of <see cref="DmnTraining"/>.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainLoss">The mean cross-entropy per training question.</param>
/// <param name="TrainError">The fraction of training questions answered wrong during the epoch (dropout on).</param>
/// <param name="ValidationLoss">The mean cross-entropy per validation question.</param>
/// <param name="ValidationError">The mean of the tasks' validation errors.</param>
/// <param name="Seconds">The epoch's wall-clock time.</param>
/// <remarks>Chapter 7, §7.4.</remarks>
public sealed record DmnEpoch(int Epoch, double TrainLoss, double TrainError, double ValidationLoss, double ValidationError, double Seconds);

/// <summary>A finished DMN+ run: the model (with the best validation epoch's weights, in evaluation mode) and its epochs.</summary>
/// <param name="Model">The network.</param>
/// <param name="Epochs">Every epoch's figures.</param>
/// <param name="BestEpoch">The epoch whose weights the model holds (from 1).</param>
/// <param name="Seed">The run's seed.</param>
/// <remarks>Chapter 7, §7.4.</remarks>
public sealed record DmnRun(DynamicMemoryNetwork Model, IReadOnlyList<DmnEpoch> Epochs, int BestEpoch, long Seed)
{
    /// <summary>The training losses, one per epoch.</summary>
    public IReadOnlyList<double> Losses => [.. Epochs.Select(e => e.TrainLoss)];

    /// <summary>The best validation error.</summary>
    public double ValidationError => Epochs.Count == 0 ? 1 : Epochs[BestEpoch - 1].ValidationError;
}
