namespace Attend.Modules;

/// <summary>
/// Binary cross-entropy of probabilities, as PyTorch's <c>nn.BCELoss</c>
/// (see <see cref="torch.nn.functional.binary_cross_entropy"/>).
/// </summary>
public sealed class BCELoss : Loss
{
    /// <summary>Creates the loss; <paramref name="weight"/> rescales each element's loss.</summary>
    public BCELoss(Tensor? weight = null, string reduction = "mean")
        : base(nameof(BCELoss), reduction) =>
        register_buffer(nameof(weight), weight); // a buffer, as in PyTorch: saved and moved with the module

    /// <summary>Per-element weights, or null.</summary>
    public Tensor? weight => named_buffers().FirstOrDefault(b => b.name == nameof(weight)).buffer;

    /// <summary>The loss of probabilities p against targets y (same shape).</summary>
    public override Tensor forward(Tensor input, Tensor target) =>
        torch.nn.functional.binary_cross_entropy(input, target, weight, reduction);
}
