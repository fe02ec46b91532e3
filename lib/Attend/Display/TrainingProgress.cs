using System.Globalization;
using System.Text;

namespace Attend.Display;

/// <summary>
/// Live progress of a training loop: step and epoch, current and smoothed loss, steps per second, time left and a
/// loss curve. In a notebook (this course's runner or the real .NET Interactive kernel) it is one output updated in
/// place, and under the course's headless runner also a plain line on the runner's console every 10 % (at least every
/// 30 s); on a console it is one line rewritten with <c>'\r'</c>, or a line every 10 % when the output goes to a file
/// or a CI log.
/// </summary>
/// <example>
/// <code>
/// var progress = TrainingProgress.Start(totalSteps: epochs * batches, totalEpochs: epochs);
/// for (var epoch = 1; epoch &lt;= epochs; epoch++)
///     for (var b = 0; b &lt; batches; b++)
///         progress.Report(progress.Step + 1, loss.item(), epoch);
/// progress.Finish();
/// </code>
/// </example>
[TypeFormatterSource(typeof(AttendFormatterSource), PreferredMimeTypes = [AttendFormatterSource.Html, AttendFormatterSource.PlainText])]
public sealed class TrainingProgress : IRichDisplay
{
    /// <summary>The weight of the past in the smoothed loss: an exponential moving average over roughly the last 50 reports.</summary>
    public const double SmoothingBeta = 0.98;

    private const int BarWidth = 20;

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly long startTimestamp;
    private readonly List<(int Step, float Loss)> history = [];
    private IProgressView view = IProgressView.None;
    private double movingAverage;
    private int step;
    private int? epoch;
    private TimeSpan? finishedAfter;

    private TrainingProgress(int totalSteps, string title, int? totalEpochs, TimeProvider time)
    {
        if (totalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "TrainingProgress.Start: totalSteps must be at least 1");
        }

