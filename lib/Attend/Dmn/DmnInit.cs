namespace Attend.Dmn;

/// <summary>
/// Weight creation for DMN+: Xavier-uniform matrices and zero biases, as the paper (§5), drawn from an explicit
/// generator on an explicit device so that a seed fixes a model and no weight is created on the CPU first.
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.2.</remarks>
internal static class DmnInit
{
    /// <summary>A [rows, columns] matrix drawn Xavier-uniform.</summary>
    public static Parameter Xavier(int rows, int columns, Device? device, Generator? generator)
    {
        var p = new Parameter(torch.zeros([rows, columns], device: device));
        torch.nn.init.xavier_uniform_(p, generator: generator);
        return p;
    }

    /// <summary>A zero bias of <paramref name="size"/>.</summary>
    public static Parameter Zeros(int size, Device? device) => new(torch.zeros([size], device: device));

    /// <summary>Checks a size is positive, naming it.</summary>
    public static void Positive(string owner, string name, int value)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, $"{owner}: {name} must be positive, got {value}.");
        }
    }
}
