namespace Attend.Ntm;

/// <summary>Which controller a <see cref="NeuralTuringMachine"/> uses (Chapter 5, §5.4).</summary>
public enum ControllerKind
{
    /// <summary><see cref="LstmController"/>.</summary>
    Lstm,

    /// <summary><see cref="FeedForwardController"/>.</summary>
    FeedForward,
}
