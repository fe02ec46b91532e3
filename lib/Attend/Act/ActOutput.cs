namespace Attend.Act;

/// <summary>
/// What <see cref="AdaptiveComputationTime"/> returns for a batch of B sequences of T input steps.
/// </summary>
/// <param name="Output">The mean-field outputs y_t = Σₙ pⁿ yⁿ: [B, T, output_size] (or [B, T, H], the mean-field hidden states, without an output layer).</param>
/// <param name="State">The mean-field state after the last input step.</param>
/// <param name="Ponder">The ponder cost ρ_t = N_t + R_t per example and input step, [B, T]; differentiable through R only.</param>
/// <param name="Steps">N_t: the ponder steps each example took at each input step, [B, T].</param>
/// <param name="Remainders">R_t: the weight of each example's last ponder step, [B, T].</param>
/// <param name="Halting">The mean-field weights pⁿ, [B, T, longest N] (zeros after an example halted): each row sums to one.</param>
/// <remarks>Chapter 8: adaptive computation time, §8.1 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed record ActOutput(Tensor Output, ActState State, Tensor Ponder, int[,] Steps, float[,] Remainders, float[,,] Halting)
{
    /// <summary>The mean number of ponder steps per input step, over the batch.</summary>
    public double MeanSteps => Steps.Cast<int>().Average();

    /// <summary>The halting weights of example <paramref name="b"/> at input step <paramref name="t"/>, only the steps it took.</summary>
    public float[] HaltingOf(int b, int t = 0) =>
        Enumerable.Range(0, Steps[b, t]).Select(n => Halting[b, t, n]).ToArray();
}
