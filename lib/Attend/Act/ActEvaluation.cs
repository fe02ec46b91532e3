namespace Attend.Act;

/// <summary>
/// A model measured on held-out sequences: the sequence error rate and, per sequence (parity) or per input step
/// (logic), its difficulty (non-zero bits, gates) and the ponder steps N it took.
/// </summary>
/// <param name="Errors">Sequences with at least one wrong output.</param>
/// <param name="Count">Sequences measured.</param>
/// <param name="Difficulty">Per measured input step: non-zero bits (parity) or gates (logic).</param>
/// <param name="PonderSteps">Per measured input step: N, the ponder steps taken.</param>
/// <param name="Wrong">Per measured input step: whether its output was wrong (null when not recorded).</param>
/// <remarks>Chapter 8: adaptive computation time, §8.3 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed record ActEvaluation(int Errors, int Count, int[] Difficulty, int[] PonderSteps, bool[]? Wrong = null)
{
    /// <summary>The sequence error rate, in [0, 1].</summary>
    public double ErrorRate => (double)Errors / Count;

    /// <summary>The mean ponder steps per input step.</summary>
    public double MeanPonder => PonderSteps.Average();

    /// <summary>The mean ponder steps for each difficulty that occurs, in increasing order of difficulty.</summary>
    public (int Difficulty, double Ponder)[] PonderByDifficulty() =>
        Difficulty.Zip(PonderSteps).GroupBy(p => p.First).OrderBy(g => g.Key)
                  .Select(g => (g.Key, g.Average(p => (double)p.Second))).ToArray();

    /// <summary>The fraction of wrong outputs for each difficulty that occurs (per input step), in increasing order of difficulty.</summary>
    public (int Difficulty, double ErrorRate)[] ErrorByDifficulty()
    {
        var wrong = Wrong ?? throw new InvalidOperationException("ActEvaluation: this measurement did not record which outputs were wrong.");
        return Difficulty.Zip(wrong).GroupBy(p => p.First).OrderBy(g => g.Key)
                         .Select(g => (g.Key, g.Average(p => p.Second ? 1.0 : 0.0))).ToArray();
    }
}
