namespace Attend.Seq2Seq;

/// <summary>
/// Beam search: keep the <c>beamWidth</c> most probable partial outputs (hypotheses) instead of one. At each step every
/// hypothesis is extended by every token, and the best extensions by total log-probability survive; one that ends
/// with EOS is set aside as finished and its place in the beam is given up. The search stops when the beam is empty
/// or at the maximum length (the hypotheses still open then are finished too), and returns the finished hypothesis
/// with the best score log P / lp, where lp is <see cref="LengthPenalty.Gnmt"/>.
/// </summary>
/// <remarks>
/// Extensions are ranked by total log-probability (all have the same length, so the length penalty would not change
/// their order), ties broken by the step's own log-probability, then by hypothesis and token order. With a beam of 1
/// this is exactly <see cref="GreedyDecoder"/>. Each source sentence is searched on its own (the beam is the batch).
/// Runs under no_grad. Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public static class BeamSearchDecoder
{
    private sealed record Hypothesis(int[] Tokens, float[][] Attention, double LogProbability);

    /// <summary>
    /// Decodes every source row of <paramref name="src"/> [B, S] (mask [B, S] or null) with a beam of
    /// <paramref name="beamWidth"/>, at most <paramref name="maxLen"/> tokens, from <paramref name="bos"/> to
    /// <paramref name="eos"/>; <paramref name="lengthPenalty"/> is GNMT's α (0: rank by log-probability alone).
    /// </summary>
    public static DecodedSequence[] Decode(Seq2SeqModel model, Tensor src, Tensor? srcMask, int beamWidth, int maxLen, int bos,
                                           int eos, double lengthPenalty = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(src);
        ArgumentOutOfRangeException.ThrowIfLessThan(beamWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLen, 1);
        using var _ = torch.no_grad();
        return GreedyDecoder.TrimToSource(
            [.. Enumerable.Range(0, src.size(0)).Select(b => Search(model, src.narrow(0, b, 1), srcMask?.narrow(0, b, 1), beamWidth, maxLen, bos, eos, lengthPenalty))],
            srcMask);
    }

    /// <summary>The search for one sentence: src [1, S].</summary>
    private static DecodedSequence Search(Seq2SeqModel model, Tensor src, Tensor? srcMask, int beamWidth, int maxLen, int bos,
                                          int eos, double alpha)
    {
        var state = model.Encode(src, srcMask);
        List<Hypothesis> live = [new([], [], 0)];
        var finished = new List<DecodedSequence>();
        for (var t = 0; t < maxLen && live.Count > 0; t++)
        {
            var previous = live.Select(h => (float)(h.Tokens.Length == 0 ? bos : h.Tokens[^1])).ToArray();
            var step = model.Step(torch.tensor(previous, [live.Count], src.device), state);
            var logp = step.Logits.log_softmax(-1).ToArray(); // [live, V]
            var vocab = logp.Length / live.Count;
            var weights = step.Weights?.ToArray();
            var sourceLength = weights is null ? 0 : weights.Length / live.Count;

            // Every (hypothesis, token) extension, best first; the open places in the beam take the top ones.
            var best = Enumerable.Range(0, live.Count * vocab)
                .Select(c => (Parent: c / vocab, Token: c % vocab, Step: logp[c], Total: live[c / vocab].LogProbability + logp[c]))
                .OrderByDescending(c => c.Total).ThenByDescending(c => c.Step).ThenBy(c => c.Parent).ThenBy(c => c.Token)
                .Take(beamWidth - finished.Count);
            var next = new List<Hypothesis>();
            var parents = new List<float>();
            foreach (var c in best)
            {
                var parent = live[c.Parent];
                float[][] rows = weights is null ? [] : [.. parent.Attention, weights.AsSpan(c.Parent * sourceLength, sourceLength).ToArray()];
                var hypothesis = new Hypothesis([.. parent.Tokens, c.Token], rows, c.Total);
                if (c.Token == eos)
                {
                    finished.Add(Finish(hypothesis, alpha, true));
                }
                else
                {
                    next.Add(hypothesis);
                    parents.Add(c.Parent);
                }
            }

            if (next.Count > 0)
            {
                // Each surviving hypothesis continues from its parent's state (some parents twice, some not at all).
                state = step.State.Select(torch.tensor(parents.ToArray(), [parents.Count], src.device));
            }

            live = next;
        }

        finished.AddRange(live.Select(h => Finish(h, alpha, false))); // stopped by the maximum length
        var winner = finished[0];
        foreach (var candidate in finished)
        {
            winner = candidate.Score > winner.Score ? candidate : winner; // the first of equal scores wins
        }

        return winner;
    }

    private static DecodedSequence Finish(Hypothesis h, double alpha, bool ended) =>
        new(h.Tokens, GreedyDecoder.Rows(h.Attention), h.LogProbability,
            LengthPenalty.Score(h.LogProbability, h.Tokens.Length, alpha), ended);
}
