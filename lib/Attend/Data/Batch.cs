namespace Attend.Data;

/// <summary>
/// A mini-batch of B sentence pairs as padded id tensors, ready for an encoder–decoder. Sentences have different
/// lengths, so each row is filled up to the longest one with <see cref="Vocabulary.PadId"/> (0), and a mask says
/// which positions are real (1) and which are padding (0):
/// <code>
/// Source     [B, S]  x₁ … xₙ &lt;eos&gt; &lt;pad&gt; …     (the &lt;eos&gt; tells the encoder the sentence ended)
/// SourceMask [B, S]  1 … 1 1 0 …                (attention must give padding no weight)
/// TargetIn   [B, T]  &lt;bos&gt; y₁ … yₘ &lt;pad&gt; …     (teacher forcing: what the decoder reads)
/// TargetOut  [B, T]  y₁ … yₘ &lt;eos&gt; &lt;pad&gt; …     (what it must predict at the same step: TargetIn shifted left)
/// TargetMask [B, T]  1 … 1 1 0 …                (the loss counts only real positions)
/// </code>
/// Ids are stored as whole floats, the engine's convention for indices.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public sealed class Batch
{
    private Batch(int[] indices, bool sourceEos, int[] sourceLengths, int[] targetLengths, Tensor source,
        Tensor sourceMask, Tensor targetIn, Tensor targetOut, Tensor targetMask)
    {
        Indices = indices;
        SourceEos = sourceEos;
        SourceLengths = sourceLengths;
        TargetLengths = targetLengths;
        Source = source;
        SourceMask = sourceMask;
        TargetIn = targetIn;
        TargetOut = targetOut;
        TargetMask = targetMask;
    }

    /// <summary>
    /// Pads <paramref name="examples"/>[i] for every i in <paramref name="indices"/> (all examples, in order, when
    /// null) into one batch. <paramref name="sourceEos"/> appends <c>&lt;eos&gt;</c> to each source.
    /// </summary>
    public static Batch Create(IReadOnlyList<EncodedPair> examples, IReadOnlyList<int>? indices = null,
        bool sourceEos = true, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        int[] rows = indices is null ? [.. Enumerable.Range(0, examples.Count)] : [.. indices];
        if (rows.Length == 0)
        {
            throw new ArgumentException("Batch.Create: a batch needs at least one example.", nameof(indices));
        }

        foreach (var i in rows)
        {
            if (i < 0 || i >= examples.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"Batch.Create: index {i} is outside the {examples.Count} examples.");
            }
        }

        var extra = sourceEos ? 1 : 0;
        int[] sourceLengths = [.. rows.Select(i => examples[i].Source.Length + extra)];
        int[] targetLengths = [.. rows.Select(i => examples[i].Target.Length + 1)]; // + <bos> in, + <eos> out
        var b = rows.Length;
        var s = Math.Max(1, sourceLengths.Max());
        var t = targetLengths.Max();

        var source = new float[b * s];
        var sourceMask = new float[b * s];
        var targetIn = new float[b * t];
        var targetOut = new float[b * t];
        var targetMask = new float[b * t];
        for (var r = 0; r < b; r++)
        {
            var (x, y) = (examples[rows[r]].Source, examples[rows[r]].Target);
            for (var j = 0; j < x.Length; j++)
            {
                source[(r * s) + j] = x[j];
            }

            if (sourceEos)
            {
                source[(r * s) + x.Length] = Vocabulary.EosId;
            }

            sourceMask.AsSpan(r * s, sourceLengths[r]).Fill(1);

            targetIn[r * t] = Vocabulary.BosId;
            for (var j = 0; j < y.Length; j++)
            {
                targetIn[(r * t) + j + 1] = y[j];
                targetOut[(r * t) + j] = y[j];
            }

            targetOut[(r * t) + y.Length] = Vocabulary.EosId;
            targetMask.AsSpan(r * t, targetLengths[r]).Fill(1);
        }

        return new Batch(rows, sourceEos, sourceLengths, targetLengths,
            torch.tensor(source, [b, s], device), torch.tensor(sourceMask, [b, s], device),
            torch.tensor(targetIn, [b, t], device), torch.tensor(targetOut, [b, t], device),
            torch.tensor(targetMask, [b, t], device));
    }

    /// <summary>The number of examples B.</summary>
    public int Size => Indices.Length;

    /// <summary>Which examples (positions in the list given to <see cref="Create"/>) the rows are, in row order.</summary>
    public int[] Indices { get; }

    /// <summary>Whether each source ends with <c>&lt;eos&gt;</c>.</summary>
    public bool SourceEos { get; }

    /// <summary>The real length of each source row (its &lt;eos&gt; included).</summary>
    public int[] SourceLengths { get; }

    /// <summary>The real length of each target row: its tokens + 1 (&lt;bos&gt; in TargetIn, &lt;eos&gt; in TargetOut).</summary>
    public int[] TargetLengths { get; }

    /// <summary>The number of real target positions: the denominator of a per-token loss.</summary>
    public int TargetTokens => TargetLengths.Sum();

    /// <summary>Source ids [B, S].</summary>
    public Tensor Source { get; }

    /// <summary>1 where <see cref="Source"/> holds a real token, 0 on padding [B, S].</summary>
    public Tensor SourceMask { get; }

    /// <summary>Decoder inputs [B, T]: &lt;bos&gt; then the target tokens.</summary>
    public Tensor TargetIn { get; }

    /// <summary>Decoder outputs to predict [B, T]: the target tokens then &lt;eos&gt;.</summary>
    public Tensor TargetOut { get; }

    /// <summary>1 where <see cref="TargetOut"/> holds a real token, 0 on padding [B, T].</summary>
    public Tensor TargetMask { get; }

    /// <summary>"Batch(B=…, S=…, T=…)".</summary>
    public override string ToString() =>
        $"Batch(B={Size}, S={Source.shape[1]}, T={TargetIn.shape[1]}, target tokens={TargetTokens})";
}
