namespace Attend.Ntm;

/// <summary>
/// Switches off one addressing stage in every head of a trained <see cref="NeuralTuringMachine"/>, to see what each
/// stage is for (Chapter 5, §5.7). Set <see cref="NeuralTuringMachine.ablation"/>; the weights are untouched.
/// </summary>
public enum HeadAblation
{
    /// <summary>All four stages as trained.</summary>
    None,

    /// <summary>g = 0: the content weighting is ignored, heads can only move from where they were.</summary>
    NoContent,

    /// <summary>s = the zero shift: heads cannot move by location.</summary>
    NoShift,

    /// <summary>γ = 1: no sharpening after the shift.</summary>
    NoSharpening,
}
