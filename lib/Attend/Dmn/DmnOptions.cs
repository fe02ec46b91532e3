namespace Attend.Dmn;

/// <summary>
/// The architecture of a DMN+ (Xiong, Merity, Socher 2016): hidden size d (80 in the paper) shared by the word
/// embeddings, every GRU and the memory; the number of episodic passes (3); dropout on the facts and on the final
/// memory (0.1, the paper's keep probability 0.9); the memory window (the last 70 sentences).
/// </summary>
/// <param name="VocabularySize">The number of word ids (answers included: the answer module scores every id).</param>
/// <param name="Dim">d, the size of embeddings, facts, questions and memories.</param>
/// <param name="Passes">T, the number of episodes (passes over the facts).</param>
/// <param name="Dropout">The drop probability on the facts and on the final memory in training.</param>
/// <param name="MemorySize">The most sentences a story may bring (the window the questions were encoded with).</param>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.2.</remarks>
public sealed record DmnOptions(int VocabularySize, int Dim = 80, int Passes = 3, double Dropout = 0.1, int MemorySize = 70);
