using static Attend.Tests.TestData;

namespace Attend.Tests;

public class ShapeTests
{
    // GradCheck weighs every output element differently (L = Σ w·f(x) with random w), so a gradient routed to
    // the wrong element, not only one of the wrong shape, is caught.
    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Cases = new()
    {
        ["reshape"] = (x => x[0].reshape(3, 4), () => [Randn(1, 2, 6)]),
        ["reshape -1"] = (x => x[0].reshape(-1, 2, 2), () => [Randn(2, 2, 6)]),
        ["reshape to scalar"] = (x => x[0].reshape(), () => [Randn(3, 1, 1)]),
        ["view"] = (x => x[0].view(4, 3), () => [Randn(4, 2, 6)]),
        ["view_as"] = (x => x[0].view_as(torch.zeros(6, 2)), () => [Randn(5, 3, 4)]),
        ["flatten"] = (x => x[0].flatten(), () => [Randn(6, 2, 3, 4)]),
        ["flatten 1..2"] = (x => x[0].flatten(1, 2), () => [Randn(7, 2, 3, 4, 2)]),
        ["flatten from -2"] = (x => x[0].flatten(-2), () => [Randn(8, 2, 3, 4)]),
        ["permute 2,0,1"] = (x => x[0].permute(2, 0, 1), () => [Randn(9, 2, 3, 4)]),
        ["permute 1,0,2"] = (x => x[0].permute(1, 0, 2), () => [Randn(10, 2, 3, 4)]),
        ["permute -1,-3,-2"] = (x => x[0].permute(-1, -3, -2), () => [Randn(11, 2, 3, 4)]),
        ["permute 4-D"] = (x => x[0].permute(0, 2, 3, 1), () => [Randn(12, 2, 3, 2, 2)]),
        ["transpose 0,1"] = (x => x[0].transpose(0, 1), () => [Randn(13, 3, 4)]),
        ["transpose 0,2"] = (x => x[0].transpose(0, 2), () => [Randn(14, 2, 3, 4)]),
        ["transpose -1,-2"] = (x => x[0].transpose(-1, -2), () => [Randn(15, 2, 3, 4)]),
        ["t"] = (x => x[0].t(), () => [Randn(16, 3, 4)]),
        ["T"] = (x => x[0].T, () => [Randn(17, 2, 5)]),
        ["squeeze"] = (x => x[0].squeeze(), () => [Randn(18, 2, 1, 3, 1)]),
        ["squeeze dim"] = (x => x[0].squeeze(1), () => [Randn(19, 2, 1, 3)]),
        ["unsqueeze 0"] = (x => x[0].unsqueeze(0), () => [Randn(20, 2, 3)]),
        ["unsqueeze -1"] = (x => x[0].unsqueeze(-1), () => [Randn(21, 2, 3)]),
        ["expand [3,1]→[2,3,4]"] = (x => x[0].expand(2, 3, 4), () => [Randn(22, 3, 1)]),
        ["expand -1"] = (x => x[0].expand(2, -1, 4), () => [Randn(23, 1, 3, 1)]),
        ["expand scalar"] = (x => x[0].expand(2, 3), () => [Leaf([0.7f])]),
        ["expand_as"] = (x => x[0].expand_as(torch.zeros(4, 3)), () => [Randn(24, 3)]),
        ["broadcast_to"] = (x => x[0].broadcast_to(2, 3), () => [Randn(25, 2, 1)]),
        ["clone"] = (x => x[0].clone(), () => [Randn(26, 2, 3)]),
        ["to(cpu)"] = (x => x[0].to(torch.CPU), () => [Randn(27, 2, 3)]),
        ["cpu()"] = (x => x[0].cpu().mul(x[0]), () => [Randn(28, 2, 3)]),
        ["contiguous"] = (x => x[0].contiguous(), () => [Randn(29, 2, 3)]),
        ["chain of views and copies"] =
            (x => x[0].reshape(2, 3, 2).permute(2, 0, 1).unsqueeze(1).expand(2, 2, 2, 3).flatten(0, 1).transpose(0, 2),
             () => [Randn(30, 3, 4)]),
    };

