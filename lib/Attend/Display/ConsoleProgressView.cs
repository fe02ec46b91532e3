namespace Attend.Display;

/// <summary>
/// A progress on a console. On a terminal: one line, rewritten in place with <c>'\r'</c> at most four times a second
/// and ended with a newline by <see cref="Finish"/>. When the output is redirected (a file, a CI log, the console of
/// a headless notebook run, where <c>'\r'</c> would pile up): a plain line each time another
/// <see cref="PercentStep"/> % of the steps is done, or when <paramref name="maxSilence"/> has passed since the last
/// line, and the final line.
/// </summary>
/// <param name="writer">Where the text goes.</param>
/// <param name="redirected">True for a file or log rather than a terminal.</param>
/// <param name="prefix">Text before each line (an indent under the runner's own lines).</param>
/// <param name="maxSilence">With redirected output, the longest time without a line while steps are reported; null for no limit.</param>
internal sealed class ConsoleProgressView(TextWriter writer, bool redirected, string prefix = "", TimeSpan? maxSilence = null) : IProgressView
{
    /// <summary>The percentage between two lines of redirected output.</summary>
    public const int PercentStep = 10;

    private readonly Throttle throttle = new(Throttle.Default, TimeSpan.Zero);
    private int lastLength;
    private int lastBucket;
    private TimeSpan lastLineAt;
    private bool started;

    /// <inheritdoc />
    public void Report(TrainingProgress progress, TimeSpan now)
    {
        if (redirected)
        {
            // The last bucket is left to Finish, whose line says how long the run took.
            var bucket = progress.Step * 100 / progress.TotalSteps / PercentStep;
            var quietTooLong = maxSilence is { } silence && now - lastLineAt >= silence;
            if ((bucket > lastBucket || quietTooLong) && progress.Step < progress.TotalSteps)
            {
                lastBucket = Math.Max(bucket, lastBucket);
                lastLineAt = now;
                writer.WriteLine(prefix + progress.ToString());
                writer.Flush();
            }
        }
        else if (!started || throttle.Ready(now))
        {
            started = true;
            Rewrite(prefix + progress.ToString());
        }
    }

    /// <inheritdoc />
    public void Finish(TrainingProgress progress)
    {
        if (redirected)
        {
            writer.WriteLine(prefix + progress.ToString());
        }
        else
        {
            Rewrite(prefix + progress.ToString());
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
