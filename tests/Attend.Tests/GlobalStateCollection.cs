namespace Attend.Tests;

/// <summary>
/// Tests that change process-wide state (the default generator's seed, <c>torch.set_grad_enabled</c>) run in this
/// collection, which xunit runs alone after the parallel ones, so they cannot disturb other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    public const string Name = "process-wide torch state";
}
