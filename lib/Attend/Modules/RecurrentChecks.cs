namespace Attend.Modules;

/// <summary>Argument checks shared by the recurrent cells and layers.</summary>
internal static class RecurrentChecks
{
    public static void Sizes(string module, int inputSize, int hiddenSize)
    {
        if (inputSize <= 0 || hiddenSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenSize),
                $"{module}: input_size ({inputSize}) and hidden_size ({hiddenSize}) must be positive.");
        }
    }

    public static string Nonlinearity(string module, string nonlinearity) =>
        nonlinearity is "tanh" or "relu"
            ? nonlinearity
            : throw new ArgumentException($"{module}: unknown nonlinearity '{nonlinearity}'; expected \"tanh\" or \"relu\".", nameof(nonlinearity));
}
