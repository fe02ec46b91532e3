namespace Attend.Dmn;

/// <summary>
/// Weight creation for DMN+: Xavier-uniform matrices and zero biases, as the paper (§5), and a word embedding of
/// unit variance, as both re-implementations (barronalex's TensorFlow and dandelin's PyTorch code draw it
/// uniform(−√3, √3)); all drawn from an explicit generator on an explicit device so that a seed fixes a model and
/// no weight is created on the CPU first.
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

    /// <summary>
    /// A word embedding [rows, columns] drawn uniform(−√3, √3): every entry has variance 1, so a positionally
    /// encoded sentence has a norm of about √d and the attention gate's interactions f ∘ q, |f − q| are large
    /// enough at the start for the gate to learn. Xavier over [V, d] (bound √(6 / (V + d)), about 0.22 for d = 80)
    /// made sentences about 8 times smaller, the gate's gradient about 25 times smaller than with this
    /// initialisation, and the gates stayed uniform on tasks 6 and 19 (Chapter 7, §7.4).
    /// </summary>
    public static Parameter Embedding(int rows, int columns, Device? device, Generator? generator)
    {
        var p = new Parameter(torch.zeros([rows, columns], device: device));
        torch.nn.init.uniform_(p, -Math.Sqrt(3), Math.Sqrt(3), generator: generator);
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
