namespace Attend.Ntm;

/// <summary>
/// How the memory starts each sequence (Chapter 5, §5.3 and §5.6). Collier and Beel (2018) compared these and found the
/// small constant converges about twice as fast; the chapter measures it.
/// </summary>
public enum MemoryInit
{
    /// <summary>Every cell 10⁻⁶ (<see cref="NtmMemory.ConstantInit"/>): no slot is special until something is written.</summary>
    Constant,

    /// <summary>A fixed random matrix drawn at construction, U(−1/√(N+M), 1/√(N+M)) as pytorch-ntm; not trained.</summary>
    Random,

    /// <summary>A parameter, initialised as <see cref="Random"/> and trained with the rest of the model.</summary>
    Learned,
}
