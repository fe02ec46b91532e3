using Attend.Data;
using Attend.NeuralProgrammer;
using Attend.NeuralProgrammer.Recipes;
using static Attend.Tests.NnTestHelpers;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>The neural programmer's model, loss, gradient noise and the program executor behind the synthetic data (Chapter 9).</summary>
public class NeuralProgrammerModelTests
{
    private static readonly Vocabulary Words = Vocabulary.FromTokens(["how", "many", "sum", "of", "a", "b", "greater", "than", TableQuestion.NumberToken]);

    /// <summary>Two small questions: 3 rows × 2 columns and 2 rows × 2 columns (so the batch pads a row).</summary>
    private static TableBatch TinyBatch() => TableBatch.From(
    [
        new TableQuestion("q0", new float?[,] { { 3, 10 }, { 7, 20 }, { 5, null } }, [["a"], ["b"]],
            ["sum", "of", "b", "a", "greater", "than", TableQuestion.NumberToken], [4f], [6], 30f, null),
        new TableQuestion("q1", new float?[,] { { 1, 2 }, { 8, 6 } }, [["b"], ["a"]],
            ["how", "many"], [], [], null, new bool[,] { { false, true }, { false, false } }),
    ], Words);

    /// <summary>Overwrites every parameter with draws from the test's own generator (the constructor drew from the shared default one).</summary>
    private static NeuralProgrammer.NeuralProgrammer Tiny(int steps, long seed)
    {
        var model = new NeuralProgrammer.NeuralProgrammer(Words.Count, hidden_size: 3, steps: steps);
        var g = new Generator(seed);
        using var _ = torch.no_grad();
        foreach (var p in model.parameters())
        {
            var values = new float[p.numel()];
            g.FillNormal(values, 0, 0.5f);
            p.copy_(torch.tensor(values, p.shape));
        }

        return model;
    }

    [Fact]
    public void BatchPadsRowsColumnsWordsAndNumbers()
    {
        var batch = TinyBatch();
        Is([2, 3, 2], [3, 10, 7, 20, 5, 0, 1, 2, 8, 6, 0, 0], batch.Table);
        Is([2, 3, 2], [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0], batch.Cells);
        Is([2, 3], [1, 1, 1, 1, 1, 0], batch.RowMask);
        Is([2, 7], [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], batch.WordMask);
        // q1 has no number: slot 0 holds 0 and stays attendable.
        Is([2, 1], [4, 0], batch.Numbers);
        Is([2, 1], [1, 1], batch.NumberMask);
        Is([2, 1], [6, 0], batch.NumberPositions);
        // q0 names column 1 ("b") at word 2 and column 0 ("a") at word 3; q1 names no column.
        Is([2, 7, 2], [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], batch.WordColumnMatch);
        Is([2], [30, 0], batch.Scalar);
        Is([2], [0, 1], batch.IsLookup);
        Is([2, 3, 2], [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0], batch.Lookup);
    }

    [Fact]
    public void ForwardReturnsTheChoicesAndRowSelectorOfEveryStep()
    {
        var model = Tiny(steps: 4, seed: 1);
        var batch = TinyBatch();
        var output = model.call(batch);
        Assert.Equal([2, 4, Operations.Count], output.Operations.shape);
        Assert.Equal([2, 4, 2], output.Columns.shape);
        Assert.Equal([2, 4, 3], output.Rows.shape);
        Assert.Equal([2], output.Scalar.shape);
        Assert.Equal([2, 3, 2], output.Lookup.shape);
        Values(Enumerable.Repeat(1f, 8).ToArray(), output.Operations.sum(2), 1e-5f);
        Values(Enumerable.Repeat(1f, 8).ToArray(), output.Columns.sum(2), 1e-5f);
        Assert.All(output.Rows.ToArray(), r => Assert.InRange(r, 0f, 1f + 1e-5f));
        // q1's padding row is never selected.
        Assert.All(output.Rows.select(0, 1).select(1, 2).ToArray(), r => Assert.Equal(0f, r));
        // The pivot of a question without numbers is 0; q0's only number is 4.
        Is([2, 2], [4, 4, 0, 0], output.Pivots, 1e-5f);
    }

