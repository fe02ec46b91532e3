using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

public class JoiningTests
{
    // ---- cat ----------------------------------------------------------------------------------------------

    [Fact]
    public void CatJoinsRowsAndColumns()
    {
        var a = T([1, 2, 3, 4], 2, 2);
        Is([3, 2], [1, 2, 3, 4, 5, 6], torch.cat([a, T([5, 6], 1, 2)]));
        Is([2, 3], [1, 2, 7, 3, 4, 8], torch.cat([a, T([7, 8], 2, 1)], 1));
        Is([2, 3], [1, 2, 7, 3, 4, 8], torch.cat([a, T([7, 8], 2, 1)], -1));
    }

    [Fact]
    public void CatOfThreeDimensionalTensorsInterleavesBlocks()
    {
        // [2, 1, 2] and [2, 2, 2] along 1: each outer slice gets a's row then b's two rows.
        var a = T([0, 1, 2, 3], 2, 1, 2);
        var b = T([10, 11, 12, 13, 14, 15, 16, 17], 2, 2, 2);
        Is([2, 3, 2], [0, 1, 10, 11, 12, 13, 2, 3, 14, 15, 16, 17], torch.cat([a, b], 1));
    }

    [Fact]
    public void CatGradientIsEachInputsSlab()
    {
        var a = G([1, 2, 3, 4], 2, 2);
        var c = G([7, 8], 2, 1);
        var w = T([1, 2, 3, 4, 5, 6], 2, 3);
        torch.cat([a, c], 1).mul(w).sum().backward();
        Values([1, 2, 4, 5], a.grad!);
        Values([3, 6], c.grad!);
        Assert.Equal("cat", torch.cat([a, c], 1).grad_fn!.Name);
    }

    [Fact]
    public void CatPassesGradCheck()
    {
        GradCheck(x => torch.cat(x, 1).tanh(), Randn(1, 2, 3), Randn(2, 2, 1), Randn(3, 2, 2));
        GradCheck(x => torch.cat([x[0], x[1]], 1).exp(), Randn(4, 2, 1, 3), Randn(5, 2, 2, 3));
    }

    [Fact]
    public void CatErrorsNameTheOpAndShapes()
    {
        Throws(() => torch.cat([torch.zeros(2, 3), torch.zeros(2, 1), torch.zeros(3, 3)], 1),
            "cat: tensors must have the same shape except in dimension 1, but tensor 0 has [2, 3] and tensor 2 has [3, 3]");
        Throws(() => torch.cat([torch.zeros(2, 3), torch.zeros(2, 3, 1)]), "cat:", "[2, 3]", "[2, 3, 1]", "tensor 1");
        Throws(() => torch.cat([]), "cat:", "non-empty");
        Throws(() => torch.cat([torch.tensor(1f), torch.tensor(2f)]), "cat:", "0-dimensional", "stack");
        Throws(() => torch.cat([torch.zeros(2, 3)], 2), "cat:", "dimension 2", "out of range");
    }

    // ---- stack --------------------------------------------------------------------------------------------

    [Fact]
    public void StackAddsADimension()
    {
        var a = T([1, 2, 3], 3);
        var b = T([4, 5, 6], 3);
        Is([2, 3], [1, 2, 3, 4, 5, 6], torch.stack([a, b]));
        Is([3, 2], [1, 4, 2, 5, 3, 6], torch.stack([a, b], 1));
        Is([3, 2], [1, 4, 2, 5, 3, 6], torch.stack([a, b], -1));
        Is([3], [1, 2, 3], torch.stack([torch.tensor(1f), torch.tensor(2f), torch.tensor(3f)]));
    }

    [Fact]
    public void CatAndStackAcceptLists()
    {
        var steps = new List<Tensor> { T([1, 2], 1, 2), T([3, 4], 1, 2), T([5, 6], 1, 2) };
        Is([3, 2], [1, 2, 3, 4, 5, 6], torch.cat(steps));
        Is([1, 3, 2], [1, 2, 3, 4, 5, 6], torch.stack(steps, 1));
        Is([1, 6], [1, 2, 3, 4, 5, 6], torch.cat(steps.Select(s => s), -1));
    }

    [Fact]
    public void StackPassesGradCheck()
    {
        GradCheck(x => torch.stack(x, 1).sin(), Randn(1, 2, 3), Randn(2, 2, 3), Randn(3, 2, 3));
        GradCheck(x => torch.stack(x, 0).pow(2), Randn(4, 4), Randn(5, 4));
    }

    [Fact]
    public void StackErrorsNameTheOpAndShapes()
    {
        Throws(() => torch.stack([torch.zeros(2), torch.zeros(3)]),
            "stack: expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1");
        Throws(() => torch.stack([torch.zeros(2)], 2), "stack:", "dimension 2", "out of range");
    }

    // ---- split / chunk ------------------------------------------------------------------------------------

