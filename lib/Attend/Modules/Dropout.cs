namespace Attend.Modules;

/// <summary>
/// Randomly zeroes elements with probability <see cref="p"/> during training and scales the rest by 1/(1−p), as
/// PyTorch's <c>nn.Dropout</c>; after <see cref="Module.eval"/> it passes the input through unchanged.
/// </summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public Dropout(double p = 0.5)
        : base(nameof(Dropout))
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"Dropout: probability has to be between 0 and 1, but got {p}.");
        }

        this.p = p;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double p { get; }

    /// <summary>The input with dropout applied in training mode.</summary>
    public override Tensor forward(Tensor input) => torch.nn.functional.dropout(input, p, training);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={p}";
}
