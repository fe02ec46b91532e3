namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One LSTM cell step, forward and backward, at batch 32, input 10, hidden 100 (the course's cell sizes).
/// The gates use one weight matrix per gate as in d2l's "LSTM from scratch":
/// i = σ(x·W_xi + h·W_hi + b_i), f, o likewise, g = tanh(…), c' = f⊙c + i⊙g, h' = o⊙tanh(c').
/// </summary>
public sealed class LstmCellWorkload : Workload
{
    private const int Batch = 32, Input = 10, Hidden = 100;
    private Tensor x = null!, h = null!, c = null!;
    private Tensor[] wx = null!, wh = null!, bias = null!;

    public override string Name => "lstm cell fwd+bwd (32x10->100)";

    public override void Setup()
    {
        torch.manual_seed(0);
        x = torch.randn(Batch, Input);
        h = torch.randn(Batch, Hidden);
        c = torch.randn(Batch, Hidden);
        var scale = 1f / MathF.Sqrt(Hidden);
        wx = Enumerable.Range(0, 4).Select(_ => torch.randn(Input, Hidden).mul(scale).requires_grad_()).ToArray();
        wh = Enumerable.Range(0, 4).Select(_ => torch.randn(Hidden, Hidden).mul(scale).requires_grad_()).ToArray();
        bias = Enumerable.Range(0, 4).Select(_ => torch.zeros([Hidden], requires_grad: true)).ToArray();
    }

    public override void Run()
    {
        foreach (var p in wx.Concat(wh).Concat(bias))
        {
            p.grad = null;
        }

        var i = Gate(0).sigmoid();
        var f = Gate(1).sigmoid();
        var g = Gate(2).tanh();
        var o = Gate(3).sigmoid();
        var c2 = f.mul(c).add(i.mul(g));
        var h2 = o.mul(c2.tanh());
        h2.sum().add(c2.sum()).backward();
    }

    private Tensor Gate(int k) => x.matmul(wx[k]).add(h.matmul(wh[k])).add(bias[k]);
}
