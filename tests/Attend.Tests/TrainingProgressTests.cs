using Attend.Display;

namespace Attend.Tests;

/// <summary>The figures, the text, the throttled redraws and the loss curve of <see cref="TrainingProgress"/>, on a fake clock.</summary>
public class TrainingProgressTests
{
    private readonly FakeTime time = new();

    [Fact]
    public void RateIsStepsOverElapsedTimeAndEtaTheRemainingStepsAtThatRate()
    {
        var progress = Start(100, "fit", 5);
        time.Advance(TimeSpan.FromSeconds(4));
        progress.Report(10, 0.5f, epoch: 1);

        // 10 steps in 4 s = 2.5 step/s; 90 steps left / 2.5 = 36 s.
        Assert.Equal(2.5, progress.StepsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(36), progress.Eta);
        Assert.Equal(TimeSpan.FromSeconds(4), progress.Elapsed);
        Assert.Equal("fit [██░░░░░░░░░░░░░░░░░░] 10/100 (10%) · epoch 1/5 · loss 0.5000 · smoothed 0.5000 · 2.50 step/s · elapsed 00:04 · ETA 00:36",
            progress.ToString());

        // Slower than a step a second reads as seconds per step: 11 steps in 40 s.
        time.Advance(TimeSpan.FromSeconds(36));
        progress.Report(11, 0.25f);
        Assert.Contains("· epoch 1/5 · loss 0.2500 ·", progress.ToString());
        Assert.Contains("· 3.64 s/step · elapsed 00:40 · ETA 05:24", progress.ToString()); // 89 steps · 40/11 s = 323.6 s
    }

    [Fact]
    public void TheSmoothedLossIsABiasCorrectedMovingAverage()
    {
        var progress = Start(10);
        progress.Report(1, 2f);
        Assert.Equal(2.0, progress.SmoothedLoss!.Value, 12);

        // m = 0.98·(0.02·2) + 0.02·1 = 0.0592; divided by 1 − 0.98² = 0.0396.
        progress.Report(2, 1f);
        Assert.Equal(0.0592 / 0.0396, progress.SmoothedLoss!.Value, 12);
        Assert.Equal([2f, 1f], progress.Losses);
        Assert.Equal(1f, progress.Loss);
    }

