namespace Attend.MemN2N;

/// <summary>
/// How a memory network turns a sentence's word vectors into one vector (Sukhbaatar et al. 2015, §4.1).
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.3.</remarks>
public enum SentenceEncoding
{
    /// <summary>Bag of words, m_i = Σ_j A x_ij: word order is lost ("the kitchen is north of the garden" = "the garden is north of the kitchen").</summary>
    BagOfWords,

    /// <summary>Position encoding, m_i = Σ_j l_j ∘ A x_ij with l_kj = (1 − j/J) − (k/d)(1 − 2j/J): each word's vector is weighted by where it stands.</summary>
    Position,
}

/// <summary>How the embedding matrices of the hops share weights (Sukhbaatar et al. 2015, §2.2).</summary>
/// <remarks>Chapter 6, §6.2.</remarks>
public enum WeightTying
{
    /// <summary>Adjacent: the output embedding of one hop is the input embedding of the next, A^{k+1} = C^k; the
    /// question embedding is B = A^1 and the answer matrix W = C^K transposed.</summary>
    Adjacent,

    /// <summary>Layer-wise (RNN-like): A^1 = A^2 = … and C^1 = C^2 = …, with a linear map between hops, u^{k+1} = H u^k + o^k.</summary>
    LayerWise,
}
