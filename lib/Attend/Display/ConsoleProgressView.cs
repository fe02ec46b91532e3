namespace Attend.Display;

/// <summary>
/// A progress on a console. On a terminal: one line, rewritten in place with <c>'\r'</c> at most four times a second
/// and ended with a newline by <see cref="Finish"/>. When the output is redirected (a file, a CI log, where
/// <c>'\r'</c> would pile up): a plain line each time another <see cref="PercentStep"/> % of the steps is done,
/// and the final line.
/// </summary>
/// <param name="writer">Where the text goes.</param>
/// <param name="redirected">True for a file or log rather than a terminal.</param>
internal sealed class ConsoleProgressView(TextWriter writer, bool redirected) : IProgressView
{
    /// <summary>The percentage between two lines of redirected output.</summary>
    public const int PercentStep = 10;

    private readonly Throttle throttle = new(Throttle.Default, TimeSpan.Zero);
    private int lastLength;
    private int lastBucket;
    private bool started;

    /// <inheritdoc />
    public void Report(TrainingProgress progress, TimeSpan now)
    {
        if (redirected)
        {
            // The last bucket is left to Finish, whose line says how long the run took.
            var bucket = progress.Step * 100 / progress.TotalSteps / PercentStep;
            if (bucket > lastBucket && progress.Step < progress.TotalSteps)
            {
                lastBucket = bucket;
                writer.WriteLine(progress.ToString());
                writer.Flush();
            }
        }
        else if (!started || throttle.Ready(now))
        {
            started = true;
            Rewrite(progress.ToString());
        }
    }

    /// <inheritdoc />
    public void Finish(TrainingProgress progress)
    {
        if (redirected)
        {
            writer.WriteLine(progress.ToString());
        }
        else
        {
            Rewrite(progress.ToString());
            writer.WriteLine();
        }

        writer.Flush();
    }

    /// <summary>Overwrites the current line, padding with spaces where the previous text was longer.</summary>
    private void Rewrite(string line)
    {
        writer.Write('\r');
        writer.Write(line.PadRight(lastLength));
        writer.Flush();
        lastLength = line.Length;
    }
}
