using Attend.Modules;
using Attend.Optimizers;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of a 784-256-10 ReLU MLP (nn.Sequential of nn.Linear) at batch 64: forward,
/// cross-entropy, backward and a torch.optim.Adam step (lr 1e-3), as the PyTorch side does.
/// </summary>
public sealed class MlpAdamWorkload : Workload
{
    private Sequential model = null!;
    private Adam adam = null!;
    private Tensor x = null!, labels = null!;

    public override string Name => "mlp 784-256-10 adam step (batch 64)";

    public override void Setup()
    {
        torch.manual_seed(0);
        model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10));
        adam = torch.optim.Adam(model.parameters(), lr: 1e-3);
        x = torch.randn(64, 784);
        labels = torch.randint(10, [64]);
    }

    public override void Run()
    {
        adam.zero_grad();
        torch.nn.functional.cross_entropy(model.call(x), labels).backward();
        adam.step();
    }
}
