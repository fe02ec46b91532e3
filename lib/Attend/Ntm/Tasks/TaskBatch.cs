namespace Attend.Ntm.Tasks;

/// <summary>
/// A batch of one of the chapter's sequence tasks (Chapter 5, §5.5): inputs [T, B, I] and targets [T_out, B, O],
/// the targets being what the model must emit during the last T_out steps (while it sees blank inputs).
/// </summary>
/// <param name="Inputs">[T, B, I].</param>
/// <param name="Targets">[T_out, B, O], 0/1 bits.</param>
public sealed record TaskBatch(Tensor Inputs, Tensor Targets)
{
    /// <summary>T_out: how many steps at the end are answers.</summary>
    public int OutputSteps => Targets.size(0);

    /// <summary>B.</summary>
    public int BatchSize => Inputs.size(1);

    /// <summary>Builds a batch from host arrays laid out [T, B, I] and [T_out, B, O] on <paramref name="device"/>.</summary>
    internal static TaskBatch FromHost(float[] inputs, int steps, int batch, int inputWidth, float[] targets, int outputSteps, int outputWidth,
                                       Device? device) =>
        new(torch.tensor(inputs, [steps, batch, inputWidth], device), torch.tensor(targets, [outputSteps, batch, outputWidth], device));
}
