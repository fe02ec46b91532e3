using Attend.Act;
using Attend.Modules;
using Attend.Optimizers;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One ACT parity training step (Chapter 8): a tanh RNN cell of 128 units wrapped in
/// <see cref="AdaptiveComputationTime"/> (ε = 0.01, at most 100 ponder steps), batch 128 of 64-bit parity inputs,
/// binary cross-entropy + τ·ponder cost (τ = 10⁻³), backward, Adam (lr 10⁻³).
/// <para>
/// So that both sides do the same work, the number of ponder steps is fixed, the same on both: the halting unit's
/// weights are 0 and its bias is logit(0.104), frozen (not given to Adam), so every example halts with h = 0.104 per
/// step and stops at N = 10 (running sums 0.936 after 9 steps, 1.04 after 10). Everything else is trained.
/// compare.py's PyTorch mirror (act_workload.py) runs the same masked ponder loop.
/// </para>
/// </summary>
public sealed class ActParityWorkload : Workload
{
    /// <summary>The per-step halting probability that fixes N = 10.</summary>
    public const double Halting = 0.104;

    private AdaptiveComputationTime model = null!;
    private Adam adam = null!;
    private Tensor x = null!, y = null!;

    public override string Name => "act parity step (rnn 128, batch 128, 10 ponder steps)";

    public override void Setup()
    {
        torch.manual_seed(0);
        model = new AdaptiveComputationTime(new RNNCell(64 + 1, 128), output_size: 1, epsilon: 0.01, max_steps: 100);
        torch.nn.init.zeros_(model.halting_unit.weight);
        torch.nn.init.constant_(model.halting_unit.bias, Math.Log(Halting / (1 - Halting)));
        model.halting_unit.weight.requires_grad_(false);
        model.halting_unit.bias.requires_grad_(false);
        adam = torch.optim.Adam(model.parameters().Where(p => p.requires_grad), lr: 1e-3);
        var data = ParityTask.Generate(128, 64, new Generator(0));
        (x, y) = (data.Inputs, data.Targets);
    }

    public override void Run()
    {
        adam.zero_grad();
        var result = model.call(x);
        var loss = torch.nn.functional.binary_cross_entropy_with_logits(result.Output.squeeze(1), y)
            .add(PonderCost.Penalty(result.Ponder, 1e-3));
        loss.backward();
        adam.step();
        if (result.Steps[0, 0] != 10)
        {
            throw new InvalidOperationException($"ActParityWorkload: expected 10 ponder steps, got {result.Steps[0, 0]}.");
        }
    }
}
