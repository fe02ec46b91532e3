namespace Attend.Seq2Seq.Recipes;

/// <summary>How a date normalizer does on a set of examples.</summary>
/// <remarks>Taught in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Correct">How many outputs of the greedy decoder equal the expected "YYYY-MM-DD" exactly (and end with &lt;eos&gt;).</param>
/// <param name="Count">How many examples there were.</param>
/// <param name="Alignment">The attention, with teacher forcing, against the true alignment.</param>
public sealed record DateEvaluation(int Correct, int Count, AlignmentMetrics Alignment)
{
    /// <summary>Correct / Count.</summary>
    public double ExactMatch => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>"exact match 0.995 (995/1000), alignment accuracy …".</summary>
    public override string ToString() => $"exact match {ExactMatch:F3} ({Correct}/{Count}), {Alignment}";
}
