using Attend.NeuralProgrammer;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>
/// Every operation of the neural programmer on one hand-made 4-row table with a soft row selector, each value worked
/// out by hand in the comments (Chapter 9, §9.2).
/// </summary>
public class NeuralProgrammerOperationTests
{
    // Column 0: 3, 7, 5, 1. Column 1: 10, 20, (empty), 40.
    private static readonly Tensor Table = T([3, 10, 7, 20, 5, 0, 1, 40], 1, 4, 2);
    private static readonly Tensor Cells = T([1, 1, 1, 1, 1, 0, 1, 1], 1, 4, 2);
    private static readonly Tensor Rows = T([1f, 0.5f, 0.25f, 0f], 1, 4);

    [Fact]
    public void ScalarOperationsByHand()
    {
        // count = 1 + 0.5 + 0.25 + 0 = 1.75
        Values([1.75f], TableOperations.Count(Rows));
        // sum: column 0 = 3·1 + 7·0.5 + 5·0.25 + 1·0 = 7.75; column 1 = 10 + 10 + (empty) + 0 = 20
        Is([1, 2], [7.75f, 20f], TableOperations.Sum(Table, Cells, Rows));
        // average: 7.75 / 1.75; column 1 counts only its non-empty selected cells: 20 / (1 + 0.5) = 13.333
        Is([1, 2], [7.75f / 1.75f, 20f / 1.5f], TableOperations.Average(Table, Cells, Rows), 1e-4f);
        // Nothing selected: 0, not 0/0.
        Is([1, 2], [0f, 0f], TableOperations.Average(Table, Cells, torch.zeros(1, 4)));
    }

    [Fact]
    public void ComparisonsByHand()
    {
        // greater than 4: column 0 → 0, 1, 1, 0; column 1 → 1, 1, (empty) 0, 1
        Is([1, 4, 2], [0, 1, 1, 1, 1, 0, 0, 1], TableOperations.Greater(Table, Cells, T([4f], 1)));
        // less than 25: column 0 → all; column 1 → 1, 1, (empty) 0, 0
        Is([1, 4, 2], [1, 1, 1, 1, 1, 0, 1, 0], TableOperations.Lesser(Table, Cells, T([25f], 1)));
    }

    [Fact]
    public void ComparisonsWithASoftChoiceOfPivotByHand()
    {
        // Numbers 4 and 25, attention β = (0.25, 0.75). greater: 0.25·[T > 4] + 0.75·[T > 25].
        // Column 0 (3, 7, 5, 1): > 4 → 0, 1, 1, 0; > 25 → none: 0, 0.25, 0.25, 0.
        // Column 1 (10, 20, –, 40): > 4 → 1, 1, 0, 1; > 25 → 0, 0, 0, 1: 0.25, 0.25, 0, 1.
        var numbers = T([4f, 25f], 1, 2);
        var beta = T([0.25f, 0.75f], 1, 2);
        Is([1, 4, 2], [0, 0.25f, 0.25f, 0.25f, 0.25f, 0, 0, 1], TableOperations.Greater(Table, Cells, numbers, beta));
        // lesser: 0.25·[T < 4] + 0.75·[T < 25]. Column 0: < 4 → 1, 0, 0, 1; < 25 → all: 1, 0.75, 0.75, 1.
        // Column 1: < 4 → none; < 25 → 1, 1, –, 0: 0.75, 0.75, 0, 0.
        Is([1, 4, 2], [1, 0.75f, 0.75f, 0.75f, 0.75f, 0, 1, 0], TableOperations.Lesser(Table, Cells, numbers, beta));
        // A one-hot β is the comparison with that number.
        Is([1, 4, 2], TableOperations.Greater(Table, Cells, T([25f], 1)).ToArray(),
            TableOperations.Greater(Table, Cells, numbers, T([0f, 1f], 1, 2)));
        // The result is linear in β, so β gets a gradient (the mixed pivot Σβn, compared hard, would give none).
        var g = new Generator(41);
        var soft = torch.rand([1, 2], g).requires_grad_();
        GradCheck(ts => TableOperations.Greater(Table, Cells, numbers, ts[0]).mul(T([1, 2, 3, 4, 5, 6, 7, 8], 1, 4, 2)).sum(), soft);
        Throws(() => TableOperations.Lesser(Table, Cells, numbers, T([1f], 1, 1)), "Lesser", "numbers", "[1, 2]", "[1, 1]");
    }

