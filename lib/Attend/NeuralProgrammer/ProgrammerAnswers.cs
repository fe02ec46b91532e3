namespace Attend.NeuralProgrammer;

/// <summary>
/// Reading answers off the model and scoring them (Chapter 9, §9.4). The answer's kind is the model's own choice:
/// a lookup when the last step's most likely operation is print, else a scalar. A scalar is right within
/// <see cref="ScalarTolerance"/> of the target; a lookup is right when the cells printed with probability &gt; ½ are
/// exactly the target cells. An answer of the wrong kind is wrong.
/// </summary>
public static class ProgrammerAnswers
{
    /// <summary>How far a scalar answer may be from the target and still count as right (½: integers round to themselves).</summary>
    public const float ScalarTolerance = 0.5f;

    /// <summary>Whether each question's answer is a lookup, by the last step's most likely operation.</summary>
    public static bool[] PredictsLookup(ProgrammerOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var last = output.Operations.select(1, output.Operations.size(1) - 1);
        return last.argmax(1).ToArray().Select(i => (int)i == (int)Operation.Print).ToArray();
    }

    /// <summary>Which answers are right, for a <see cref="ProgrammerOutput"/>.</summary>
    public static bool[] Correct(ProgrammerOutput output, TableBatch batch) =>
        Correct(output.Scalar, output.Lookup, PredictsLookup(output), batch);

    /// <summary>Which answers are right: scalars [B], lookup probabilities [B, M, C] and the kind chosen for each question.</summary>
    public static bool[] Correct(Tensor scalar, Tensor lookup, bool[] predictsLookup, TableBatch batch)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(predictsLookup);
        ArgumentNullException.ThrowIfNull(batch);
        if (predictsLookup.Length != batch.Count || scalar.numel() != batch.Count || !lookup.shape.SequenceEqual(batch.Lookup.shape))
        {
            throw new ArgumentException(
                $"ProgrammerAnswers: expected {batch.Count} kinds, scalar [{batch.Count}] and lookup {Tensor.Format(batch.Lookup.shape)}, got " +
                $"{predictsLookup.Length}, {Tensor.Format(scalar.shape)} and {Tensor.Format(lookup.shape)}.", nameof(lookup));
        }

        var s = scalar.ToArray();
        var p = lookup.ToArray();
        int m = lookup.size(1), c = lookup.size(2);
        var right = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var q = batch.Questions[i];
            if (q.Lookup is { } target)
            {
                var ok = predictsLookup[i];
                for (var r = 0; ok && r < q.Rows; r++)
                {
                    for (var j = 0; ok && j < q.Columns; j++)
                    {
                        ok = (p[(((i * m) + r) * c) + j] > 0.5f) == target[r, j];
                    }
                }

                right[i] = ok;
            }
            else
            {
                right[i] = !predictsLookup[i] && Math.Abs(s[i] - q.Scalar!.Value) <= ScalarTolerance;
            }
        }

        return right;
    }
}
