namespace Attend.Display;

/// <summary>Where a <see cref="TrainingProgress"/> shows itself: a notebook output or a console line.</summary>
internal interface IProgressView
{
    /// <summary>A view that shows nothing.</summary>
    static readonly IProgressView None = new Nothing();

    /// <summary>A step was reported at <paramref name="now"/> (time since start); the view decides whether to redraw.</summary>
    void Report(TrainingProgress progress, TimeSpan now);

    /// <summary>The run finished: show the final state.</summary>
    void Finish(TrainingProgress progress);

    private sealed class Nothing : IProgressView
    {
        public void Report(TrainingProgress progress, TimeSpan now)
        {
        }

        public void Finish(TrainingProgress progress)
        {
        }
    }
}

/// <summary>Shows one progress in two views: a notebook output and the console of the headless run that executes it.</summary>
/// <param name="first">The first view.</param>
/// <param name="second">The second view.</param>
internal sealed class TeeProgressView(IProgressView first, IProgressView second) : IProgressView
{
    /// <inheritdoc />
    public void Report(TrainingProgress progress, TimeSpan now)
    {
        first.Report(progress, now);
        second.Report(progress, now);
    }

    /// <inheritdoc />
    public void Finish(TrainingProgress progress)
    {
        first.Finish(progress);
        second.Finish(progress);
    }
}

/// <summary>Lets a redraw through at most once per <paramref name="interval"/>.</summary>
/// <param name="interval">The shortest time between two redraws.</param>
/// <param name="last">The time of the last redraw (the first display).</param>
internal sealed class Throttle(TimeSpan interval, TimeSpan last)
{
    /// <summary>At most four redraws a second: live enough to watch, cheap next to a training step.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMilliseconds(250);

    /// <summary>True (and the clock restarts) when at least the interval has passed since the last redraw.</summary>
    public bool Ready(TimeSpan now)
    {
        if (now - last < interval)
        {
            return false;
        }

        last = now;
        return true;
    }
}