    public static TheoryData<string> GradCases => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(GradCases))]
    public void BackwardMatchesFiniteDifferences(string op)
    {
        var (f, inputs) = Cases[op];
        GradOk(f, inputs());
    }

    /// <summary>x[i, j, k] = 6i + 2j + k over [2, 3, 2], i.e. 0 … 11 in order.</summary>
    private static Tensor Ramp => torch.arange(12).reshape(2, 3, 2);

    [Fact]
    public void ReshapeViewAndFlatten()
    {
        Close([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f], [4, 3], Ramp.reshape(4, -1));
        Assert.Equal([3, 2, 2], Ramp.view(3, 2, 2).shape);
        Assert.Equal([12], Ramp.flatten().shape);
        Assert.Equal([6, 2], Ramp.flatten(0, 1).shape);
        Assert.Equal([2, 6], Ramp.flatten(1).shape);
        Assert.Equal([1], torch.tensor(3f).flatten().shape);
        Assert.Equal([], torch.tensor([5f], [1, 1]).reshape().shape);
        Assert.Equal([2, 3], Ramp.reshape(2, 6).view_as(torch.zeros(6, 2)).reshape(2, 3, 2).sum(2).shape);
    }

    [Fact]
    public void PermuteAndTransposeMoveValues()
    {
        // permute(2, 0, 1): y[k, i, j] = x[i, j, k] = 6i + 2j + k.
        Close([0f, 2f, 4f, 6f, 8f, 10f, 1f, 3f, 5f, 7f, 9f, 11f], [2, 2, 3], Ramp.permute(2, 0, 1));
        // transpose(0, 2): y[k, j, i] = 6i + 2j + k.
        Close([0f, 6f, 2f, 8f, 4f, 10f, 1f, 7f, 3f, 9f, 5f, 11f], [2, 3, 2], Ramp.transpose(0, 2));
        // A matrix transpose: [[1, 2, 3], [4, 5, 6]]ᵀ = [[1, 4], [2, 5], [3, 6]].
        var m = torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);
        Close([1f, 4f, 2f, 5f, 3f, 6f], [3, 2], m.t());
        Close([1f, 4f, 2f, 5f, 3f, 6f], [3, 2], m.T);
        Close([1f, 4f, 2f, 5f, 3f, 6f], [3, 2], m.transpose(-1, -2));
        Assert.Equal([3], torch.zeros(3).t().shape);
        // The identity permutation gives the tensor itself.
        Assert.Same(m, m.permute(0, 1));
    }

    [Fact]
    public void SqueezeAndUnsqueeze()
    {
        var x = torch.zeros(2, 1, 3, 1);
        Assert.Equal([2, 3], x.squeeze().shape);
        Assert.Equal([2, 3, 1], x.squeeze(1).shape);
        Assert.Equal([2, 1, 3], x.squeeze(-1).shape);
        Assert.Equal([2, 1, 3, 1], x.squeeze(0).shape); // size 2: unchanged, as PyTorch
        Assert.Equal([], torch.zeros(1, 1).squeeze().shape);
        Assert.Equal([1, 2, 3], torch.zeros(2, 3).unsqueeze(0).shape);
        Assert.Equal([2, 1, 3], torch.zeros(2, 3).unsqueeze(1).shape);
        Assert.Equal([2, 3, 1], torch.zeros(2, 3).unsqueeze(-1).shape);
        Assert.Equal([2, 1, 3], torch.zeros(2, 3).unsqueeze(-2).shape);
        Assert.Equal([1], torch.tensor(1f).unsqueeze(0).shape);
    }

    [Fact]
    public void ExpandCopiesAlongSizeOneDims()
    {
        var col = torch.tensor([1f, 2f], [2, 1]);
        Close([1f, 1f, 1f, 2f, 2f, 2f], [2, 3], col.expand(2, 3));
        Close([1f, 1f, 1f, 2f, 2f, 2f, 1f, 1f, 1f, 2f, 2f, 2f], [2, 2, 3], col.expand(2, -1, 3));
        Close([1f, 2f, 1f, 2f], [2, 2], torch.tensor([1f, 2f]).broadcast_to(2, 2));
        Close([4f, 4f, 4f], [3], torch.tensor(4f).expand(3));
        Assert.Same(col, col.expand(2, 1));
        // Its gradient sums the copies: [2, 1] → [2, 2, 3] copies each value 2 (blocks) · 3 (columns) = 6 times.
        var leaf = torch.tensor([1f, 2f], [2, 1], requires_grad: true);
        leaf.expand(2, 2, 3).sum().backward();
        Assert.Equal([6f, 6f], leaf.grad!.ToArray());
    }

    [Fact]
    public void CloneCopiesWhileReshapeShares()
    {
        var x = torch.tensor([1f, 2f, 3f, 4f]);
        var copy = x.clone();
        var view = x.reshape(2, 2);
        x.add_(10f);
        Close([1f, 2f, 3f, 4f], [4], copy);           // its own storage
        Close([11f, 12f, 13f, 14f], [2, 2], view);    // every tensor is contiguous, so a reshape is a view
    }

    [Fact]
    public void ReshapeErrorsNameTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).reshape(4, 2));
        Assert.Contains("reshape: shape [4, 2] (8 elements) is invalid for a tensor of 6 elements (shape [2, 3])", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).reshape(-1, 4));
        Assert.Contains("reshape: shape [-1, 4] is invalid for a tensor of 6 elements (shape [2, 3])", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).view(-1, -1));
        Assert.Contains("only one dimension can be -1", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).reshape(3, -2));
        Assert.Contains("invalid dimension -2", e.Message);
    }

    [Fact]
    public void PermuteErrorsNameTheOrderAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).permute(1, 0));
        Assert.Contains("permute: the order [1, 0] has 2 entries but the tensor has 3 dimensions (shape [2, 3, 4])", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).permute(0, 1, 1));
        Assert.Contains("permute: dimension 1 appears twice in [0, 1, 1]", e.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).permute(0, 2));
        Assert.Contains("permute: dimension 2 is out of range", range.Message);
        range = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).transpose(0, 2));
        Assert.Contains("transpose", range.Message);
    }

    [Fact]
    public void ExpandErrorsNameBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).expand(2, 4));
        Assert.Contains("expand:", e.Message);
        Assert.Contains("cannot expand [2, 3] to [2, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).expand(3));
        Assert.Contains("expand: the target [3] has fewer dimensions than the tensor (shape [2, 3])", e.Message);
        e = Assert.Throws<ArgumentException>(() => torch.zeros(3).expand(-1, 3));
        Assert.Contains("-1 is not allowed for a new leading dimension", e.Message);
    }

    [Fact]
    public void OtherShapeErrors()
    {
        var e = Assert.Throws<InvalidOperationException>(() => torch.zeros(2, 3, 4).t());
        Assert.Contains("t: expects a tensor with at most 2 dimensions, got shape [2, 3, 4]", e.Message);
        var f = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).flatten(2, 1));
        Assert.Contains("flatten: start_dim (2) comes after end_dim (1)", f.Message);
        var u = Assert.Throws<ArgumentOutOfRangeException>(() => torch.zeros(2, 3).unsqueeze(3));
        Assert.Contains("unsqueeze: dimension 3 is out of range for a tensor of 3 dimension(s)", u.Message);
    }
}