    [Fact]
    public void SplitBySizeLeavesASmallerLastPiece()
    {
        var pieces = torch.arange(7).split(3);
        Assert.Equal(3, pieces.Length);
        Is([3], [0, 1, 2], pieces[0]);
        Is([3], [3, 4, 5], pieces[1]);
        Is([1], [6], pieces[2]);
    }

    [Fact]
    public void SplitBySizesAlongColumns()
    {
        var pieces = Arange(2, 3).split([1, 2], 1);
        Is([2, 1], [0, 3], pieces[0]);
        Is([2, 2], [1, 2, 4, 5], pieces[1]);
        var viaTorch = torch.split(Arange(2, 3), [2, 0, 1], -1);
        Is([2, 0], [], viaTorch[1]);
        Is([2, 1], [2, 5], viaTorch[2]);
    }

    [Fact]
    public void SplitPassesGradCheck()
    {
        GradCheck(x =>
        {
            var p = x[0].split(2, 1);
            return torch.stack([p[0].sum(), p[1].pow(2).sum(), p[2].exp().sum()]);
        }, Randn(1, 3, 5));
        GradCheck(x =>
        {
            var p = x[0].split([1, 3], 0);
            return p[0].mul(p[1]);
        }, Randn(2, 4, 2));
    }

    [Fact]
    public void SplitErrorsNameTheOpAndSizes()
    {
        Throws(() => Arange(2, 3).split(0), "split: split_size must be positive, got 0");
        Throws(() => Arange(2, 3).split([1, 1], 1), "split: split_sizes [1, 1] add up to 2 but dimension 1 has size 3 (shape [2, 3])");
        Throws(() => Arange(2, 3).split([4, -1], 1), "split:", "negative size -1");
        ThrowsInvalid(() => torch.tensor(1f).split(1), "split:", "0-dimensional");
    }

    [Fact]
    public void ChunkFollowsPyTorchSizes()
    {
        var four = torch.arange(5).chunk(4);
        Assert.Equal(new[] { 2, 2, 1 }, four.Select(p => p.numel()));
        Is([1], [4], four[2]);
        var halves = Arange(2, 6).chunk(2, 1);
        Is([2, 3], [0, 1, 2, 6, 7, 8], halves[0]);
        Is([2, 3], [3, 4, 5, 9, 10, 11], halves[1]);
        GradCheck(x => x[0].chunk(3, 1)[1].tanh(), Randn(1, 2, 6));
        Throws(() => torch.arange(5).chunk(0), "chunk: chunks must be positive, got 0");
    }

    // ---- narrow / select / unbind -------------------------------------------------------------------------

    [Fact]
    public void NarrowTakesASlab()
    {
        var x = Arange(3, 4);
        Is([3, 2], [1, 2, 5, 6, 9, 10], x.narrow(1, 1, 2));
        Is([1, 4], [8, 9, 10, 11], x.narrow(0, -1, 1));
        Is([3, 0], [], x.narrow(1, 4, 0));
    }

    [Fact]
    public void NarrowGradientFillsOnlyTheSlab()
    {
        var x = Arange(3, 4).requires_grad_();
        x.narrow(1, 1, 2).sum().backward();
        Values([0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0], x.grad!);
        GradCheck(t => t[0].narrow(1, 1, 2).mul(t[0].narrow(1, 0, 2)), Randn(1, 3, 4));
        GradCheck(t => t[0].narrow(0, 1, 1).exp(), Randn(2, 3, 2, 2));
    }

    [Fact]
    public void NarrowErrorsNameTheOpAndSizes()
    {
        var x = Arange(3, 4);
        Throws(() => x.narrow(1, 3, 2), "narrow: start (3) + length (2) exceeds dimension 1 of size 4 (shape [3, 4])");
        Throws(() => x.narrow(1, 5, 0), "narrow: start 5 is out of range for dimension 1 of size 4 (shape [3, 4])");
        Throws(() => x.narrow(2, 0, 1), "narrow:", "dimension 2", "out of range");
        Throws(() => x.narrow(0, 0, -1), "narrow: length must be non-negative, got -1 (shape [3, 4])");
    }

    [Fact]
    public void SelectDropsTheDimension()
    {
        var x = Arange(3, 4);
        Is([3], [2, 6, 10], x.select(1, 2));
        Is([4], [8, 9, 10, 11], x.select(0, -1));
        Is([], [5], x.select(0, 1).select(0, 1));
    }

    [Fact]
    public void SelectPassesGradCheckAndRoutesTheGradient()
    {
        var x = Arange(2, 3).requires_grad_();
        x.select(1, 1).mul(T([3, 4], 2)).sum().backward();
        Values([0, 3, 0, 0, 4, 0], x.grad!);
        GradCheck(t => t[0].select(1, -1).exp(), Randn(1, 3, 4));
        Throws(() => Arange(3, 4).select(1, 4), "select: index 4 is out of range for dimension 1 of size 4 (shape [3, 4])");
    }

