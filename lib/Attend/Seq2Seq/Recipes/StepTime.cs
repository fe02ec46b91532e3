namespace Attend.Seq2Seq.Recipes;

/// <summary>One measurement of <see cref="StepTiming.Measure"/>: the wall time of a training step at one sentence length.</summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Architecture">The model timed.</param>
/// <param name="Length">Tokens in every source and every target sentence of the batch (before &lt;eos&gt;).</param>
/// <param name="Milliseconds">The median wall time of one step: forward, backward and the Adam update.</param>
/// <param name="Scores">Attention scores the step computes: batch × output positions × input positions (0 for the baseline).</param>
public sealed record StepTime(TranslationArchitecture Architecture, int Length, double Milliseconds, long Scores)
{
    /// <summary>"Bahdanau, length 20: 45.6 ms (13,230 scores)".</summary>
    public override string ToString() => $"{Architecture}, length {Length}: {Milliseconds:F1} ms ({Scores:N0} scores)";
}
