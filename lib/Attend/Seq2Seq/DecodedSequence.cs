namespace Attend.Seq2Seq;

/// <summary>One decoded output sequence with the attention that produced it.</summary>
/// <param name="Tokens">The generated token ids, without BOS, ending with EOS when <paramref name="Finished"/>.</param>
/// <param name="Attention">Row t is the attention over the source positions used to produce token t, [Tokens.Length, S]
/// where S is this sentence's own source length (the batch's trailing padding is dropped; plot it with
/// <c>new Heatmap(Attention)</c>); null for a model without attention.</param>
/// <param name="LogProbability">log P(tokens | source) = Σ_t log p(token_t | source, tokens before t).</param>
/// <param name="Score">What the search ranked by: the log-probability divided by the length penalty (equal to it without one).</param>
/// <param name="Finished">Whether the sequence ended with EOS (false when it stopped at the maximum length).</param>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed record DecodedSequence(int[] Tokens, float[,]? Attention, double LogProbability, double Score, bool Finished)
{
    /// <summary>The tokens without the final EOS.</summary>
    public int[] Content => Finished ? Tokens[..^1] : Tokens;
}
