namespace Attend.Data;

/// <summary>
/// BLEU (Papineni et al., 2002), computed as sacrebleu does, so our numbers can be compared with published ones.
/// For each hypothesis and n = 1 … 4, count its n-grams (<see cref="BleuScore.Totals"/>) and how many of them
/// appear in a reference, each n-gram credited at most as often as it occurs in the reference that has it most
/// (<see cref="BleuScore.Counts"/>). Sum over the corpus, then
/// <code>
/// BLEU = BP · exp(¼ Σₙ log pₙ),   pₙ = Counts[n] / Totals[n],   BP = min(1, exp(1 − r/c))
/// </code>
/// where c is the hypotheses' total length and r the references' (per hypothesis, the reference length closest to
/// its own). Corpus BLEU is not the mean of sentence BLEUs: counts are pooled first.
/// <para>
/// References are given per hypothesis: <c>references[i]</c> holds all references of <c>hypotheses[i]</c> (any
/// number, at least one). sacrebleu takes them the other way round, as reference streams <c>refs[k][i]</c>.
/// </para>
/// <para>
/// The default (<see cref="BleuOptions.Corpus"/>) uses no smoothing. sacrebleu's own default smoothing is
/// <see cref="BleuSmoothing.Exp"/>; the two differ only when some n-gram order has no match in the whole corpus
/// (then the unsmoothed score is 0). Pass <c>new BleuOptions { Smoothing = BleuSmoothing.Exp }</c> to match
/// <c>sacrebleu.corpus_bleu</c> with its defaults exactly.
/// </para>
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public static class Bleu
{
    /// <summary>Corpus BLEU of <paramref name="hypotheses"/> against their references (see the class summary).</summary>
    public static BleuScore Corpus(IEnumerable<string> hypotheses, IEnumerable<IEnumerable<string>> references,
        BleuOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        options ??= BleuOptions.Corpus;
        var hyps = hypotheses.ToList();
        var refs = references.Select(r => r?.ToList()).ToList();
        if (hyps.Count != refs.Count)
        {
            throw new ArgumentException(
                $"Bleu.Corpus: {hyps.Count} hypotheses but {refs.Count} reference sets. references[i] must hold the " +
                "references of hypotheses[i] (sacrebleu's reference streams refs[k][i], transposed).", nameof(references));
        }

        var statistics = new Statistics(options.MaxOrder);
        for (var i = 0; i < hyps.Count; i++)
        {
            if (refs[i] is not { Count: > 0 } set || set.Any(r => r is null) || hyps[i] is null)
            {
                throw new ArgumentException(
                    $"Bleu.Corpus: hypothesis {i} needs a non-null text and at least one non-null reference.", nameof(references));
            }

            statistics.Add(hyps[i], set, options);
        }

        return FromStatistics(statistics.Correct, statistics.Total, statistics.SysLen, statistics.RefLen, options);
    }

    /// <summary>Corpus BLEU with one reference per hypothesis.</summary>
    public static BleuScore Corpus(IEnumerable<string> hypotheses, IEnumerable<string> references,
        BleuOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(references);
        return Corpus(hypotheses, references.Select(r => (IEnumerable<string>)[r]), options);
    }

    /// <summary>
    /// BLEU of one sentence, with <see cref="BleuOptions.Sentence"/> by default (exp smoothing, effective order),
    /// as sacrebleu's <c>sentence_bleu</c>. Noisy: prefer corpus BLEU over a set of sentences.
    /// </summary>
    public static BleuScore Sentence(string hypothesis, IEnumerable<string> references, BleuOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        return Corpus([hypothesis], [references], options ?? BleuOptions.Sentence);
    }

    /// <summary>
    /// Corpus BLEU in buckets of source length: sentences whose source has 1–<paramref name="bucketWidth"/>
    /// tokens, then the next <paramref name="bucketWidth"/> lengths, and so on (empty buckets are left out). This
    /// is the sentence-length curve: how translation quality falls, or does not, as sentences get longer.
    /// </summary>
    public static IReadOnlyList<LengthBleu> ByLength(IReadOnlyList<int> sourceLengths, IReadOnlyList<string> hypotheses,
        IReadOnlyList<IReadOnlyList<string>> references, int bucketWidth = 5, BleuOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sourceLengths);
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        if (bucketWidth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bucketWidth), $"Bleu.ByLength: bucketWidth ({bucketWidth}) must be at least 1.");
        }

        if (sourceLengths.Count != hypotheses.Count || references.Count != hypotheses.Count)
        {
            throw new ArgumentException(
                $"Bleu.ByLength: {sourceLengths.Count} source lengths, {hypotheses.Count} hypotheses and " +
                $"{references.Count} reference sets: they must be parallel.", nameof(sourceLengths));
        }

        if (sourceLengths.FirstOrDefault(n => n < 1, 1) is var bad && bad < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceLengths), $"Bleu.ByLength: a source length of {bad}; lengths start at 1.");
        }

        return [.. Enumerable.Range(0, hypotheses.Count)
            .GroupBy(i => (sourceLengths[i] - 1) / bucketWidth)
            .OrderBy(g => g.Key)
            .Select(g => new LengthBleu(
                (g.Key * bucketWidth) + 1,
                (g.Key + 1) * bucketWidth,
                g.Count(),
                Corpus(g.Select(i => hypotheses[i]), g.Select(i => (IEnumerable<string>)references[i]), options)))];
    }

    /// <summary>
    /// BLEU from its sufficient statistics (sacrebleu's <c>compute_bleu</c>): matches and totals per n-gram order,
    /// hypothesis and reference lengths. Smoothing and effective order as in <paramref name="options"/>.
    /// </summary>
    public static BleuScore FromStatistics(IReadOnlyList<int> counts, IReadOnlyList<int> totals, int sysLen, int refLen,
        BleuOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(totals);
        options ??= BleuOptions.Corpus;
        var maxOrder = options.MaxOrder;
        if (counts.Count != maxOrder || totals.Count != maxOrder)
        {
            throw new ArgumentException(
                $"Bleu.FromStatistics: need {maxOrder} counts and totals (MaxOrder), got {counts.Count} and {totals.Count}.");
        }

        var bp = sysLen < refLen ? (sysLen > 0 ? Math.Exp(1 - ((double)refLen / sysLen)) : 0) : 1;
        var precisions = new double[maxOrder];
        if (counts.All(c => c == 0))
        {
            return new BleuScore(0, [.. counts], [.. totals], precisions, bp, sysLen, refLen); // nothing matched
        }

        var smoothValue = options.SmoothValue ?? (options.Smoothing == BleuSmoothing.Floor ? 0.1 : 1);
        var mtevalFactor = 1.0;
        var order = maxOrder;
        for (var n = 1; n <= maxOrder; n++)
        {
            double correct = counts[n - 1], total = totals[n - 1];
            if (options.Smoothing == BleuSmoothing.AddK && n > 1)
            {
                (correct, total) = (correct + smoothValue, total + smoothValue);
            }

            if (total == 0)
            {
                break; // no n-grams this long (nor longer): with effective order, stop averaging here
            }

            if (options.EffectiveOrder)
            {
                order = n;
            }

            precisions[n - 1] = correct > 0 ? 100 * correct / total : options.Smoothing switch
            {
                BleuSmoothing.Exp => 100 / ((mtevalFactor *= 2) * total),
                BleuSmoothing.Floor => 100 * smoothValue / total,
                _ => 0,
            };
        }

        // Geometric mean of the precisions (in percent, so BLEU is 0–100); log 0 = −∞ makes it 0.
        var meanLog = precisions.Take(order).Sum(p => p > 0 ? Math.Log(p) : double.NegativeInfinity) / order;
        return new BleuScore(bp * Math.Exp(meanLog), [.. counts], [.. totals], precisions, bp, sysLen, refLen);
    }

    /// <summary>The words BLEU counts in <paramref name="text"/> under <paramref name="options"/>.</summary>
    public static string[] Words(string text, BleuOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= BleuOptions.Corpus;
        if (options.Lowercase)
        {
            text = text.ToLowerInvariant();
        }

        var end = text.Length;
        while (end > 0 && Tokenizer13a.IsSpace(text[end - 1]))
        {
            end--; // sacrebleu strips trailing whitespace (Python's rstrip) before tokenizing
        }

        text = text[..end];
        if (options.Tokenization == BleuTokenization.Mteval13a)
        {
            text = Tokenizer13a.Tokenize(text);
        }

        return Tokenizer13a.SplitOnWhitespace(text);
    }

    // Matches and totals pooled over a corpus.
    private sealed class Statistics(int maxOrder)
    {
        public int[] Correct { get; } = new int[maxOrder];

        public int[] Total { get; } = new int[maxOrder];

        public int SysLen { get; private set; }

        public int RefLen { get; private set; }

        public void Add(string hypothesis, IReadOnlyList<string> references, BleuOptions options)
        {
            var hyp = Words(hypothesis, options);
            var maxRefCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            var closest = -1;
            foreach (var reference in references)
            {
                var words = Words(reference, options);
                foreach (var (ngram, count) in NGrams(words, maxOrder))
                {
                    maxRefCounts[ngram] = Math.Max(count, maxRefCounts.GetValueOrDefault(ngram));
                }

                // The reference length closest to the hypothesis's; on a tie, the shorter one.
                var (d, best) = (Math.Abs(hyp.Length - words.Length), Math.Abs(hyp.Length - closest));
                if (closest < 0 || d < best || (d == best && words.Length < closest))
                {
                    closest = words.Length;
                }
            }

            foreach (var (ngram, count) in NGrams(hyp, maxOrder))
            {
                var n = ngram.Count(c => c == ' '); // n-gram order − 1: tokens never contain spaces
                Total[n] += count;
                Correct[n] += Math.Min(count, maxRefCounts.GetValueOrDefault(ngram)); // clipped matches
            }

            SysLen += hyp.Length;
            RefLen += closest;
        }

        // Every n-gram of order 1 … maxOrder with its count, keyed by its words joined by spaces.
        private static Dictionary<string, int> NGrams(string[] words, int maxOrder)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var n = 1; n <= maxOrder; n++)
            {
                for (var i = 0; i + n <= words.Length; i++)
                {
                    var key = string.Join(' ', words, i, n);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }

            return counts;
        }
    }
}
