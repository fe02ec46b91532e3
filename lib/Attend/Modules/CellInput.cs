namespace Attend.Modules;

/// <summary>Shape checks shared by the recurrent cells: input [B, input_size] or one unbatched sample [input_size].</summary>
internal static class CellInput
{
    /// <summary>The input as [B, input_size] and whether it came unbatched.</summary>
    public static (Tensor X, bool Unbatched) Batch(string cell, Tensor input, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dims.Length is not (1 or 2) || input.dims[^1] != inputSize)
        {
            throw new ArgumentException(
                $"{cell}: expected input of shape [batch, {inputSize}] (or [{inputSize}] for one sample), got " +
                $"{Tensor.Format(input.dims)}.", nameof(input));
        }

        return input.dims.Length == 1 ? (input.unsqueeze(0), true) : (input, false);
    }

    /// <summary>A state tensor as [B, hidden] (zeros when null), checked against the batch size.</summary>
    public static Tensor State(string cell, string name, Tensor? state, bool unbatched, int batch, int hiddenSize, Tensor like)
    {
        if (state is null)
        {
            return torch.zeros([batch, hiddenSize], like.device);
        }

        var expected = unbatched ? new[] { hiddenSize } : [batch, hiddenSize];
        if (!state.dims.AsSpan().SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"{cell}: expected {name} of shape {Tensor.Format(expected)} to match the input, got {Tensor.Format(state.dims)}.",
                nameof(state));
        }

        return unbatched ? state.unsqueeze(0) : state;
    }
}
