using Attend.Babi;

namespace Attend.MemN2N;

/// <summary>
/// The paper's training schedule (Sukhbaatar et al. 2015, §4.2): SGD at learning rate 0.01 halved every 25 epochs
/// for 100 epochs (joint training on 1k: 60 epochs halved every 15, <see cref="Joint1k"/>), batches of 32 with the
/// cost summed (not averaged) over the batch, gradients clipped to L2 norm 40, linear start (softmaxes removed,
/// learning rate 0.005, until the validation loss stops falling) and random noise (10% empty memories).
/// <para>
/// Linear start comes <em>before</em> the annealed schedule, as in the authors' code (train_linear_start.m: the
/// linear phase, then the whole schedule from its first epoch): a run is at most
/// <see cref="LinearStartMaxEpochs"/> + <see cref="Epochs"/> epochs, and the halvings count from the end of
/// linear start.
/// </para>
/// </summary>
/// <param name="Epochs">Passes over the training questions after linear start (the annealed schedule).</param>
/// <param name="LearningRate">η after linear start, halved every <paramref name="AnnealEvery"/> epochs (counted from the end of linear start).</param>
/// <param name="AnnealEvery">How many epochs between halvings of η.</param>
/// <param name="BatchSize">Questions per step; their costs are summed.</param>
/// <param name="MaxGradNorm">The L2 norm the gradient is clipped to.</param>
/// <param name="LinearStart">Whether to begin with the hops' softmaxes removed.</param>
/// <param name="LinearStartRate">η during linear start.</param>
/// <param name="LinearStartMaxEpochs">The most epochs of linear start.</param>
/// <param name="RandomNoise">The rate of empty memories inserted in training (0 = none).</param>
/// <param name="Seed">Seeds the weights, the batch order and the noise.</param>
/// <param name="ChunkBatches">Batches of similar story length (see <see cref="Babi.BabiBatcher.Epoch"/>); 1 = plain random batches as the paper.</param>
/// <param name="LinearStartUntilPlateau">True (the paper's text): linear start ends at the first epoch whose
/// validation loss does not fall, or after <paramref name="LinearStartMaxEpochs"/>. False (the authors' released
/// code): it always runs <paramref name="LinearStartMaxEpochs"/> epochs.</param>
/// <param name="Noise">How random noise is made: the paper's inserted empty memories or the authors' code's time gaps.</param>
/// <param name="ClipPerParameter">False: the gradient of all parameters together is clipped to
/// <paramref name="MaxGradNorm"/> (torch's clip_grad_norm_). True: each parameter's gradient is clipped on its own,
/// as the authors' code does.</param>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.4.</remarks>
public sealed record MemN2NTrainingOptions(int Epochs = 100, double LearningRate = 0.01, int AnnealEvery = 25, int BatchSize = 32,
                                           double MaxGradNorm = 40, bool LinearStart = true, double LinearStartRate = 0.005,
                                           int LinearStartMaxEpochs = 20, double RandomNoise = 0.1, long Seed = 0, int ChunkBatches = 1,
                                           bool LinearStartUntilPlateau = true, BabiNoise Noise = BabiNoise.EmptyMemories,
                                           bool ClipPerParameter = false)
{
    /// <summary>
    /// Joint training on 1k as the authors' released configuration for it (config_babi_joint.m): 30 epochs of linear
    /// start at η = 0.005, then 60 epochs starting from η = 0.005 (their code sets the initial rate to 0.01/2 whenever
    /// linear start is on) halved every 15, with their code's random noise (<see cref="BabiNoise.TimeGaps"/>) and
    /// gradient clipping (each parameter's own norm to 40); d = 50 goes in <see cref="MemN2NOptions"/>
    /// (<see cref="MemN2NOptions.AuthorsCode"/>). Batches are cut from length-sorted chunks of 20
    /// (<see cref="ChunkBatches"/>) for speed; the authors draw them at random.
    /// </summary>
    public static MemN2NTrainingOptions Joint1k { get; } =
        new(Epochs: 60, LearningRate: 0.005, AnnealEvery: 15, LinearStartMaxEpochs: 30, LinearStartUntilPlateau: false,
            ChunkBatches: 20, Noise: BabiNoise.TimeGaps, ClipPerParameter: true);

    /// <summary>The most epochs a run takes: linear start's budget (when on) plus <see cref="Epochs"/>.</summary>
    public int MaxEpochs => (LinearStart ? LinearStartMaxEpochs : 0) + Epochs;

    /// <summary>
    /// The learning rate in linear start, or at epoch <paramref name="epoch"/> (from 0) of the annealed schedule
    /// that follows it.
    /// </summary>
    public double RateAt(int epoch, bool linear) =>
        linear ? LinearStartRate : LearningRate * Math.Pow(0.5, epoch / Math.Max(1, AnnealEvery));
}
