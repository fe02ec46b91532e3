namespace Attend.Babi;

/// <summary>
/// A padded batch of bAbI questions for a memory network. Memory slots hold the stories' statements oldest first;
/// with random noise (<see cref="BabiBatcher"/>) some slots are empty memories, which hold no words but are real
/// slots with a time of their own. Word ids are whole floats, as the library's embeddings take them.
/// </summary>
/// <param name="Memory">[B, M, L] word ids of the memory slots (0 pads short sentences and unused slots).</param>
/// <param name="MemoryLengths">[B, M] the number of words in each slot (0 for an empty memory or an unused slot).</param>
/// <param name="MemoryMask">[B, M] 1 for a slot that exists (a statement or an empty memory), 0 for padding.</param>
/// <param name="Time">[B, M] each slot's age as an index: 0 for the most recent slot, 1 for the one before, …</param>
/// <param name="Question">[B, Q] the questions' word ids.</param>
/// <param name="QuestionLengths">[B] the number of words in each question.</param>
/// <param name="Answer">[B] the answers' ids.</param>
/// <param name="Slots">For each example, the slot of each of its sentences (identity without noise).</param>
/// <param name="Examples">The examples, in batch order.</param>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1.</remarks>
public sealed record BabiBatch(Tensor Memory, int[,] MemoryLengths, Tensor MemoryMask, Tensor Time, Tensor Question,
                               int[] QuestionLengths, Tensor Answer, int[][] Slots, IReadOnlyList<BabiEncoded> Examples)
{
    /// <summary>The number of questions, B.</summary>
    public int Size => MemoryMask.size(0);

    /// <summary>The number of memory slots, M.</summary>
    public int Slot => MemoryMask.size(1);
}
