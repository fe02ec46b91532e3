namespace Attend.Modules;

/// <summary>Mean squared error, as PyTorch's <c>nn.MSELoss</c> (see <see cref="torch.nn.functional.mse_loss"/>).</summary>
public sealed class MSELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    public MSELoss(string reduction = "mean")
        : base(nameof(MSELoss), reduction)
    {
    }

    /// <summary>The loss of predictions against targets (same shape).</summary>
    public override Tensor forward(Tensor input, Tensor target) => torch.nn.functional.mse_loss(input, target, reduction);
}
