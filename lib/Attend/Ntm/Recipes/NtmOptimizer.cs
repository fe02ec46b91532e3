namespace Attend.Ntm.Recipes;

/// <summary>The optimizers the NTM recipe offers (Chapter 5, §5.6).</summary>
public enum NtmOptimizer
{
    /// <summary>RMSprop with momentum, the paper's (and pytorch-ntm's): lr 1e-4, momentum 0.9, α 0.95.</summary>
    RMSprop,

    /// <summary>Adam (Collier and Beel 2018 train with Adam 1e-3 at batch 32).</summary>
    Adam,
}
