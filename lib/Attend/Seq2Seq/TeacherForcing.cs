namespace Attend.Seq2Seq;

/// <summary>
/// Teacher forcing: during training, the decoder's next input is the true previous target token (with probability
/// <see cref="Ratio"/>) instead of its own prediction. Training on true prefixes is fast and stable, but at test
/// time the model must continue from its own (possibly wrong) outputs; a ratio below 1 shows it some of those during
/// training (Bengio et al. 2015's scheduled sampling decays it over time).
/// </summary>
/// <remarks>
/// The choice is made once per step for the whole batch, from <see cref="Generator"/> (the default generator when
/// null), so a seeded generator gives the same choices every run. Ratios 1 and 0 draw nothing. Taught in Chapter 3:
/// translation with attention (notebooks/03-translation-with-attention.ipynb).
/// </remarks>
public sealed class TeacherForcing
{
    /// <summary>Creates the policy; <paramref name="ratio"/> is the probability of feeding the true token, in [0, 1].</summary>
    public TeacherForcing(double ratio, Generator? generator = null)
    {
        if (!(ratio >= 0 && ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), $"teacher forcing: the ratio must be a probability in [0, 1], got {ratio}.");
        }

        Ratio = ratio;
        Generator = generator;
    }

    /// <summary>The probability of feeding the true previous token.</summary>
    public double Ratio { get; }

    /// <summary>The source of the random choices (null: <see cref="torch.default_generator"/>).</summary>
    public Generator? Generator { get; }

    /// <summary>Whether the next step should read the true target token (true) or the model's own prediction.</summary>
    public bool UseTarget() => Ratio switch
    {
        >= 1 => true,
        <= 0 => false,
        _ => (Generator ?? torch.default_generator).NextDouble() < Ratio,
    };
}
