namespace Attend.MemN2N;

/// <summary>
/// The architecture of an end-to-end memory network. The defaults are the paper's best bAbI model on one task:
/// d = 20 (50 for joint training), 3 hops, position encoding, temporal encoding, adjacent weight tying, a memory
/// of the 50 most recent sentences (plus room for the empty memories of random noise).
/// </summary>
/// <param name="VocabularySize">The number of word ids V (answers included: the answer is chosen from the vocabulary).</param>
/// <param name="Dim">The embedding size d.</param>
/// <param name="Hops">The number of hops K (1–3 in the paper; any positive number works).</param>
/// <param name="MemorySize">The most memory slots, the size of the temporal encoding's table.</param>
/// <param name="Encoding">Bag of words or position encoding.</param>
/// <param name="Temporal">Whether to add the temporal encoding T_A(i), T_C(i) of each slot's age.</param>
/// <param name="Tying">Adjacent or layer-wise weight tying.</param>
/// <param name="PositionLength">Null: position encoding with the paper's formula and each sentence's own length J.
/// A number J: the authors' released code's encoding instead (<see cref="PositionEncoding.FixedWeights"/>), one J
/// for every sentence (their longest sentence plus one), and the temporal vector weighted by the encoding's last
/// column l_J, as their code adds time as an extra word in position J.</param>
/// <param name="EmptySlotsInSoftmax">Whether the memory's unused slots (up to <paramref name="MemorySize"/>) stay in
/// the hops' softmaxes as zero vectors, as in the authors' code (see <see cref="MemoryHop.Read"/>), rather than
/// being masked out.</param>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.2–6.4.</remarks>
public sealed record MemN2NOptions(int VocabularySize, int Dim = 20, int Hops = 3, int MemorySize = 60,
                                   SentenceEncoding Encoding = SentenceEncoding.Position, bool Temporal = true,
                                   WeightTying Tying = WeightTying.Adjacent, int? PositionLength = null, bool EmptySlotsInSoftmax = false)
{
    /// <summary>
    /// The model of the authors' released code (MemN2N-babi-matlab, and its faithful Python port): position encoding
    /// with their formula and one J = <paramref name="longestSentence"/> + 1 for every sentence (the extra position
    /// holds the time word), the time vector weighted by that last column, a memory of 50 slots whose unused ones
    /// stay in the softmax as zero vectors, temporal encoding and adjacent tying. <paramref name="longestSentence"/>
    /// is the most words of any statement or question of the data (11 on bAbI 1k). Train it with
    /// <see cref="MemN2NTrainingOptions.Joint1k"/> (their noise and clipping) or the same options for one task.
    /// </summary>
    public static MemN2NOptions AuthorsCode(int vocabularySize, int longestSentence, int dim = 50, int hops = 3) =>
        new(vocabularySize, dim, hops, MemorySize: 50, PositionLength: longestSentence + 1, EmptySlotsInSoftmax: true);

    /// <summary>A short label such as "PE, 3 hops, adjacent".</summary>
    public override string ToString() =>
        $"{(Encoding == SentenceEncoding.Position ? "PE" : "BoW")}{(Temporal ? "" : " no TE")}, {Hops} hop{(Hops == 1 ? "" : "s")}, d={Dim}, " +
        $"{(Tying == WeightTying.Adjacent ? "adjacent" : "layer-wise")}" +
        $"{(PositionLength is { } j && Encoding == SentenceEncoding.Position ? $", fixed J={j}" : "")}{(EmptySlotsInSoftmax ? ", empty slots in softmax" : "")}";
}
