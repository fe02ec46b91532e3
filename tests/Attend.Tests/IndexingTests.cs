using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

public class IndexingTests
{
    // ---- index_select -------------------------------------------------------------------------------------

    [Fact]
    public void IndexSelectPicksAndRepeats()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3);
        Is([2, 3], [3, 1, 3, 6, 4, 6], x.index_select(1, torch.tensor([2, 0, 2])));
        Is([1, 3], [4, 5, 6], torch.index_select(x, 0, torch.tensor([1])));
        Is([2, 1], [2, 5], x.index_select(-1, torch.tensor(1f)));
    }

    [Fact]
    public void IndexSelectGradientAccumulatesRepeats()
    {
        var x = G([1, 2, 3, 4, 5, 6], 2, 3);
        x.index_select(1, torch.tensor([2, 0, 2])).sum().backward();
        Values([1, 0, 2, 1, 0, 2], x.grad!);
        var ids = torch.tensor([3, 0, 3, 1]);
        GradCheck(t => t[0].index_select(0, ids).tanh(), Randn(1, 4, 3));
        GradCheck(t => t[0].index_select(1, ids).exp(), Randn(2, 2, 5, 2));
    }

    [Fact]
    public void IndexSelectErrorsNameTheBadIndex()
    {
        var x = torch.zeros(2, 3);
        Throws(() => x.index_select(1, torch.tensor([0, 3])), "index_select: index 3 is out of range for dimension 1 of size 3", "[2, 3]");
        Throws(() => x.index_select(0, torch.tensor([-1])), "index_select: index -1 is out of range for dimension 0 of size 2");
        Throws(() => x.index_select(0, torch.tensor([0.5f])), "index_select: index must hold whole numbers", "0.5");
        Throws(() => x.index_select(0, torch.zeros(1, 1)), "index_select: index must be 1-D", "[1, 1]");
    }

    // ---- gather -------------------------------------------------------------------------------------------

    [Fact]
    public void GatherReadsThePositionEachIndexNames()
    {
        var x = T([1, 2, 3, 4], 2, 2);
        Is([2, 2], [1, 1, 4, 3], x.gather(1, T([0, 0, 1, 0], 2, 2)));
        Is([1, 2], [3, 2], x.gather(0, T([1, 0], 1, 2)));
        Is([3, 2], [3, 2, 3, 4, 1, 2], torch.gather(x, 0, T([1, 0, 1, 1, 0, 0], 3, 2)));  // more rows than the input: fine along dim

        // An index smaller than the input outside dim reads the leading part: row 0 of a 3×3 input.
        Is([1, 2], [2, 1], Arange(3, 3).gather(1, T([2, 1], 1, 2)));
    }

    [Fact]
    public void GatherPicksLabelLogProbabilities()
    {
        var logp = T([-0.1f, -2f, -3f, -4f, -0.2f, -5f], 2, 3);
        Is([2], [-0.1f, -0.2f], logp.gather(1, torch.tensor([0, 1]).unsqueeze(1)).squeeze(1));
    }

    [Fact]
    public void GatherGradientScattersBack()
    {
        var x = G([1, 2, 3, 4], 2, 2);
        x.gather(1, T([0, 0, 1, 0], 2, 2)).sum().backward();
        Values([2, 0, 1, 1], x.grad!);
        GradCheck(t => t[0].gather(1, T([2, 0, 0, 1, 1, 1], 2, 3)).exp(), Randn(1, 2, 4));
        GradCheck(t => t[0].gather(0, T([2, 0, 1, 1], 2, 2)).tanh(), Randn(2, 3, 3));
    }

    [Fact]
    public void GatherErrorsNameTheOpAndShapes()
    {
        var x = torch.zeros(2, 2);
        Throws(() => x.gather(1, torch.tensor([0, 1])),
            "gather: index must have as many dimensions as the input, but index has shape [2] and the input has shape [2, 2]");
        Throws(() => x.gather(1, T([0, 2], 2, 1)), "gather: index 2 is out of range for dimension 1 of size 2");
        Throws(() => x.gather(1, torch.zeros(3, 1)), "gather: index shape [3, 1] is larger than the input shape [2, 2] in dimension 0");
    }

    // ---- scatter_add --------------------------------------------------------------------------------------

    [Fact]
    public void ScatterAddAccumulatesIntoACopy()
    {
        // PyTorch's documentation example: ones [2, 5] added into zeros [3, 5] along dim 0.
        var index = T([0, 1, 2, 0, 0, 2, 0, 0, 1, 2], 2, 5);
        var result = torch.zeros(3, 5).scatter_add(0, index, torch.ones(2, 5));
        Is([3, 5], [1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], result);

        var self = T([1, 2, 3], 3);
        Is([3], [31, 2, 33], self.scatter_add(0, torch.tensor([0, 0, 2]), T([10, 20, 30], 3)));
        Values([1, 2, 3], self);  // not in place

        // A [1, 1] index uses src[0, 0] only and touches row 0 only.
        Is([2, 3], [0, 0, 5, 0, 0, 0], torch.scatter_add(torch.zeros(2, 3), 1, T([2], 1, 1), T([5, 7], 1, 2)));
    }

    [Fact]
    public void ScatterAddGradients()
    {
        var self = G([1, 2, 3], 3);
        var src = G([10, 20, 30], 3);
        self.scatter_add(0, torch.tensor([0, 0, 2]), src).mul(T([1, 2, 3], 3)).sum().backward();
        Values([1, 2, 3], self.grad!);
        Values([1, 1, 3], src.grad!);

        var index = T([0, 2, 2, 1, 0, 0], 2, 3);
        GradCheck(t => t[0].scatter_add(1, index, t[1]).tanh(), Randn(1, 2, 4), Randn(2, 2, 3));
        GradCheck(t => t[0].scatter_add(0, T([1, 1], 1, 2), t[1]).exp(), Randn(3, 3, 3), Randn(4, 2, 2));
    }

    [Fact]
    public void ScatterAddErrorsNameTheOpAndShapes()
    {
        var self = torch.zeros(3);
        Throws(() => self.scatter_add(0, torch.tensor([3]), torch.ones(1)), "scatter_add: index 3 is out of range for dimension 0 of size 3");
        Throws(() => self.scatter_add(0, torch.zeros(1, 1), torch.ones(1)), "scatter_add:", "[3]", "[1, 1]", "[1]");
        Throws(() => self.scatter_add(0, torch.zeros(2), torch.ones(1)), "scatter_add: index shape [2] is larger than src shape [1]");
    }

    // ---- masked_fill --------------------------------------------------------------------------------------

    [Fact]
    public void MaskedFillBroadcastsTheMask()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3);
        Is([2, 3], [-9, 2, -9, -9, 5, -9], x.masked_fill(T([1, 0, 1], 1, 3), -9));
        Is([2, 3], [1, 2, 3, 0, 0, 0], x.masked_fill(T([0, 1], 2, 1), 0));
        Is([2, 3], [7, 7, 7, 7, 7, 7], torch.masked_fill(x, torch.tensor(1f), 7));
    }

    [Fact]
    public void MaskedFillHidesPaddedKeysFromSoftmax()
    {
        // Scores [B=1, T=2, T=2] with the second key padded: its weight becomes 0 for every query.
        var scores = T([0.3f, 2f, -1f, 4f], 1, 2, 2);
        var padding = T([0, 1], 1, 1, 2);
        Values([1, 0, 1, 0], scores.masked_fill(padding, -1e9f).softmax(-1));
    }

    [Fact]
    public void MaskedFillGradientSkipsFilledEntries()
    {
        var x = G([1, 2, 3, 4, 5, 6], 2, 3);
        x.masked_fill(T([1, 0, 1], 3), -9).mul(T([1, 2, 3, 4, 5, 6], 2, 3)).sum().backward();
        Values([0, 2, 0, 0, 5, 0], x.grad!);
        var mask = T([0, 1, 1, 0], 2, 1, 2);
        GradCheck(t => t[0].masked_fill(mask, 0.5f).exp(), Randn(1, 2, 3, 2));
    }

    [Fact]
    public void MaskedFillErrorsNameTheShapes()
    {
        var x = torch.zeros(2, 3);
        Throws(() => x.masked_fill(torch.zeros(2, 2, 3), 0),
            "masked_fill: mask of shape [2, 2, 3] must broadcast to the tensor's shape [2, 3]");
        Throws(() => x.masked_fill(torch.zeros(4), 0), "masked_fill: tensor of shape [2, 3] and mask of shape [4] cannot be broadcast together");
    }

    // ---- where --------------------------------------------------------------------------------------------

    [Fact]
    public void WhereBroadcastsAllThree()
    {
        var cond = T([1, 0, 1], 3);
        var a = T([1, 2, 3, 4, 5, 6], 2, 3);
        var b = T([10, 20], 2, 1);
        Is([2, 3], [1, 10, 3, 4, 20, 6], torch.where(cond, a, b));
        Is([2, 3], [1, 0, 3, 4, 0, 6], torch.where(cond, a, 0f));
        Is([2, 3], [-1, 2, -1, -1, 5, -1], torch.where(T([0, 1, 0], 3), a, -1f));
        Is([2, 3], [7, 10, 7, 7, 20, 7], torch.where(cond, 7f, b));
        Is([2, 3], [1, 10, 3, 4, 20, 6], a.where(cond, b));
    }

    [Fact]
    public void WhereGradientsAreMaskedAndSummedBack()
    {
        var cond = T([1, 0, 1], 3);
        var a = G([1, 2, 3, 4, 5, 6], 2, 3);
        var b = G([10, 20], 2, 1);
        torch.where(cond, a, b).mul(T([1, 2, 3, 4, 5, 6], 2, 3)).sum().backward();
        Values([1, 0, 3, 4, 0, 6], a.grad!);
        Values([2, 5], b.grad!);
        var c = T([1, 0, 0, 1, 1, 0], 2, 3);
        GradCheck(t => torch.where(c, t[0], t[1]).tanh(), Randn(1, 2, 3), Randn(2, 3));
        GradCheck(t => torch.where(T([0, 1], 2, 1, 1), t[0], t[1]).exp(), Randn(3, 1, 3), Randn(4, 2, 2, 1));
    }

    [Fact]
    public void WhereErrorsNameTheOperandsAndShapes()
    {
        Throws(() => torch.where(torch.ones(2), torch.ones(3), torch.ones(3)),
            "where: condition of shape [2] and input of shape [3] cannot be broadcast together: dimension -1 is 2 in the first and 3");
        Throws(() => torch.where(torch.ones(3), torch.ones(2, 3), torch.ones(4, 1)), "where: input of shape [2, 3] and other of shape [4, 1]");
    }

    // ---- one_hot ------------------------------------------------------------------------------------------

    [Fact]
    public void OneHotAddsAClassDimension()
    {
        Is([3, 3], [1, 0, 0, 0, 0, 1, 0, 1, 0], torch.one_hot(torch.tensor([0, 2, 1]), 3));
        Is([2, 2, 4], [0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], torch.one_hot(T([3, 0, 1, 2], 2, 2), 4));
        Is([2, 3], [0, 0, 1, 0, 1, 0], torch.one_hot(torch.tensor([2, 1])));
        Is([0, 5], [], torch.one_hot(torch.zeros(0), 5));
    }

    [Fact]
    public void OneHotErrorsNameTheBadClass()
    {
        Throws(() => torch.one_hot(torch.tensor([0, 3]), 3), "one_hot: class index 3", "num_classes 3");
        Throws(() => torch.one_hot(torch.tensor([-1]), 3), "one_hot: class index -1");
        Throws(() => torch.one_hot(torch.tensor([1.5f]), 3), "one_hot: class index 1.5");
        Throws(() => torch.one_hot(torch.tensor([1]), 0), "one_hot: num_classes must be positive");
    }

    // ---- flip / roll --------------------------------------------------------------------------------------

    [Fact]
    public void FlipReversesEachDimension()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3);
        Is([2, 3], [3, 2, 1, 6, 5, 4], x.flip(1));
        Is([2, 3], [4, 5, 6, 1, 2, 3], x.flip(0));
        Is([2, 3], [6, 5, 4, 3, 2, 1], torch.flip(x, 0, -1));
        var y = G([1, 2, 3], 3);
        y.flip(0).mul(T([1, 2, 3], 3)).sum().backward();
        Values([3, 2, 1], y.grad!);
        GradCheck(t => t[0].flip(0, 2).exp(), Randn(1, 2, 2, 3));
        Throws(() => x.flip(1, -1), "flip: dimension -1 appears more than once in [1, -1]");
        Throws(() => x.flip(2), "flip:", "dimension 2", "out of range");
    }

    [Fact]
    public void RollShiftsWithWrapAround()
    {
        var v = T([1, 2, 3, 4], 4);
        Is([4], [4, 1, 2, 3], v.roll(1, 0));
        Is([4], [2, 3, 4, 1], v.roll(-1, 0));
        Is([4], [4, 1, 2, 3], v.roll(5, 0));
        var m = T([1, 2, 3, 4, 5, 6], 2, 3);
        Is([2, 3], [3, 1, 2, 6, 4, 5], m.roll(1, 1));
        Is([2, 3], [6, 4, 5, 3, 1, 2], m.roll([1, 1], [0, 1]));
        Is([2, 3], [6, 1, 2, 3, 4, 5], torch.roll(m, 1));
    }

    [Fact]
    public void RollGradientRollsBack()
    {
        var v = G([1, 2, 3, 4], 4);
        v.roll(1, 0).mul(T([1, 2, 3, 4], 4)).sum().backward();
        Values([2, 3, 4, 1], v.grad!);
        GradCheck(t => t[0].roll(2, 1).mul(t[0]), Randn(1, 2, 5));
        GradCheck(t => t[0].roll([1, -2], [0, 1]).tanh(), Randn(2, 3, 4));
        Throws(() => v.roll([1], [0, 0]), "roll: shifts [1] and dims [0, 0] must have the same length");
        Throws(() => v.roll(1, 1), "roll:", "dimension 1", "out of range");
    }
}
