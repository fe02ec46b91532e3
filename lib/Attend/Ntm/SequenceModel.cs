using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// A model for the chapter's sequence tasks (Chapter 5, §5.5): it reads inputs [T, B, I] one step at a time and
/// returns output logits [T_out, B, O] for the last <c>outputSteps</c> steps (the answer phase). The NTM and the LSTM
/// baseline both are one, so the same training recipe trains either.
/// </summary>
public abstract class SequenceModel : Module<Tensor, int, Tensor>
{
    /// <summary>Creates a model named <paramref name="name"/>.</summary>
    protected SequenceModel(string name)
        : base(name)
    {
    }

    /// <summary>The width I of each input vector.</summary>
    public abstract int input_size { get; }

    /// <summary>The width O of each output vector.</summary>
    public abstract int output_size { get; }

    /// <summary>The number of trained values.</summary>
    public int ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Checks inputs [T, B, input_size] and 0 ≤ outputSteps ≤ T.</summary>
    protected void CheckInputs(Tensor inputs, int outputSteps)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dim() != 3 || inputs.size(2) != input_size)
        {
            throw new ArgumentException($"{GetName}: inputs must be [T, B, {input_size}], got {Tensor.Format(inputs.shape)}.", nameof(inputs));
        }

        if (outputSteps < 0 || outputSteps > inputs.size(0))
        {
            throw new ArgumentOutOfRangeException(nameof(outputSteps),
                $"{GetName}: outputSteps {outputSteps} must be between 0 and the sequence length T = {inputs.size(0)}.");
        }
    }
}
