namespace Attend.NeuralProgrammer;

/// <summary>
/// Annealed gradient noise (Neelakantan et al. 2015, "Adding gradient noise improves learning for very deep
/// networks"; Chapter 9, §9.4): before each optimizer step, add N(0, σ_t²) to every gradient with
/// σ_t² = η / (1 + t)^γ, γ = 0.55. The neural programmer paper calls it key to training: the soft choices start
/// near uniform, and the noise helps the model leave the flat regions where every program looks equally bad.
/// </summary>
public sealed class GradientNoise
{
    private readonly Generator generator;

    /// <summary>Noise of scale <paramref name="eta"/> (σ_0² = η) decaying with exponent <paramref name="gamma"/>, drawn from <paramref name="generator"/>.</summary>
    public GradientNoise(double eta, Generator generator, double gamma = 0.55)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (eta < 0 || gamma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eta), $"GradientNoise: eta ({eta}) and gamma ({gamma}) must be non-negative.");
        }

        this.eta = eta;
        this.gamma = gamma;
        this.generator = generator;
    }

    /// <summary>η, the noise variance at step 0.</summary>
    public double eta { get; }

    /// <summary>γ, how fast the variance decays.</summary>
    public double gamma { get; }

    /// <summary>The number of times <see cref="Add"/> has run.</summary>
    public int step { get; private set; }

    /// <summary>The standard deviation σ_t at step <paramref name="t"/>.</summary>
    public double Sigma(int t) => Math.Sqrt(eta / Math.Pow(1 + t, gamma));

    /// <summary>Adds the noise of the current step to the gradient of every parameter that has one, then advances the step.</summary>
    public void Add(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sigma = (float)Sigma(step++);
        if (sigma == 0)
        {
            return;
        }

        using var _ = torch.no_grad();
        foreach (var p in parameters)
        {
            if (p.grad is { } g)
            {
                // Drawn on the host by the generator (so a seed gives the same noise on every device), then uploaded.
                g.add_(torch.randn(g.shape, generator, g.device).mul(sigma));
            }
        }
    }
}