    [Fact]
    public void EvaluationRunsTheMostLikelyProgramWithHardChoices()
    {
        var model = Tiny(steps: 3, seed: 4);
        var batch = TinyBatch();
        var soft = model.call(batch);
        model.eval();
        var hard = model.call(batch);
        // The reported choices are soft distributions; the rows, scalar and lookup come from their arg-maxes. Step 1
        // sees the same inputs in both modes (later steps' history RNN reads the hard choices, so they differ).
        Values(soft.Operations.select(1, 0).ToArray(), hard.Operations.select(1, 0), 1e-6f);
        Values(soft.Columns.select(1, 0).ToArray(), hard.Columns.select(1, 0), 1e-6f);
        Values(Enumerable.Repeat(1f, 6).ToArray(), hard.Operations.sum(2), 1e-5f);
        // 0 or 1 up to the 1e-6 floor of the log-domain products (first, last, max, min).
        static bool ZeroOrOne(float v) => Math.Abs(v) < 1e-5f || Math.Abs(v - 1f) < 1e-5f;
        Assert.All(hard.Rows.ToArray(), r => Assert.True(ZeroOrOne(r), $"hard row selector {r}"));
        Assert.All(hard.Lookup.ToArray(), p => Assert.True(ZeroOrOne(p), $"hard lookup {p}"));
        // Executing the arg-max program with plain arrays gives the same answer (q0 has one number, so the pivot is it).
        var ops = hard.Operations.argmax(2).ToArray();
        var cols = hard.Columns.argmax(2).ToArray();
        for (var i = 0; i < batch.Count; i++)
        {
            var q = batch.Questions[i];
            var steps = Enumerable.Range(0, 3).Select(t => new ProgramStep((Operation)(int)ops[(i * 3) + t], (int)cols[(i * 3) + t])).ToArray();
            var numbers = q.Numbers.Length > 0 ? q.Numbers : [0f];
            for (var k = 1; k <= steps.Length; k++)
            {
                // The rows selected after step k, counted by the executor: run the first k steps, then count.
                var (count, _) = new TableProgram([.. steps[..k], new ProgramStep(Operation.Count)]).Execute(q.Cells, numbers);
                Assert.Equal(count!.Value, hard.Rows[i, k - 1].sum().item(), 4);
            }

            if (steps[^1].Op is Operation.Count or Operation.Sum or Operation.Average)
            {
                Assert.Equal(new TableProgram(steps).Execute(q.Cells, numbers).Scalar!.Value, hard.Scalar[i].item(), 4);
            }
            else
            {
                Assert.Equal(0f, hard.Scalar[i].item());
            }
        }

        // hard_at_eval = false keeps evaluation soft.
        model.hard_at_eval = false;
        Values(soft.Rows.ToArray(), model.call(batch).Rows, 1e-6f);
    }

    [Fact]
    public void StraightThroughTrainsTheHardProgramWithSoftGradients()
    {
        var model = Tiny(steps: 3, seed: 5);
        var batch = TinyBatch();
        model.eval();
        var hard = model.call(batch);
        model.train();
        model.straight_through = true;
        var straight = model.call(batch);
        // Forward: exactly the program evaluation runs (one-hot choices, hard pivots).
        Values(hard.Rows.ToArray(), straight.Rows, 1e-5f);
        Values(hard.Scalar.ToArray(), straight.Scalar, 1e-4f);
        Values(hard.Lookup.ToArray(), straight.Lookup, 1e-5f);
        // Backward: the gradient reaches the selectors' weights through the soft distributions.
        straight.Scalar.sum().add(straight.Lookup.sum()).backward();
        var named = model.named_parameters().ToDictionary(p => p.Item1, p => p.Item2);
        var reached = named.Where(p => p.Value.grad is { } g && g.abs().sum().item() > 0).Select(p => p.Key).ToList();
        Assert.Contains(reached, n => n.Contains("selectOperation", StringComparison.Ordinal));
        Assert.Contains(reached, n => n.Contains("selectColumn", StringComparison.Ordinal));
        // Off again, training is soft: the rows differ from the hard ones.
        model.straight_through = false;
        Assert.True(model.call(batch).Rows.sub(hard.Rows).abs().max().item() > 1e-3f);
    }

