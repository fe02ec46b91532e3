namespace Attend.Seq2Seq;

/// <summary>
/// When the guided-alignment loss counts, and how much: weight λ = <see cref="Weight"/> during the first
/// <see cref="Epochs"/> epochs, then 0, so training ends on the translation loss alone.
/// <code>
/// var guide = new GuidedAlignmentSchedule(Weight: 1.0, Epochs: 2);
/// var loss = translation.add(GuidedAlignment.Loss(attention, truth, mask).mul((float)guide.WeightAt(epoch)));
/// </code>
/// </summary>
/// <remarks>Epochs are counted from 1. Taught in Chapter 3: translation with attention
/// (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Weight">λ, the alignment loss's weight while it is on (≥ 0).</param>
/// <param name="Epochs">K, the number of epochs it is on for (≥ 0; 0 turns it off).</param>
public sealed record GuidedAlignmentSchedule(double Weight, int Epochs)
{
    /// <summary>λ, the alignment loss's weight while it is on.</summary>
    public double Weight { get; } = Weight >= 0 && double.IsFinite(Weight) ? Weight
        : throw new ArgumentOutOfRangeException(nameof(Weight), $"GuidedAlignmentSchedule: the weight λ must be finite and ≥ 0, got {Weight}.");

    /// <summary>K, the number of epochs the guide is on for.</summary>
    public int Epochs { get; } = Epochs >= 0 ? Epochs
        : throw new ArgumentOutOfRangeException(nameof(Epochs), $"GuidedAlignmentSchedule: the number of epochs must be ≥ 0, got {Epochs}.");

    /// <summary>No guide at all: λ = 0 in every epoch.</summary>
    public static GuidedAlignmentSchedule None { get; } = new(0, 0);

    /// <summary>λ for 1-based <paramref name="epoch"/>: <see cref="Weight"/> while epoch ≤ <see cref="Epochs"/>, else 0.</summary>
    public double WeightAt(int epoch)
    {
        if (epoch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), $"GuidedAlignmentSchedule.WeightAt: epochs count from 1, got {epoch}.");
        }

        return epoch <= Epochs ? Weight : 0;
    }

    /// <summary>Whether the guide is on in any epoch.</summary>
    public bool IsActive => Weight > 0 && Epochs > 0;

    /// <summary>"λ = 1 for the first 2 epochs" or "no guide".</summary>
    public override string ToString() => IsActive ? $"λ = {Weight:G4} for the first {Epochs} epoch{(Epochs == 1 ? "" : "s")}" : "no guide";
}
