namespace Attend.Benchmarks.Workloads;

/// <summary>
/// Dot-product attention of one query over 50 positions, batch 32, dimension 128, forward and backward:
/// scores = keys·query, weights = softmax over the positions, context = weightsᵀ·values, loss = Σ context.
/// </summary>
public sealed class AttentionWorkload : Workload
{
    private const int Batch = 32, Positions = 50, Dim = 128;
    private Tensor keys = null!, values = null!, query = null!;

    public override string Name => "attention fwd+bwd (32x50x128)";

    public override void Setup()
    {
        torch.manual_seed(0);
        keys = torch.randn(Batch, Positions, Dim).requires_grad_();
        values = torch.randn(Batch, Positions, Dim).requires_grad_();
        query = torch.randn(Batch, Dim, 1).requires_grad_();
    }

    public override void Run()
    {
        keys.grad = values.grad = query.grad = null;
        var scores = keys.bmm(query);                          // [32, 50, 1]
        var weights = scores.softmax(1);                       // over the 50 positions
        var context = weights.transpose(1, 2).bmm(values);     // [32, 1, 128]
        context.reshape(Batch, Dim).sum().backward();
    }
}
