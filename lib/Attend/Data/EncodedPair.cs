namespace Attend.Data;

/// <summary>
/// A training example as ids: source and target tokens through their <see cref="Vocabulary"/>, without
/// <c>&lt;bos&gt;</c> or <c>&lt;eos&gt;</c> (a <see cref="Batch"/> adds those).
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Source">The source ids.</param>
/// <param name="Target">The target ids.</param>
public sealed record EncodedPair(int[] Source, int[] Target)
{
    /// <summary>"[ids] → [ids]".</summary>
    public override string ToString() => $"[{string.Join(", ", Source)}] → [{string.Join(", ", Target)}]";
}
