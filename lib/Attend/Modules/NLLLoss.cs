namespace Attend.Modules;

/// <summary>
/// Negative log-likelihood of log-probabilities at class indices, as PyTorch's <c>nn.NLLLoss</c>
/// (see <see cref="torch.nn.functional.nll_loss"/>); pair it with log_softmax.
/// </summary>
public sealed class NLLLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    public NLLLoss(Tensor? weight = null, int ignore_index = -100, string reduction = "mean")
        : base(nameof(NLLLoss), reduction)
    {
        register_buffer(nameof(weight), weight); // a buffer, as in PyTorch: saved and moved with the module
        this.ignore_index = ignore_index;
    }

    /// <summary>Per-class weights [C], or null.</summary>
    public Tensor? weight => named_buffers().FirstOrDefault(b => b.name == nameof(weight)).buffer;

    /// <summary>The target value that is skipped.</summary>
    public int ignore_index { get; }

    /// <summary>The loss of log-probabilities [N, C] against indices [N].</summary>
    public override Tensor forward(Tensor input, Tensor target) =>
        torch.nn.functional.nll_loss(input, target, weight, ignore_index, reduction);
}
