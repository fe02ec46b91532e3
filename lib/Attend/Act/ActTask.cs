namespace Attend.Act;

/// <summary>The tasks of Chapter 8's experiments.</summary>
/// <remarks>Chapter 8: adaptive computation time (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public enum ActTask
{
    /// <summary>The parity of the +1 entries of a vector of ±1s and 0s, in one input step (<see cref="ParityTask"/>).</summary>
    Parity,

    /// <summary>A sequence of steps of logic gates applied to two bits (<see cref="LogicTask"/>).</summary>
    Logic,
}
