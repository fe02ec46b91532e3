namespace Attend.Modules;

/// <summary>
/// Cross-entropy of raw scores against class indices, as PyTorch's <c>nn.CrossEntropyLoss</c>
/// (see <see cref="torch.nn.functional.cross_entropy"/>): log-softmax and negative log-likelihood in one.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    public CrossEntropyLoss(Tensor? weight = null, int ignore_index = -100, string reduction = "mean", double label_smoothing = 0)
        : base(nameof(CrossEntropyLoss), reduction)
    {
        if (!(label_smoothing >= 0 && label_smoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(label_smoothing),
                $"CrossEntropyLoss: label_smoothing must be between 0 and 1, got {label_smoothing}.");
        }

        register_buffer(nameof(weight), weight); // a buffer, as in PyTorch: saved and moved with the module
        this.ignore_index = ignore_index;
        this.label_smoothing = label_smoothing;
    }

    /// <summary>Per-class weights [C], or null.</summary>
    public Tensor? weight => named_buffers().FirstOrDefault(b => b.name == nameof(weight)).buffer;

    /// <summary>The target value that is skipped.</summary>
    public int ignore_index { get; }

    /// <summary>The share ε of the target spread evenly over all classes.</summary>
    public double label_smoothing { get; }

    /// <summary>The loss of scores [N, C] (or [N, C, d…]) against indices [N] (or [N, d…]).</summary>
    public override Tensor forward(Tensor input, Tensor target) =>
        torch.nn.functional.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing);
}
