namespace Attend.MemN2N;

/// <summary>
/// The paper's training schedule (Sukhbaatar et al. 2015, §4.2): SGD at learning rate 0.01 halved every 25 epochs
/// for 100 epochs (joint training on 1k: 60 epochs halved every 15, <see cref="Joint1k"/>), batches of 32 with the
/// cost summed (not averaged) over the batch, gradients clipped to L2 norm 40, linear start (softmaxes removed,
/// learning rate 0.005, until the validation loss stops falling) and random noise (10% empty memories).
/// </summary>
/// <param name="Epochs">Passes over the training questions, linear-start epochs included.</param>
/// <param name="LearningRate">η after linear start, halved every <paramref name="AnnealEvery"/> epochs (counted from the first).</param>
/// <param name="AnnealEvery">How many epochs between halvings of η.</param>
/// <param name="BatchSize">Questions per step; their costs are summed.</param>
/// <param name="MaxGradNorm">The L2 norm the gradient is clipped to.</param>
/// <param name="LinearStart">Whether to begin with the hops' softmaxes removed.</param>
/// <param name="LinearStartRate">η during linear start.</param>
/// <param name="LinearStartMaxEpochs">Linear start ends after this many epochs even if the validation loss still falls.</param>
/// <param name="RandomNoise">The rate of empty memories inserted in training (0 = none).</param>
/// <param name="Seed">Seeds the weights, the batch order and the noise.</param>
/// <param name="ChunkBatches">Batches of similar story length (see <see cref="Babi.BabiBatcher.Epoch"/>); 1 = plain random batches as the paper.</param>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.4.</remarks>
public sealed record MemN2NTrainingOptions(int Epochs = 100, double LearningRate = 0.01, int AnnealEvery = 25, int BatchSize = 32,
                                           double MaxGradNorm = 40, bool LinearStart = true, double LinearStartRate = 0.005,
                                           int LinearStartMaxEpochs = 20, double RandomNoise = 0.1, long Seed = 0, int ChunkBatches = 1)
{
    /// <summary>The paper's joint-training schedule on 1k: 60 epochs, η halved every 15.</summary>
    public static MemN2NTrainingOptions Joint1k { get; } = new(Epochs: 60, AnnealEvery: 15);

    /// <summary>The learning rate of epoch <paramref name="epoch"/> (from 0), in linear start or not.</summary>
    public double RateAt(int epoch, bool linear) =>
        linear ? LinearStartRate : LearningRate * Math.Pow(0.5, epoch / Math.Max(1, AnnealEvery));
}
