namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of a 784-256-10 ReLU MLP at batch 64: forward, cross-entropy, backward and an Adam update
/// (β = 0.9, 0.999, lr = 1e-3), the same arithmetic as torch.optim.Adam's single-tensor path.
/// </summary>
public sealed class MlpAdamWorkload : Workload
{
    private const int Batch = 64, Input = 784, Hidden = 256, Classes = 10;
    private Tensor x = null!, oneHot = null!;
    private Tensor[] parameters = null!;
    private MinimalAdam adam = null!;

    public override string Name => "mlp 784-256-10 adam step (batch 64)";

    public override void Setup()
    {
        torch.manual_seed(0);
        x = torch.randn(Batch, Input);
        var labels = torch.randint(Classes, [Batch]).ToArray();
        var hot = new float[Batch * Classes];
        for (var r = 0; r < Batch; r++)
        {
            hot[(r * Classes) + (int)labels[r]] = 1;
        }

        oneHot = torch.tensor(hot, [Batch, Classes]);
        parameters =
        [
            torch.randn(Input, Hidden).mul(1f / MathF.Sqrt(Input)).requires_grad_(),
            torch.zeros([Hidden], requires_grad: true),
            torch.randn(Hidden, Classes).mul(1f / MathF.Sqrt(Hidden)).requires_grad_(),
            torch.zeros([Classes], requires_grad: true),
        ];
        adam = new MinimalAdam(parameters, lr: 1e-3f);
    }

    public override void Run()
    {
        adam.ZeroGrad();
        var hidden = x.matmul(parameters[0]).add(parameters[1]).relu();
        var logits = hidden.matmul(parameters[2]).add(parameters[3]);
        // Cross-entropy with one-hot targets: mean over the batch of −log softmax(logits)[label].
        var loss = logits.log_softmax(1).mul(oneHot).sum().div(-Batch);
        loss.backward();
        adam.Step();
    }
}