    [Fact]
    public void TheAnswerKindLogitIsThatOfPrintingAtTheLastStep()
    {
        var model = Tiny(steps: 2, seed: 7);
        var batch = TinyBatch();
        var (_, _, kinds, logit, _) = ProgrammerTraining.Of(model)(batch);
        var print = model.call(batch).Operations.select(1, 1).select(1, (int)Operation.Print).ToArray();
        // logit = log(p / (1 − p)) of print at step T, by hand.
        Values(print.Select(p => (float)Math.Log(p / (1 - p))).ToArray(), logit!, 1e-4f);
        Assert.Equal(kinds(), ProgrammerAnswers.PredictsLookup(model.call(batch)));
        // It has a gradient (the training loop adds its cross-entropy with the answer's kind).
        torch.nn.functional.binary_cross_entropy_with_logits(logit!, batch.IsLookup).backward();
        Assert.Contains(model.named_parameters(), p => p.Item1.Contains("selectOperation", StringComparison.Ordinal) && p.Item2.grad is { } g && g.abs().sum().item() > 0);
    }

    [Fact]
    public void AnswerStepsKeepTheRowsTheyWereGiven()
    {
        var cells = new float?[,] { { 3, 10 }, { 7, 20 }, { 5, null }, { 1, 40 } };
        // greater(c0, 4) selects rows 1 and 2; count (2) keeps them; sum(c1) over them = 20 (row 2's cell is empty).
        var program = new TableProgram([new(Operation.Greater, 0, 0), new(Operation.Count), new(Operation.Sum, 1)]);
        Assert.Equal(20f, program.Execute(cells, [4f]).Scalar);
        // print keeps them too: greater → print(c0) → count = 2.
        Assert.Equal(2f, new TableProgram([new(Operation.Greater, 0, 0), new(Operation.Print, 0), new(Operation.Count)]).Execute(cells, [4f]).Scalar);

        // The model, by hand: one step whose choice is half count and half reset keeps ½·rs_0 + ½·1 = every row.
        var model = Tiny(steps: 1, seed: 6);
        var batch = TinyBatch();
        var output = model.call(batch);
        var a = output.Operations.select(1, 0); // [B, ops]
        var keep = a.select(1, (int)Operation.Count).add(a.select(1, (int)Operation.Sum)).add(a.select(1, (int)Operation.Average))
            .add(a.select(1, (int)Operation.Print)).add(a.select(1, (int)Operation.Reset)).unsqueeze(1).mul(batch.RowMask);
        // Every other operation's share is at most its weight per row, so the row selector is at least what the kept share gives.
        Assert.All(output.Rows.select(1, 0).sub(keep).ToArray(), v => Assert.True(v >= -1e-5f, $"row selector below its kept share by {-v}"));
    }

    [Fact]
    public void GradcheckThroughOneTimestepWrtEveryParameter()
    {
        // Two steps, so that step 1's row selector (every row operation) feeds step 2's scalar and lookup answers;
        // the row selectors, scalar and lookup of both steps enter the checked output.
        var model = Tiny(steps: 2, seed: 2);
        var batch = TinyBatch();
        GradCheckModule(model, [], _ =>
        {
            var o = model.call(batch);
            return torch.cat([o.Scalar.div(10f), o.Lookup.reshape(-1), o.Rows.reshape(-1), o.Operations.reshape(-1), o.Columns.reshape(-1)]);
        }, eps: 3e-3f);
    }

