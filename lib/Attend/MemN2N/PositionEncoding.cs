namespace Attend.MemN2N;

/// <summary>
/// The position encoding of end-to-end memory networks (Sukhbaatar et al. 2015, §4.1): word j of a sentence of J
/// words has, in dimension k of d, the weight l_kj = (1 − j/J) − (k/d)(1 − 2j/J) (j and k counted from 1).
/// Split as l_kj = a_j + (k/d)·b_j with a_j = 1 − j/J and b_j = 2j/J − 1, the weighted sum Σ_j l_j ∘ A x_j is two
/// scalar-weighted sums over the words, Σ_j a_j A x_j + (k/d) ∘ Σ_j b_j A x_j: no [J, d] weight per sentence to
/// build, and two batched matrix products do it for every sentence at once (<see cref="SentenceEncoder"/>).
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.3.</remarks>
public static class PositionEncoding
{
    /// <summary>The weights l [J, d] of a sentence of <paramref name="length"/> words in <paramref name="dim"/> dimensions.</summary>
    public static float[,] Weights(int length, int dim) =>
        Table(length, dim, (j, k) => (1 - (double)j / length) - ((double)k / dim) * (1 - 2.0 * j / length));

    /// <summary>
    /// The weights l [J, d] of the authors' released code (MemN2N-babi-matlab), used with one fixed J for every
    /// sentence (the longest sentence plus one, the last position holding the time word):
    /// l_kj = 1 + 4 (k − (d + 1)/2)(j − (J + 1)/2) / (d J). Not the paper's formula: it is centred on 1 (the paper's
    /// on 1/2) and, with J fixed, a word's weight depends on its position only, not on its sentence's length.
    /// </summary>
    public static float[,] FixedWeights(int length, int dim) =>
        Table(length, dim, (j, k) => 1 + 4 * (k - (dim + 1) / 2.0) * (j - (length + 1) / 2.0) / ((double)dim * length));

    /// <summary>l [J, d] with l[j − 1, k − 1] = <paramref name="weight"/>(j, k) for word j and dimension k (both from 1).</summary>
    private static float[,] Table(int length, int dim, Func<int, int, double> weight)
    {
        if (length < 1 || dim < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"PositionEncoding: length ({length}) and dim ({dim}) must be positive.");
        }

        var l = new float[length, dim];
        for (var j = 1; j <= length; j++)
        {
            for (var k = 1; k <= dim; k++)
            {
                l[j - 1, k - 1] = (float)weight(j, k);
            }
        }

        return l;
    }

    /// <summary>a_j = 1 − j/J, the part of l_kj that does not depend on k (j from 1).</summary>
    internal static float A(int j, int length) => (float)(1 - (double)j / length);

    /// <summary>b_j = 2j/J − 1, the part of l_kj multiplied by k/d (j from 1).</summary>
    internal static float B(int j, int length) => (float)(2.0 * j / length - 1);

    // The authors' weights split the same way, l_kj = a_j + (k/d)·b_j: with c_j = 4(j − (J + 1)/2)/J,
    // a_j = 1 − c_j (d + 1)/(2d) and b_j = c_j.
    internal static float FixedA(int j, int length, int dim) => (float)(1 - FixedB(j, length) * (dim + 1) / (2.0 * dim));

    internal static float FixedB(int j, int length) => (float)(4 * (j - (length + 1) / 2.0) / length);
}
