namespace Attend.Modules;

/// <summary>
/// Binary cross-entropy on raw scores, computed stably, as PyTorch's <c>nn.BCEWithLogitsLoss</c>
/// (see <see cref="torch.nn.functional.binary_cross_entropy_with_logits"/>). Prefer it to sigmoid + BCELoss.
/// </summary>
public sealed class BCEWithLogitsLoss : Loss
{
    /// <summary>Creates the loss; <paramref name="weight"/> rescales each element's loss.</summary>
    public BCEWithLogitsLoss(Tensor? weight = null, string reduction = "mean")
        : base(nameof(BCEWithLogitsLoss), reduction) =>
        register_buffer(nameof(weight), weight); // a buffer, as in PyTorch: saved and moved with the module

    /// <summary>Per-element weights, or null.</summary>
    public Tensor? weight => named_buffers().FirstOrDefault(b => b.name == nameof(weight)).buffer;

    /// <summary>The loss of scores x against targets y (same shape).</summary>
    public override Tensor forward(Tensor input, Tensor target) =>
        torch.nn.functional.binary_cross_entropy_with_logits(input, target, weight, reduction);
}