    [Fact]
    public void UnbindIsTheInverseOfStack()
    {
        var x = Arange(3, 2);
        var columns = x.unbind(1);
        Assert.Equal(2, columns.Length);
        Is([3], [0, 2, 4], columns[0]);
        Is([3], [1, 3, 5], columns[1]);
        Is([3, 2], x.ToArray(), torch.stack(columns, 1));
        GradCheck(t =>
        {
            var rows = t[0].unbind();
            return rows[0].mul(rows[1]).add(rows[2].exp());
        }, Randn(1, 3, 4));
    }

    // ---- indexer ------------------------------------------------------------------------------------------

    [Fact]
    public void IntegerIndicesSelectAndDropDimensions()
    {
        var x = Arange(3, 4);
        Is([4], [4, 5, 6, 7], x[1]);
        Is([4], [8, 9, 10, 11], x[^1]);
        Is([4], [8, 9, 10, 11], x[-1]);
        Is([], [6], x[1, 2]);
        Is([3], [0, 4, 8], x[.., 0]);
        Is([3], [2, 6, 10], x[TensorIndex.Colon, 2]);
    }

    [Fact]
    public void RangesSliceAndKeepDimensions()
    {
        var x = Arange(3, 4);
        Is([2, 4], [4, 5, 6, 7, 8, 9, 10, 11], x[1..3]);
        Is([3, 2], [1, 2, 5, 6, 9, 10], x[.., 1..^1]);
        Is([3, 4], x.ToArray(), x[..]);
        Is([3, 4], x.ToArray(), x[0..100]);        // slice bounds clamp, as in Python
        Is([0, 4], [], x[5..]);
        Is([2, 1], [7, 11], x[1.., ^1..]);
    }

    [Fact]
    public void SteppedSlicesEllipsisAndNewAxes()
    {
        var x = Arange(3, 4);
        Is([2, 4], [0, 1, 2, 3, 8, 9, 10, 11], x[TensorIndex.Slice(0, null, 2)]);
        Is([3, 2], [1, 3, 5, 7, 9, 11], x[.., TensorIndex.Slice(1, null, 2)]);
        Is([2], [9, 11], x[2, TensorIndex.Slice(1, null, 2)]);
        Is([1], [11], x[2, TensorIndex.Slice(-1, null, 2)]);
        Is([1, 3, 4], x.ToArray(), x[TensorIndex.None]);
        Is([3, 1], [0, 4, 8], x[.., TensorIndex.None, 0]);
        var cube = Arange(2, 3, 4);
        Is([2, 3], [1, 5, 9, 13, 17, 21], cube[TensorIndex.Ellipsis, 1]);
        Is([3, 4], Enumerable.Range(12, 12).Select(v => (float)v).ToArray(), cube[1, TensorIndex.Ellipsis]);
        Is([2, 4], [4, 5, 6, 7, 16, 17, 18, 19], cube[.., 1, TensorIndex.Ellipsis]);
    }

    [Fact]
    public void IndexerGradientReachesThePickedEntries()
    {
        var x = Arange(3, 4).requires_grad_();
        x[TensorIndex.Slice(0, null, 2), 1].sum().backward();
        Values([0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], x.grad!);
        GradCheck(t => t[0][.., TensorIndex.Slice(0, null, 2)].exp(), Randn(1, 3, 5));
        GradCheck(t => t[0][1..3, ^1].mul(t[0][0, 1..3]), Randn(2, 3, 4));
        GradCheck(t => t[0][TensorIndex.Ellipsis, TensorIndex.None, 1].tanh(), Randn(3, 2, 3, 2));
    }

    [Fact]
    public void IndexerErrorsNameTheIndexAndShape()
    {
        var x = Arange(3, 4);
        Throws(() => _ = x[3], "index: index 3 is out of range for dimension 0 of size 3 (shape [3, 4]");
        Throws(() => _ = x[.., ^5], "index: index ^5 is out of range for dimension 1 of size 4");
        Throws(() => _ = x[0, 0, 0], "index: too many indices for a tensor of 2 dimension(s) (shape [3, 4])");
        Throws(() => _ = x[TensorIndex.Ellipsis, TensorIndex.Ellipsis], "index: an index can only have a single ellipsis");
        Throws(() => TensorIndex.Slice(0, 2, 0), "TensorIndex.Slice: step must be at least 1, got 0");
    }

    [Fact]
    public void TensorIndexPrintsAsPython()
    {
        Assert.Equal("1", TensorIndex.Single(1).ToString());
        Assert.Equal("^1", ((TensorIndex)(^1)).ToString());
        Assert.Equal(":", TensorIndex.Colon.ToString());
        Assert.Equal("::2", TensorIndex.Slice(step: 2).ToString());
        Assert.Equal("1:-1", TensorIndex.Slice(1, -1).ToString());
        Assert.Equal("...", TensorIndex.Ellipsis.ToString());
        Assert.Equal("None", TensorIndex.None.ToString());
    }
}