        if (totalEpochs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalEpochs), totalEpochs, "TrainingProgress.Start: totalEpochs must be at least 1 (or null when there are no epochs)");
        }

        TotalSteps = totalSteps;
        Title = title ?? "training";
        TotalEpochs = totalEpochs;
        this.time = time;
        startTimestamp = time.GetTimestamp();
    }

    /// <summary>The title shown first.</summary>
    public string Title { get; }

    /// <summary>The number of steps the run will take.</summary>
    public int TotalSteps { get; }

    /// <summary>The number of epochs, or null when the run is not counted in epochs.</summary>
    public int? TotalEpochs { get; }

    /// <summary>The steps completed so far (the last reported step).</summary>
    public int Step => Capture().Step;

    /// <summary>The last reported epoch, or null.</summary>
    public int? Epoch => Capture().Epoch;

    /// <summary>The last reported loss, or null before the first report.</summary>
    public float? Loss => Capture().Loss;

    /// <summary>
    /// The loss averaged over recent reports: the moving average m ← β·m + (1 − β)·loss with β =
    /// <see cref="SmoothingBeta"/>, divided by 1 − βⁿ after n reports so that early values are not pulled toward 0.
    /// </summary>
    public double? SmoothedLoss => Capture().Smoothed;

    /// <summary>Every reported loss, in order.</summary>
    public IReadOnlyList<float> Losses
    {
        get
        {
            lock (gate)
            {
                return [.. history.Select(h => h.Loss)];
            }
        }
    }

    /// <summary>Whether <see cref="Finish"/> was called.</summary>
    public bool IsFinished => Capture().Finished;

    /// <summary>The time since <see cref="Start(int, string, int?)"/>, frozen at <see cref="Finish"/>.</summary>
    public TimeSpan Elapsed => Capture().Elapsed;

    /// <summary>The average speed so far: steps completed divided by the elapsed time (0 before any time has passed).</summary>
    public double StepsPerSecond => Capture().StepsPerSecond;

    /// <summary>The time left at the average speed so far: (total − step) / (steps per second); null while the speed is unknown.</summary>
    public TimeSpan? Eta => Capture().Eta;

    /// <summary>
    /// Starts showing progress: as an output of the running notebook cell (found through the kernel's
    /// <c>Microsoft.DotNet.Interactive.Kernel.display</c>), else as a console line. When the course's runner executes
    /// the notebook headless, a plain line also goes to the runner's console every 10 % (at least every
    /// <see cref="RunnerConsoleSilence"/>), so that a long training cell is not a silent one.
    /// </summary>
    /// <param name="totalSteps">The number of steps the run will take.</param>
    /// <param name="title">The title shown first.</param>
    /// <param name="totalEpochs">The number of epochs, or null.</param>
    /// <returns>The progress, to <see cref="Report"/> to after each step.</returns>
    public static TrainingProgress Start(int totalSteps, string title = "training", int? totalEpochs = null) =>
        Start(totalSteps, title, totalEpochs, TimeProvider.System,
            progress => ChooseView(NotebookProgressView.TryShow(progress), NotebookProgressView.FindRunnerConsole(), Console.Out, Console.IsOutputRedirected));

    /// <summary>The longest time the runner's console goes without a progress line while a training cell runs.</summary>
    public static readonly TimeSpan RunnerConsoleSilence = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The notebook output (echoed to the runner's console when there is one), else the console line.
    /// </summary>
    internal static IProgressView ChooseView(IProgressView? notebook, TextWriter? runnerConsole, TextWriter console, bool consoleRedirected) =>
        notebook is null ? new ConsoleProgressView(console, consoleRedirected)
        : runnerConsole is null ? notebook
        : new TeeProgressView(notebook, new ConsoleProgressView(runnerConsole, redirected: true, prefix: "        ", maxSilence: RunnerConsoleSilence));

    /// <summary>Starts with a given clock and view (tests): <paramref name="show"/> displays the progress and returns where updates go.</summary>
    internal static TrainingProgress Start(int totalSteps, string title, int? totalEpochs, TimeProvider time, Func<TrainingProgress, IProgressView> show)
    {
        var progress = new TrainingProgress(totalSteps, title, totalEpochs, time);
        progress.view = show(progress);
        return progress;
    }

    /// <summary>Records that <paramref name="step"/> steps are done with this loss, and refreshes the display (at most about 4 times a second).</summary>
    /// <param name="step">The steps completed so far, 0 to <see cref="TotalSteps"/>.</param>
    /// <param name="loss">The loss of the latest step (kept for the curve).</param>
    /// <param name="epoch">The current epoch, or null to keep the last one.</param>
    public void Report(int step, float loss, int? epoch = null)
    {
        if (epoch is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "TrainingProgress.Report: epoch must not be negative");
        }

        TimeSpan now;
        lock (gate)
        {
            if (finishedAfter is not null)
            {
                throw new InvalidOperationException($"TrainingProgress.Report: '{Title}' is finished; start a new progress for another run");
            }

            if (step < 0 || step > TotalSteps)
            {
                throw new ArgumentOutOfRangeException(nameof(step), step, $"TrainingProgress.Report: step {step} is outside 0..{TotalSteps} (totalSteps)");
            }

            this.step = step;
            this.epoch = epoch ?? this.epoch;
            history.Add((step, loss));
            movingAverage = (SmoothingBeta * movingAverage) + ((1 - SmoothingBeta) * loss);
            now = time.GetElapsedTime(startTimestamp);
        }

        view.Report(this, now);
    }

    /// <summary>Stops the clock and shows the final state (in a notebook, in place; on a console, ending the line).</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (finishedAfter is not null)
            {
                return;
            }

            finishedAfter = time.GetElapsedTime(startTimestamp);
        }

        view.Finish(this);
    }

    /// <summary>
    /// The progress as one line:
    /// <c>training [████░░░░░░░░░░░░░░░░] 20/100 · epoch 1/5 · loss 0.5000 · smoothed 0.5200 · 2.50 step/s · elapsed 00:08 · ETA 00:32</c>.
    /// </summary>
    public override string ToString()
    {
        var figures = Capture();
        var text = new StringBuilder(Title).Append(' ').Append(Bar(figures.Step)).Append(' ').Append(StepText(figures.Step));
        foreach (var part in Stats(figures))
        {
            text.Append(" · ").Append(part);
        }

        return text.ToString();
    }

    /// <summary>A card with the same figures, a progress bar and the loss curve (inline SVG).</summary>
    public string ToHtml()
    {
        var figures = Capture();
        (int, float)[] points;
        lock (gate)
        {
            points = [.. history];
        }

        var percent = 100.0 * figures.Step / TotalSteps;
        var html = new StringBuilder("<div class=\"attend-progress\" style=\"font-family:sans-serif;font-size:13px;max-width:560px\">");
        html.Append("<div><b>").Append(HtmlText.Encode(Title)).Append("</b> ").Append(StepText(figures.Step)).Append("</div>");
        html.Append("<div style=\"background:#e5e5e5;height:8px;border-radius:4px;margin:4px 0\">")
            .Append("<div style=\"width:").Append(percent.ToString("0.0", CultureInfo.InvariantCulture))
            .Append("%;height:8px;border-radius:4px;background:").Append(figures.Finished ? "#54a24b" : "#4c78a8").Append("\"></div></div>");
        html.Append("<div style=\"color:#444\">").Append(HtmlText.Encode(string.Join(" · ", Stats(figures)))).Append("</div>");
        html.Append(LossCurve.Svg(points));
        return html.Append("</div>").ToString();
    }

    /// <summary>A loss as the display writes it: 4 decimals, or scientific notation when very small or very large.</summary>
    internal static string FormatLoss(double loss)
    {
        if (!double.IsFinite(loss))
        {
            return double.IsNaN(loss) ? "nan" : loss > 0 ? "inf" : "-inf";
        }

        var magnitude = Math.Abs(loss);
        return magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e5)
            ? loss.ToString("0.0000", CultureInfo.InvariantCulture)
            : loss.ToString("0.000e+00", CultureInfo.InvariantCulture);
    }

    /// <summary>A duration as mm:ss, or h:mm:ss from an hour on, rounded to the second.</summary>
    internal static string FormatDuration(TimeSpan duration)
    {
        var seconds = (long)Math.Round(Math.Max(0, duration.TotalSeconds));
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}"
            : $"{seconds / 60:00}:{seconds % 60:00}";
    }

    private string StepText(int step) => $"{step}/{TotalSteps} ({100 * step / TotalSteps}%)";

    private string Bar(int step)
    {
        var filled = BarWidth * step / TotalSteps;
        return "[" + new string('█', filled) + new string('░', BarWidth - filled) + "]";
    }

    /// <summary>The figures after the step count: epoch, losses, speed, times.</summary>
    private List<string> Stats(Figures figures)
    {
        var parts = new List<string>();
        if (figures.Epoch is { } epochNow)
        {
            parts.Add(TotalEpochs is { } epochs ? $"epoch {epochNow}/{epochs}" : $"epoch {epochNow}");
        }

        if (figures.Loss is { } loss)
        {
            parts.Add("loss " + FormatLoss(loss));
            parts.Add("smoothed " + FormatLoss(figures.Smoothed!.Value));
        }

        var rate = figures.StepsPerSecond;
        if (rate > 0)
        {
            parts.Add(rate >= 1
                ? rate.ToString("0.00", CultureInfo.InvariantCulture) + " step/s"
                : (1 / rate).ToString("0.00", CultureInfo.InvariantCulture) + " s/step");
        }

        if (figures.Finished)
        {
            parts.Add("done in " + FormatDuration(figures.Elapsed));
        }
        else
        {
            parts.Add("elapsed " + FormatDuration(figures.Elapsed));
            parts.Add(figures.Eta is { } eta ? "ETA " + FormatDuration(eta) : "ETA unknown");
        }

        return parts;
    }

    /// <summary>Every figure at one instant, so that a line never mixes two moments.</summary>
    private Figures Capture()
    {
        lock (gate)
        {
            var smoothed = history.Count > 0 ? movingAverage / (1 - Math.Pow(SmoothingBeta, history.Count)) : (double?)null;
            var loss = history.Count > 0 ? history[^1].Loss : (float?)null;
            return new Figures(TotalSteps, step, epoch, loss, smoothed, finishedAfter ?? time.GetElapsedTime(startTimestamp), finishedAfter is not null);
        }
    }

    /// <summary>The state at one instant and what follows from it.</summary>
    private readonly record struct Figures(int TotalSteps, int Step, int? Epoch, float? Loss, double? Smoothed, TimeSpan Elapsed, bool Finished)
    {
        public double StepsPerSecond => Elapsed.TotalSeconds > 0 ? Step / Elapsed.TotalSeconds : 0;

        public TimeSpan? Eta => Finished || Step == TotalSteps
            ? TimeSpan.Zero
            : StepsPerSecond > 0 ? TimeSpan.FromSeconds((TotalSteps - Step) / StepsPerSecond) : null;
    }
}
