namespace Attend.Benchmarks.Workloads;

/// <summary>
/// Adam written with in-place tensor ops in the order torch.optim.Adam's single-tensor loop uses:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
/// TODO: use torch.optim.Adam once the optimizers are merged (same arithmetic, measured the same way).
/// </summary>
public sealed class MinimalAdam(Tensor[] parameters, float lr, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
{
    private readonly Tensor[] m = parameters.Select(torch.zeros_like).ToArray();
    private readonly Tensor[] v = parameters.Select(torch.zeros_like).ToArray();
    private int step;

    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            p.grad = null;
        }
    }

    public void Step()
    {
        step++;
        var correction1 = 1 - MathF.Pow(beta1, step);
        var correction2 = 1 - MathF.Pow(beta2, step);
        using var _ = torch.no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = parameters[i].grad!;
            m[i].mul_(beta1).add_(g, 1 - beta1);
            v[i].mul_(beta2).add_(g.mul(g), 1 - beta2);
            var denominator = v[i].sqrt().mul_(1 / MathF.Sqrt(correction2)).add_(eps);
            parameters[i].sub_(m[i].div(denominator).mul_(lr / correction1));
        }
    }
}