    [Fact]
    public void LossIsHuberForScalarsAndCrossEntropyForLookupsByHand()
    {
        // Huber δ = 2: |a| = 1 → ½; |a| = 5 → 2·5 − 2 = 8.
        Values([0.5f, 8f, 8f], ProgrammerLoss.Huber(T([1f, -5f, 5f], 3), 2f));
        var batch = TinyBatch();
        // q0 (scalar 30): answer 27 → Huber_10(−3) = 4.5. q1 (lookup, 2 real rows × 2 columns, target cell (0, 1)):
        // p = 0.5 on every cell → each cell costs log 2, mean log 2; padding row ignored.
        var scalar = T([27f, 123f], 2);
        var lookup = torch.full([2, 3, 2], 0.5f);
        var (total, s, l) = ProgrammerLoss.Compute(scalar, lookup, batch, delta: 10f, lambda: 2f);
        Assert.Equal(4.5f, s, 4);
        Assert.Equal(MathF.Log(2), l, 4);
        Assert.Equal((4.5f + (2 * MathF.Log(2))) / 2, total.item(), 4);
        // Relative: (27 − 30) / 30 = −0.1 → Huber_1 = 0.005.
        Assert.Equal(0.005f, ProgrammerLoss.Compute(scalar, lookup, batch, delta: 1f, lambda: 2f, relative: true).Scalar, 5);
        // Relative with scale 10: divide by max(1, 30/10) = 3 → a = −1 → Huber_2 = ½; scale 100 keeps the raw −3 → 2·3 − 2 = 4.
        Assert.Equal(0.5f, ProgrammerLoss.Compute(scalar, lookup, batch, delta: 2f, lambda: 2f, relative: true, relativeScale: 10f).Scalar, 5);
        Assert.Equal(4f, ProgrammerLoss.Compute(scalar, lookup, batch, delta: 2f, lambda: 2f, relative: true, relativeScale: 100f).Scalar, 5);
        // Symmetric: relative to the larger of answer and target. 27 vs 30 is still −3/30; 210 (7×) vs 30 is 180/210 and
        // 30/7 vs 30 is −(180/7)/30: the same size both ways (relative to the target alone: 6 and −0.857).
        Assert.Equal(0.005f, ProgrammerLoss.Compute(scalar, lookup, batch, delta: 1f, lambda: 2f, relative: true, symmetric: true).Scalar, 5);
        var over = ProgrammerLoss.Compute(T([210f, 0f], 2), lookup, batch, delta: 1f, lambda: 2f, relative: true, symmetric: true).Scalar;
        var under = ProgrammerLoss.Compute(T([30f / 7, 0f], 2), lookup, batch, delta: 1f, lambda: 2f, relative: true, symmetric: true).Scalar;
        Assert.Equal(0.5f * (6f / 7) * (6f / 7), over, 4);
        Assert.Equal(over, under, 4);
        Assert.Equal(5.5f, ProgrammerLoss.Compute(T([210f, 0f], 2), lookup, batch, delta: 1f, lambda: 2f, relative: true).Scalar, 4);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => ProgrammerLoss.Compute(scalar, lookup, batch, relative: true, relativeScale: 0f));
        Assert.Equal("relativeScale", bad.ParamName);
        Throws(() => ProgrammerLoss.Compute(T([1f], 1), lookup, batch), "ProgrammerLoss", "scalar", "[2]", "[1]");
        Throws(() => ProgrammerLoss.Compute(scalar, torch.zeros(2, 2, 2), batch), "ProgrammerLoss", "lookup", "[2, 3, 2]", "[2, 2, 2]");
    }

    [Fact]
    public void GradientNoiseIsAnnealedAndSeeded()
    {
        var noise = new GradientNoise(0.3, new Generator(5));
        Assert.Equal(Math.Sqrt(0.3), noise.Sigma(0), 10);
        Assert.Equal(Math.Sqrt(0.3 / Math.Pow(11, 0.55)), noise.Sigma(10), 10);
        Tensor[] Noisy(long seed)
        {
            var p = torch.zeros([1000], requires_grad: true);
            p.grad = torch.zeros(1000);
            var n = new GradientNoise(0.3, new Generator(seed));
            n.Add([p]);
            var first = p.grad.clone();
            n.Add([p]);
            return [first, p.grad.sub(first)];
        }

        var (a, b) = (Noisy(7), Noisy(7));
        Assert.Equal(a[0].ToArray(), b[0].ToArray());
        // Step 0 has σ² = 0.3, step 1 σ² = 0.3 / 2^0.55.
        Assert.Equal(0.3, a[0].var().item(), 0.05);
        Assert.Equal(0.3 / Math.Pow(2, 0.55), a[1].var().item(), 0.05);
    }

    [Fact]
    public void SoftOperationsWithHardChoicesReproduceTheExecutedPrograms()
    {
        // The generator's answers come from TableProgram.Execute (plain arrays); running the same programs with the
        // library's tensor operations and one-hot choices must give the same answers.
        var questions = SyntheticTables.Generate(300, new Generator(11));
        foreach (var q in questions)
        {
            var batch = TableBatch.From([q], Vocabulary.FromTokens(["x"]));
            var steps = ParseProgram(q);
            Tensor rs1 = batch.RowMask, rs2 = batch.RowMask, scalar = torch.zeros(1), lookup = torch.zeros(1, q.Rows, q.Columns);
            foreach (var step in steps)
            {
                var e = torch.one_hot(torch.tensor(new[] { step.Column }), q.Columns); // [1, C]
                Tensor ByColumn(Tensor perColumn) => perColumn.mul(e.unsqueeze(1)).sum(2);
                var pivot = batch.Numbers.select(1, Math.Min(step.Pivot, batch.Numbers.size(1) - 1));
                var rs = torch.zeros(1, q.Rows);
                switch (step.Op)
                {
                    case Operation.Count: scalar = TableOperations.Count(rs1); break;
                    case Operation.Sum: scalar = TableOperations.Sum(batch.Table, batch.Cells, rs1).mul(e).sum(1); break;
                    case Operation.Average: scalar = TableOperations.Average(batch.Table, batch.Cells, rs1).mul(e).sum(1); break;
                    case Operation.Greater: rs = ByColumn(TableOperations.Greater(batch.Table, batch.Cells, pivot)); break;
                    case Operation.Lesser: rs = ByColumn(TableOperations.Lesser(batch.Table, batch.Cells, pivot)); break;
                    case Operation.And: rs = TableOperations.And(rs1, rs2); break;
                    case Operation.Or: rs = TableOperations.Or(rs1, rs2); break;
                    case Operation.Max: rs = ByColumn(TableOperations.Max(batch.Table, batch.Cells, rs1)); break;
                    case Operation.Min: rs = ByColumn(TableOperations.Min(batch.Table, batch.Cells, rs1)); break;
                    case Operation.First: rs = TableOperations.First(rs1); break;
                    case Operation.Last: rs = TableOperations.Last(rs1); break;
                    case Operation.Reset: rs = TableOperations.Reset(batch.RowMask); break;
                    case Operation.Print: lookup = TableOperations.Print(rs1, e); break;
                }

                (rs2, rs1) = (rs1, rs);
            }

            if (q.Scalar is float y)
            {
                Assert.True(Math.Abs(scalar.item() - y) < 1e-3, $"{q.Text} [{q.Program}]: {scalar.item()} vs {y}");
            }
            else
            {
                var p = lookup.ToArray();
                for (var r = 0; r < q.Rows; r++)
                {
                    for (var j = 0; j < q.Columns; j++)
                    {
                        Assert.Equal(q.Lookup![r, j], p[(r * q.Columns) + j] > 0.5f);
                    }
                }
            }
        }
    }

    /// <summary>Reads back "greater(price, n0) → sum(score)" into steps, with the question's column names.</summary>
    private static List<ProgramStep> ParseProgram(TableQuestion q)
    {
        var names = q.ColumnNames.Select(n => n[0]).ToList();
        var steps = new List<ProgramStep>();
        foreach (var part in q.Program!.Split(" → "))
        {
            var open = part.IndexOf('(', StringComparison.Ordinal);
            var op = Enum.Parse<Operation>(open < 0 ? part : part[..open], ignoreCase: true);
            if (open < 0)
            {
                steps.Add(new ProgramStep(op));
                continue;
            }

            var args = part[(open + 1)..^1].Split(", ");
            steps.Add(new ProgramStep(op, names.IndexOf(args[0]), args.Length > 1 ? int.Parse(args[1][1..], System.Globalization.CultureInfo.InvariantCulture) : 0));
        }

        return steps;
    }

    [Fact]
    public void ProgramExecutorByHandAndErrors()
    {
        var cells = new float?[,] { { 3, 10 }, { 7, 20 }, { 5, null }, { 1, 40 } };
        // greater(c0, 4) → lesser(c1, 30) → and → sum(c1): rows 1, 2 ∧ rows 0, 1 (row 2 empty) = row 1 → 20
        var program = new TableProgram([new(Operation.Greater, 0, 0), new(Operation.Lesser, 1, 1), new(Operation.And), new(Operation.Sum, 1)]);
        Assert.Equal(20f, program.Execute(cells, [4f, 30f]).Scalar);
        // max(c0) → print(c1): row 1 → cell (1, 1)
        var lookup = new TableProgram([new(Operation.Max, 0), new(Operation.Print, 1)]).Execute(cells, []).Lookup!;
        Assert.True(lookup[1, 1]);
        Assert.Equal(1, lookup.Cast<bool>().Count(v => v));
        Assert.Equal("greater(c0, n0) → lesser(c1, n1) → and → sum(c1)", program.Describe());
        Assert.Throws<InvalidOperationException>(() => new TableProgram([new(Operation.Reset)]).Execute(cells, []));
        Throws(() => new TableProgram([new(Operation.Sum, 5)]).Execute(cells, []), "column 5", "2 columns");
    }

    [Fact]
    public void SyntheticDataIsReproducibleAndBadArgumentsAreNamed()
    {
        var a = SyntheticTables.Generate(50, new Generator(3));
        var b = SyntheticTables.Generate(50, new Generator(3));
        Assert.Equal(a.Select(q => q.Text + q.Program + q.Scalar), b.Select(q => q.Text + q.Program + q.Scalar));
        Assert.True(a.Select(q => q.Program!.Split(' ')[0]).Distinct().Count() > 5);
        Assert.All(a, q => Assert.Equal(q.Numbers.Length, q.Words.Count(w => w == TableQuestion.NumberToken)));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticTables.Generate(5, new Generator(1), columns: 40));
        Assert.Contains("columns 40", e.Message, StringComparison.Ordinal);
        Throws(() => TableBatch.From([], Words), "TableBatch", "empty");
    }

    [Fact]
    public void DefaultDrawLeavesOutTheAverageTemplatesAndRepeatedTemplatesGetMoreShare()
    {
        // The default draw is the 12 templates the paper's operations can express: no program ends in average.
        var plain = SyntheticTables.Generate(600, new Generator(8));
        Assert.DoesNotContain(plain, q => q.Program!.Contains("average", StringComparison.Ordinal));
        Assert.Equal(12, SyntheticTables.PaperTemplates.Count);
        Assert.Equal([2, 5], SyntheticTables.AverageTemplates);
        // Asked for, the average templates are drawn (and only they).
        var averages = SyntheticTables.Generate(40, new Generator(8), templates: SyntheticTables.AverageTemplates);
        Assert.All(averages, q => Assert.Contains("average", q.Program!, StringComparison.Ordinal));
        // A template listed three times is drawn three times as often as one listed once: "or" (7, almost never redrawn)
        // against "how many rows" (0, never redrawn). Questions with nothing to say are drawn again from any template,
        // which changes every share a little but not this ratio.
        var mix = SyntheticTables.Generate(600, new Generator(9), templates: [.. SyntheticTables.PaperTemplates, 7, 7]);
        var ors = mix.Count(q => q.Program!.Contains("→ or →", StringComparison.Ordinal));
        var rows = mix.Count(q => q.Program! == "reset → count");
        Assert.InRange(ors / (double)rows, 2.0, 4.5);
    }

    [Fact]
    public void OrShortcutsAreDrawnAgainWhenAsked()
    {
        // Template 7 is "how many rows have a greater than x or c less than y": with redraw_or_shortcuts no kept question
        // is answered by one condition alone or by every row, and the template keeps all 200 questions.
        var questions = SyntheticTables.Generate(200, new Generator(5), templates: [7], redraw_or_shortcuts: true);
        Assert.Equal(200, questions.Count);
        foreach (var q in questions)
        {
            var program = q.Program!.Split(" → ");
            Assert.Equal(4, program.Length);
            int Count(Func<float, float, bool> keep, int column, float pivot) =>
                Enumerable.Range(0, q.Rows).Count(r => q.Cells[r, column] is float v && keep(v, pivot));
            var a = Array.FindIndex(q.ColumnNames, n => program[0].Contains($"({n[0]},", StringComparison.Ordinal));
            var c = Array.FindIndex(q.ColumnNames, n => program[1].Contains($"({n[0]},", StringComparison.Ordinal));
            var greater = Count((v, p) => v > p, a, q.Numbers[0]);
            var lesser = Count((v, p) => v < p, c, q.Numbers[1]);
            Assert.NotEqual((float)greater, q.Scalar);
            Assert.NotEqual((float)lesser, q.Scalar);
            Assert.NotEqual((float)q.Rows, q.Scalar);
        }

        // Without it (the default), such questions are kept: the data the chapter trains on.
        var plain = SyntheticTables.Generate(200, new Generator(5), templates: [7]);
        Assert.Contains(plain, q => q.Scalar == q.Rows);
    }
}
