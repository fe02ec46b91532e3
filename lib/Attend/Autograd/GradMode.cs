namespace Attend.Autograd;

/// <summary>
/// Whether ops record the graph. A <c>no_grad()</c> scope is an <see cref="AsyncLocal{T}"/> value, so it follows
/// the code that opened it across <c>await</c>s and thread hops (notebook cells resume on pool threads), and it
/// does not leak into unrelated threads. <see cref="SetEnabled"/> sets the process-wide default that holds
/// outside any scope (like <c>torch.set_grad_enabled</c> at the top of a notebook).
/// </summary>
public static class GradMode
{
    private static readonly AsyncLocal<bool?> Scoped = new();
    private static volatile bool globalDefault = true;

    /// <summary>True when new ops record gradients.</summary>
    public static bool IsEnabled => Scoped.Value ?? globalDefault;

    /// <summary>Sets the default outside any scope (persists across notebook cells).</summary>
    public static void SetEnabled(bool enabled) => globalDefault = enabled;

    /// <summary>Opens a scope with recording on or off; dispose to restore the previous state.</summary>
    public static IDisposable Scope(bool enabled)
    {
        var previous = Scoped.Value;
        Scoped.Value = enabled;
        return new Restore(previous);
    }

    private sealed class Restore(bool? previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                Scoped.Value = previous;
            }
        }
    }
}
