using Attend.Modules;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One step of torch.nn.LSTMCell(10, 100) at batch 32 (the course's cell sizes), forward and backward to the
/// cell's weights, loss = Σh' + Σc'. PyTorch runs its own nn.LSTMCell on the same shapes.
/// </summary>
public sealed class LstmCellWorkload : Workload
{
    private LSTMCell cell = null!;
    private Tensor x = null!, h = null!, c = null!;

    public override string Name => "lstm cell fwd+bwd (32x10->100)";

    public override void Setup()
    {
        torch.manual_seed(0);
        cell = torch.nn.LSTMCell(10, 100);
        x = torch.randn(32, 10);
        h = torch.randn(32, 100);
        c = torch.randn(32, 100);
    }

    public override void Run()
    {
        cell.zero_grad();
        var (h2, c2) = cell.call(x, (h, c));
        h2.sum().add(c2.sum()).backward();
    }
}
