using Attend.Modules;

namespace Attend.Act;

/// <summary>
/// The halting unit of adaptive computation time: h = σ(W_h s + b_h), one probability per example and ponder step,
/// read from the cell's hidden state s. The bias starts at 1 (as in the paper), so an untrained network halts with
/// probability σ(1) ≈ 0.73 per step and stops after about two ponder steps: pondering starts short and the network
/// learns to lengthen it where the task needs it.
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.1 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed class HaltingUnit : Module<Tensor, Tensor>
{
    private readonly Linear linear;

    /// <summary>Creates the unit over states of <paramref name="hidden_size"/>, its bias set to <paramref name="initial_bias"/>.</summary>
    public HaltingUnit(int hidden_size, double initial_bias = 1.0)
        : base(nameof(HaltingUnit))
    {
        if (hidden_size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hidden_size), $"HaltingUnit: hidden_size ({hidden_size}) must be positive.");
        }

        linear = new Linear(hidden_size, 1);
        torch.nn.init.constant_(linear.bias!, initial_bias);
        register_module(nameof(linear), linear);
    }

    /// <summary>W_h [1, H].</summary>
    public Parameter weight => linear.weight;

    /// <summary>b_h [1].</summary>
    public Parameter bias => linear.bias!;

    /// <summary>s [B, H] → h [B], each in (0, 1).</summary>
    public override Tensor forward(Tensor state) => linear.call(state).squeeze(1).sigmoid();
}