    [Fact]
    public void LogicalOperationsAndResetByHand()
    {
        var other = T([0.5f, 0.5f, 0.5f, 0.5f], 1, 4);
        Values([0.5f, 0.5f, 0.25f, 0f], TableOperations.And(Rows, other));
        Values([1f, 0.5f, 0.5f, 0.5f], TableOperations.Or(Rows, other));
        var mask = T([1, 1, 1, 0], 1, 4);
        Assert.Same(mask, TableOperations.Reset(mask));
    }

    [Fact]
    public void MaxAndMinByHand()
    {
        // max, column 0 (3, 7, 5, 1), rs = (1, .5, .25, 0): row i keeps rs[i]·Π over rows k with a larger value of (1 − rs[k]).
        //   row 0 (3): rows 1 and 2 are larger → 1·(1 − .5)(1 − .25) = .375;  row 1 (7): none → .5;
        //   row 2 (5): row 1 → .25·.5 = .125;  row 3: rs 0 → 0.
        // max, column 1 (10, 20, empty, 40): row 0: row 1 (.5) and row 3 (rs 0: factor 1) → .5; row 1: row 3 → .5;
        //   row 2: empty → 0; row 3: rs 0 → 0.
        Is([1, 4, 2], [0.375f, 0.5f, 0.5f, 0.5f, 0.125f, 0f, 0f, 0f], TableOperations.Max(Table, Cells, Rows));
        // min, column 0: row 0 (3): only row 3 (1) is smaller and it is unselected → 1; row 1 (7): row 0 (rs 1) is
        //   smaller → 0; row 2 (5): row 0 → 0; row 3 → 0.  Column 1: row 0 (10): nothing smaller → 1; row 1 (20):
        //   row 0 → 0; row 2 empty; row 3 → 0.
        Is([1, 4, 2], [1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f], TableOperations.Min(Table, Cells, Rows), 1e-5f);
    }

    [Fact]
    public void FirstAndLastByHand()
    {
        var rs = T([0.5f, 0.5f, 0f, 0.5f], 1, 4);
        // first: rs[i]·Π_{k<i}(1 − rs[k]) = .5, .5·.5, 0, .5·.5·.5·1
        Values([0.5f, 0.25f, 0f, 0.125f], TableOperations.First(rs));
        // last: rs[i]·Π_{k>i}(1 − rs[k]) = .5·.5·1·.5, .5·1·.5, 0, .5
        Values([0.125f, 0.25f, 0f, 0.5f], TableOperations.Last(rs));
    }

    [Fact]
    public void PrintIsTheOuterProductOfRowsAndColumnWeights()
    {
        Is([1, 4, 2], [0.25f, 0.75f, 0.125f, 0.375f, 0.0625f, 0.1875f, 0f, 0f], TableOperations.Print(Rows, T([0.25f, 0.75f], 1, 2)));
    }

    [Fact]
    public void BadShapesNameTheArgumentAndSizes()
    {
        Throws(() => TableOperations.Count(T([1, 2, 3], 3)), "Count", "rows", "[3]");
        Throws(() => TableOperations.Sum(Table, T([1, 1], 1, 1, 2), Rows), "Sum", "cells", "[1, 4, 2]", "[1, 1, 2]");
        var e = Assert.Throws<ArgumentException>(() => TableOperations.Max(Table, Cells, torch.ones(1, 3)));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("[1, 4]", e.Message, StringComparison.Ordinal);
        Throws(() => TableOperations.Greater(Table, Cells, T([1f, 2f], 2)), "Greater", "pivot", "[2]");
        Throws(() => TableOperations.And(Rows, torch.ones(1, 3)), "And", "[1, 4]", "[1, 3]");
        Throws(() => TableOperations.Print(Rows, torch.ones(2, 2)), "Print", "columnWeights", "[2, 2]");
    }
}
