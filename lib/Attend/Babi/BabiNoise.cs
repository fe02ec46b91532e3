namespace Attend.Babi;

/// <summary>
/// How random noise ("RN", Sukhbaatar et al. 2015, §4.1) is put into a training story's memory. Both shift the ages
/// the temporal encoding sees, so that the network cannot rely on exact ages learned from the training stories.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.4.</remarks>
public enum BabiNoise
{
    /// <summary>The paper's words: empty memories are inserted among the sentences, each after a sentence with
    /// probability equal to the noise rate; they are real slots (only their temporal vector), which the hops can attend.</summary>
    EmptyMemories,

    /// <summary>The authors' released code: no slot is added; for n sentences, a number of blanks b is drawn
    /// uniformly from 0…⌈n · rate⌉, n ages are drawn without replacement from 0…n + b − 1 (capped at the memory
    /// size − 1) and given, sorted, to the sentences (the most recent the smallest), so the ages have random gaps.</summary>
    TimeGaps,
}
