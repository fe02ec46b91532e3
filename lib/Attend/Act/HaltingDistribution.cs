namespace Attend.Act;

/// <summary>
/// The halting rule of adaptive computation time, kept on the host for a batch of examples (the decisions are
/// discrete, so they take no gradient; the weights they select do, in <see cref="AdaptiveComputationTime"/>).
/// <para>
/// Ponder step n of an example gives a halting probability hⁿ. The example stops at
/// N = min{ n : h¹ + … + hⁿ ≥ 1 − ε } (or at the maximum number of steps), and its steps get the mean-field weights
/// pⁿ = hⁿ for n &lt; N and p^N = R = 1 − (h¹ + … + h^(N−1)), the remainder, so that the weights sum to one. ε lets
/// the network stop after a single step (h¹ ≥ 1 − ε) without needing h¹ = 1 exactly, which a sigmoid never reaches.
/// </para>
/// Feed it one ponder step at a time with <see cref="Step"/>; <see cref="Of"/> does a single example by hand.
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.1 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed class HaltingDistribution
{
    private readonly float[] cumulative;
    private readonly bool[] running;
    private readonly List<float[]> weights = [];

    /// <summary>Starts the rule for <paramref name="batch"/> examples with threshold 1 − <paramref name="epsilon"/> and at most <paramref name="max_steps"/> steps.</summary>
    public HaltingDistribution(int batch, double epsilon = 0.01, int max_steps = 100)
    {
        Check(epsilon, max_steps);
        if (batch <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"HaltingDistribution: batch ({batch}) must be positive.");
        }

        this.epsilon = epsilon;
        this.max_steps = max_steps;
        cumulative = new float[batch];
        running = Enumerable.Repeat(true, batch).ToArray();
        Steps = new int[batch];
        Remainders = new float[batch];
    }

    /// <summary>ε: an example halts once its halting probabilities add up to at least 1 − ε.</summary>
    public double epsilon { get; }

    /// <summary>The most ponder steps any example takes.</summary>
    public int max_steps { get; }

    /// <summary>How many ponder steps have been taken so far (by the longest-running example).</summary>
    public int StepsTaken => weights.Count;

    /// <summary>Whether some example is still pondering.</summary>
    public bool AnyRunning => running.Any(r => r);

    /// <summary>N per example: the ponder steps it took (so far, while it runs).</summary>
    public int[] Steps { get; }

    /// <summary>R per example: the weight of its last step (0 while it still runs).</summary>
    public float[] Remainders { get; }

    /// <summary>Whether example <paramref name="b"/> still ponders.</summary>
    public bool IsRunning(int b) => running[b];

    /// <summary>
    /// Takes ponder step n = <see cref="StepsTaken"/> + 1 given every example's halting probability
    /// <paramref name="halting"/> (examples that have already halted are ignored). Returns, per example, whether it
    /// goes on after this step (1 or 0), whether it halts at this step (1 or 0) and its weight pⁿ for this step.
    /// </summary>
    public (float[] Continues, float[] Halts, float[] Weights) Step(ReadOnlySpan<float> halting)
    {
        if (halting.Length != cumulative.Length)
        {
            throw new ArgumentException(
                $"HaltingDistribution: expected {cumulative.Length} halting probabilities, got {halting.Length}.", nameof(halting));
        }

        if (!AnyRunning)
        {
            throw new InvalidOperationException("HaltingDistribution: every example has already halted.");
        }

        var n = weights.Count + 1;
        var threshold = (float)(1 - epsilon);
        var continues = new float[halting.Length];
        var halts = new float[halting.Length];
        var p = new float[halting.Length];
        for (var b = 0; b < halting.Length; b++)
        {
            if (!running[b])
            {
                continue;
            }

            Steps[b] = n;
            // Same float arithmetic as the graph's c + h, so host and graph agree on who halts.
            if (n == max_steps || cumulative[b] + halting[b] >= threshold)
            {
                halts[b] = 1;
                p[b] = 1 - cumulative[b]; // R: whatever probability is left
                Remainders[b] = p[b];
                running[b] = false;
            }
            else
            {
                continues[b] = 1;
                p[b] = halting[b];
                cumulative[b] += halting[b];
            }
        }

        weights.Add(p);
        return (continues, halts, p);
    }

    /// <summary>The mean-field weights so far as [batch, steps taken] (zeros after an example halted).</summary>
    public float[,] Weights()
    {
        var result = new float[cumulative.Length, weights.Count];
        for (var n = 0; n < weights.Count; n++)
        {
            for (var b = 0; b < cumulative.Length; b++)
            {
                result[b, n] = weights[n][b];
            }
        }

        return result;
    }

    /// <summary>
    /// The rule for one example, by hand: given the halting probabilities its ponder steps would produce
    /// (<paramref name="halting"/>, as many as it might use), the weights pⁿ of the steps it takes, N and R.
    /// </summary>
    public static (float[] Weights, int Steps, float Remainder) Of(IReadOnlyList<float> halting, double epsilon = 0.01, int max_steps = 100)
    {
        ArgumentNullException.ThrowIfNull(halting);
        var rule = new HaltingDistribution(1, epsilon, max_steps);
        var p = new List<float>();
        while (rule.AnyRunning)
        {
            if (rule.StepsTaken >= halting.Count)
            {
                throw new ArgumentException(
                    $"HaltingDistribution.Of: {halting.Count} halting probabilities run out before the example halts " +
                    $"(they add up to {halting.Sum():0.###} < 1 − ε and max_steps is {max_steps}).", nameof(halting));
            }

            p.Add(rule.Step([halting[rule.StepsTaken]]).Weights[0]);
        }

        return ([.. p], rule.Steps[0], rule.Remainders[0]);
    }

    /// <summary>Throws for ε outside [0, 1) or fewer than one step.</summary>
    internal static void Check(double epsilon, int maxSteps)
    {
        if (maxSteps < 1)
        {
            throw new ArgumentOutOfRangeException("max_steps",
                $"AdaptiveComputationTime: max_steps ({maxSteps}) must be at least 1 (1 is a plain recurrent step, without pondering).");
        }

        if (!(epsilon >= 0 && epsilon < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"AdaptiveComputationTime: epsilon ({epsilon}) must lie in [0, 1).");
        }
    }
}
