namespace Attend.Optimizers;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter, 2019), as PyTorch's <c>torch.optim.AdamW</c>: Adam with weight decay decoupled
/// from the gradient. Each step first shrinks the weights, θ ← θ·(1 − γλ), then takes the plain Adam step, so
/// the decay is not rescaled by Adam's per-weight step sizes.
/// </summary>
public class AdamW : Adam
{
    /// <summary>Creates AdamW over <paramref name="parameters"/>.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                 double weight_decay = 1e-2, bool amsgrad = false)
        : base(parameters, new Group(nameof(AdamW), [], lr, beta1, beta2, eps, weight_decay, amsgrad))
    {
    }

    /// <inheritdoc/>
    protected override bool decoupled_weight_decay => true;
}