    [Fact]
    public void BeforeTheFirstStepTheSpeedIsUnknownAndFinishFreezesTheClock()
    {
        var progress = Start(100, "fit");
        Assert.Equal("fit [░░░░░░░░░░░░░░░░░░░░] 0/100 (0%) · elapsed 00:00 · ETA unknown", progress.ToString());
        Assert.Null(progress.Eta);

        time.Advance(TimeSpan.FromSeconds(8));
        progress.Report(100, 0.125f);
        progress.Finish();
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(8), progress.Elapsed);
        Assert.Equal(TimeSpan.Zero, progress.Eta);
        Assert.EndsWith("100/100 (100%) · loss 0.1250 · smoothed 0.1250 · 12.50 step/s · done in 00:08", progress.ToString());
        Assert.Throws<InvalidOperationException>(() => progress.Report(100, 0f));
        progress.Finish(); // a second Finish changes nothing
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheAllowedRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Start(0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Start(10).Report(11, 1f));
        Assert.Contains("step 11 is outside 0..10", error.Message);
    }

    [Fact]
    public void NumbersAndDurationsAreFormattedForReading()
    {
        Assert.Equal("0.5000", TrainingProgress.FormatLoss(0.5));
        Assert.Equal("0.0000", TrainingProgress.FormatLoss(0));
        Assert.Equal("1.500e-05", TrainingProgress.FormatLoss(1.5e-5));
        Assert.Equal("1.235e+05", TrainingProgress.FormatLoss(123456));
        Assert.Equal("nan", TrainingProgress.FormatLoss(double.NaN));
        Assert.Equal("00:59", TrainingProgress.FormatDuration(TimeSpan.FromSeconds(59.4)));
        Assert.Equal("1:02:05", TrainingProgress.FormatDuration(TimeSpan.FromSeconds(3725)));
    }

    [Fact]
    public void OnATerminalOneLineIsRewrittenAtMostFourTimesASecond()
    {
        var console = new StringWriter { NewLine = "\n" };
        var progress = TrainingProgress.Start(10, "fit", null, time, _ => new ConsoleProgressView(console, redirected: false));
        var drawn = new List<string>();
        for (var step = 1; step <= 10; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            var before = console.ToString().Length;
            progress.Report(step, 1f / step);
            if (console.ToString().Length > before)
            {
                drawn.Add($"{step}/10");
            }
        }

        progress.Finish();

        // The first step is drawn at once, then only when 250 ms have passed since the last redraw: 0.3 s, 0.6 s, 0.9 s.
        Assert.Equal(["1/10", "3/10", "6/10", "9/10"], drawn);
        var text = console.ToString();
        Assert.StartsWith("\rfit [██░░", text);
        Assert.Equal(5, text.Count(c => c == '\r'));
        Assert.Equal(1, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text);
        Assert.Equal(progress.ToString(), text.Split('\r')[^1].TrimEnd('\n', ' ')); // padded over the longer line before it
    }

    [Fact]
    public void ARedirectedConsoleGetsAPlainLineEveryTenPercentAndTheFinalOne()
    {
        var log = new StringWriter { NewLine = "\n" };
        var progress = TrainingProgress.Start(50, "fit", null, time, _ => new ConsoleProgressView(log, redirected: true));
        for (var step = 1; step <= 50; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            progress.Report(step, 1f);
        }

        progress.Finish();

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', log.ToString());
        Assert.Equal(10, lines.Length);
        Assert.Contains(" 5/50 (10%) ", lines[0]);
        Assert.Contains(" 45/50 (90%) ", lines[8]);
        Assert.EndsWith("done in 00:01", lines[9]);
    }

    [Fact]
    public void InANotebookTheDisplayIsUpdatedAtMostFourTimesASecondAndAtTheEnd()
    {
        var updates = new List<string>();
        var progress = TrainingProgress.Start(10, "fit", null, time, p => new NotebookProgressView(value => updates.Add(value.ToString()!), p.Elapsed));
        for (var step = 1; step <= 10; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            progress.Report(step, 1f);
        }

        progress.Finish();

        Assert.Equal(4, updates.Count); // 0.3 s, 0.6 s, 0.9 s, then Finish
        Assert.Contains(" 3/10 (30%) ", updates[0]);
        Assert.EndsWith("done in 00:01", updates[3]);
        Assert.Null(NotebookProgressView.FindDisplay()); // no kernel in this test process: Start falls back to the console
    }

    [Fact]
    public void ForAHostThatAppendsUpdatesTheDisplayIsUpdatedOnlyAtEachNewTenthAndAtTheEnd()
    {
        // dotnet repl saves every update as a new output: 100 steps at 4 updates a second would leave dozens of frames.
        var updates = new List<string>();
        var progress = TrainingProgress.Start(100, "fit", null, time, p => new NotebookProgressView(value => updates.Add(value.ToString()!), p.Elapsed, everyTenPercent: true));
        for (var step = 1; step <= 100; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            progress.Report(step, 1f);
        }

        progress.Finish();

        Assert.Equal(10, updates.Count); // 10 %, 20 %, ..., 90 %, then Finish
        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => $" {10 * i}/100 ({10 * i}%) ")], updates.Take(9).Select(u => u[u.IndexOf(' ', 4)..(u.IndexOf(')') + 2)]));
        Assert.Contains(" 100/100 (100%) ", updates[9]);
        Assert.EndsWith("done in 00:50", updates[9]);
    }

    [Fact]
    public void TheLossCurveIsAPolylineOnALogAxisWhenLossesSpanMoreThanTwoDecades()
    {
        Assert.True(LossCurve.UsesLogScale([10f, 0.05f]));    // 200×
        Assert.False(LossCurve.UsesLogScale([1f, 0.02f]));    // 50×
        Assert.False(LossCurve.UsesLogScale([10f, 0f, 0.01f])); // a zero has no logarithm

        Assert.Equal("", LossCurve.Svg([(1, 1f)]));

        // Linear: step 1 → x 52 (left edge), step 3 → x 352 (right edge); loss 1 → y 6 (top), loss 0.5 → y 74 (bottom).
        var linear = LossCurve.Svg([(1, 1f), (3, 0.5f)]);
        Assert.Contains("points=\"52,6 352,74\"", linear);
        Assert.DoesNotContain("log scale", linear);

        // Log: log10 of 100, 10, 0.1 is 2, 1, −1, so loss 10 sits a third of the way down the 68 px plot: 6 + 22.7.
        var log = LossCurve.Svg([(1, 100f), (2, 10f), (3, 0.1f), (4, float.NaN)]);
        Assert.Contains("points=\"52,6 202,28.7 352,74\"", log);
        Assert.Contains("loss (log scale) · step 1–3", log);
    }

    [Fact]
    public void LongHistoriesAreAveragedDownToAFewHundredPoints()
    {
        var history = Enumerable.Range(1, 1000).Select(i => (i, (float)i)).ToList();

        var points = LossCurve.Downsample(history);

        Assert.Equal(250, points.Count); // groups of 4
        Assert.Equal((2.5, 2.5), points[0]);
        Assert.Equal((998.5, 998.5), points[^1]);
    }

    [Fact]
    public void TheHtmlCardHasTheBarTheFiguresAndTheCurve()
    {
        var progress = Start(10, "a <b> run");
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Report(1, 2f);
        progress.Report(2, 1f);

        var html = progress.ToHtml();

        Assert.Contains("<b>a &lt;b&gt; run</b> 2/10 (20%)", html);
        Assert.Contains("width:20.0%", html);
        Assert.Contains("loss 1.0000 · smoothed 1.4949 · 2.00 step/s · elapsed 00:01 · ETA 00:04", html);
        Assert.Contains("<polyline", html);
    }

    [Fact]
    public void UnderTheRunnerTheNotebookOutputIsEchoedToItsConsoleEveryTenPercentOrThirtySeconds()
    {
        // 1,000 steps of 0.5 s: 10 % takes 50 s, so the 30 s limit adds lines between the 10 % ones.
        var updates = new List<string>();
        var runner = new StringWriter { NewLine = "\n" };
        var echoAt = new List<double>();
        var progress = TrainingProgress.Start(1000, "fit", null, time, p =>
            TrainingProgress.ChooseView(new NotebookProgressView(v => updates.Add(v.ToString()!), p.Elapsed), runner, TextWriter.Null, consoleRedirected: false));
        for (var step = 1; step <= 1000; step++)
        {
            time.Advance(TimeSpan.FromSeconds(0.5));
            var before = runner.ToString().Length;
            progress.Report(step, 1f);
            if (runner.ToString().Length > before)
            {
                echoAt.Add(step * 0.5);
            }
        }

        progress.Finish();

        // Lines at 30 s (step 60), 50 s (10 %), 80 s (30 s later), 100 s (20 %), ... never 30 s apart or more.
        Assert.Equal([30, 50, 80, 100, 130, 150], echoAt.Take(6));
        Assert.All(echoAt.Zip(echoAt.Skip(1)), pair => Assert.True(pair.Second - pair.First <= 30));
        var lines = runner.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(echoAt.Count + 1, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("        fit [", line)); // indented under the runner's cell lines
        Assert.Contains(" 60/1000 (6%) ", lines[0]);
        Assert.Contains(" 100/1000 (10%) ", lines[1]);
        Assert.EndsWith("done in 08:20", lines[^1]);
        Assert.DoesNotContain('\r', runner.ToString());

        // The notebook output is updated as before: throttled, and its final state.
        Assert.Equal(progress.ToString(), updates[^1]);
    }

    [Fact]
    public void OutsideTheRunnerTheNotebookOutputIsTheOnlyViewAndOutsideANotebookTheConsole()
    {
        var notebook = new NotebookProgressView(_ => { }, TimeSpan.Zero);
        Assert.Same(notebook, TrainingProgress.ChooseView(notebook, null, TextWriter.Null, consoleRedirected: true));
        Assert.IsType<TeeProgressView>(TrainingProgress.ChooseView(notebook, new StringWriter(), TextWriter.Null, consoleRedirected: true));
        Assert.IsType<ConsoleProgressView>(TrainingProgress.ChooseView(null, new StringWriter(), TextWriter.Null, consoleRedirected: true));
    }

    private TrainingProgress Start(int totalSteps, string title = "training", int? totalEpochs = null) =>
        TrainingProgress.Start(totalSteps, title, totalEpochs, time, _ => IProgressView.None);

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class FakeTime : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
