namespace Attend.Tests;

/// <summary>
/// Expected strings follow PyTorch's _tensor_str rules (default print options: precision 4, threshold 1000,
/// edgeitems 3, linewidth 80); each comment gives the rule that produces the layout.
/// </summary>
public class FormattingTests
{
    [Fact]
    public void MatrixWithDecimalsIsRightAligned()
    {
        // Not all whole → 4 decimals; widest is "-2.5000" (7), so the others get a leading space.
        var x = torch.tensor([1f, -2.5f, 3f, 4f], [2, 2]);
        Assert.Equal("tensor([[ 1.0000, -2.5000],\n        [ 3.0000,  4.0000]])", x.ToString());
    }

    [Fact]
    public void Scalars()
    {
        Assert.Equal("tensor(3.5000)", torch.tensor(3.5f).ToString());
        Assert.Equal("tensor(3.)", torch.tensor(3f).ToString());
        Assert.Equal("tensor(-0.1250)", torch.tensor(-0.125f).ToString());
        Assert.Equal("tensor(0.)", torch.tensor(0f).ToString());
        Assert.Equal("tensor(1.0000e-05)", torch.tensor(1e-5f).ToString());
    }

    [Fact]
    public void WholeNumbersPrintWithATrailingPoint()
    {
        // Width = len("1") + 1 for the point.
        Assert.Equal("tensor([1., 2., 3.])", torch.tensor([1f, 2f, 3f]).ToString());
        Assert.Equal("tensor([ 100., 1000.])", torch.tensor([100f, 1000f]).ToString());
        Assert.Equal("tensor([-1.,  2.])", torch.tensor([-1f, 2f]).ToString());
        Assert.Equal("tensor([[0., 0., 0.],\n        [0., 0., 0.]])", torch.zeros(2, 3).ToString());
        Assert.Equal("tensor([-0.])", torch.tensor([-0f]).ToString());
    }

    [Fact]
    public void DecimalsAreRoundedHalfToEvenOnTheExactValue()
    {
        // 0.03125 and 0.09375 are exact binary ties at the 5th decimal: Python rounds them to even (…2, …8).
        Assert.Equal("tensor([0.0312, 0.0938])", torch.tensor([0.03125f, 0.09375f]).ToString());
        // float32 0.1 is 0.100000001…; 1/3 is 0.3333333…; 2/3 rounds up.
        Assert.Equal("tensor([0.1000, 0.3333, 0.6667])", torch.tensor([0.1f, 1f / 3f, 2f / 3f]).ToString());
        // Widths differ by sign and integer digits: the widest, "-100.1250", sets 9.
        Assert.Equal("tensor([   0.5000,   12.2500, -100.1250])", torch.tensor([0.5f, 12.25f, -100.125f]).ToString());
    }

    [Fact]
    public void ScientificNotationForWideRangesHugeOrTinyValues()
    {
        // Smallest non-zero magnitude below 1e-4.
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", torch.tensor([1e-5f, 1f]).ToString());
        // Largest / smallest > 1000, even for whole numbers.
        Assert.Equal("tensor([1.0000e+00, 1.0000e+04])", torch.tensor([1f, 10000f]).ToString());
        Assert.Equal("tensor([ 1.5000e+00, -2.5000e+03])", torch.tensor([1.5f, -2500f]).ToString());
        // Largest above 1e8.
        Assert.Equal("tensor([2.0000e+08])", torch.tensor([2e8f]).ToString());
        // Zeros do not take part in the choice but are printed in the chosen format; 9.99996 rounds up to 1.0000e+01.
        Assert.Equal("tensor([0.0000e+00, 1.0000e-05, 1.0000e+01])", torch.tensor([0f, 1e-5f, 9.99996f]).ToString());
        // A ratio of exactly 1000 stays fixed.
        Assert.Equal("tensor([   1.,  500., 1000.])", torch.tensor([1f, 500f, 1000f]).ToString());
        Assert.Equal("tensor([1.0000e-30, 1.0000e+30])", torch.tensor([1e-30f, 1e30f]).ToString());
    }

    [Fact]
    public void NonFiniteValuesArePaddedButDoNotSetTheFormat()
    {
        Assert.Equal("tensor([1.5000,    nan,    inf,   -inf])",
                     torch.tensor([1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity]).ToString());
        // Whole numbers: "inf" gets no point and is wider than the width 2 of "1.".
        Assert.Equal("tensor([1., inf])", torch.tensor([1f, float.PositiveInfinity]).ToString());
        Assert.Equal("tensor([nan, nan])", torch.tensor([float.NaN, float.NaN]).ToString());
    }

    [Fact]
    public void LongRowsWrapAtEightyColumns()
    {
        // Whole numbers up to 19: width 3, 5 per element with ", " → (80 − 7) / 5 = 14 per line.
        Assert.Equal(
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n" +
            "        14., 15., 16., 17., 18., 19.])",
            torch.arange(20).ToString());
        // Rows of a matrix are indented one more: (80 − 8) / (7 + 2) = 8 per line.
        var row = "[" + string.Join(", ", Enumerable.Repeat("-1.5000", 8)) + ",\n         " +
                  string.Join(", ", Enumerable.Repeat("-1.5000", 4)) + "]";
        Assert.Equal("tensor([" + row + ",\n        " + row + "])", torch.full([2, 12], -1.5f).ToString());
    }

    [Fact]
    public void ThreeDimensionsAreSeparatedByBlankLines()
    {
        Assert.Equal(
            "tensor([[[0., 1.],\n" +
            "         [2., 3.]],\n" +
            "\n" +
            "        [[4., 5.],\n" +
            "         [6., 7.]]])",
            torch.arange(8).reshape(2, 2, 2).ToString());
    }

    [Fact]
    public void MoreThanAThousandElementsAreSummarized()
    {
        // Shown: 0, 1, 2, 1997, 1998, 1999 → ratio 1999 > 1000 → scientific, width 10, (80 − 7) / 12 = 6 per
        // line, and " ..." counts as an element.
        Assert.Equal(
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n" +
            "        1.9990e+03])",
            torch.arange(2000).ToString());
        var row = "[1., 1., 1.,  ..., 1., 1., 1.]";
        Assert.Equal(
            "tensor([" + row + ",\n" +
            "        " + row + ",\n" +
            "        " + row + ",\n" +
            "        ...,\n" +
            "        " + row + ",\n" +
            "        " + row + ",\n" +
            "        " + row + "])",
            torch.ones(40, 30).ToString());
        // Exactly 1000 elements are printed in full.
        Assert.DoesNotContain("...", torch.ones(1000).ToString());
    }

    [Fact]
    public void SummarizedFormatDependsOnlyOnTheShownValues()
    {
        // 1e-6 hides in the middle: it would force scientific notation if it were printed.
        var values = Enumerable.Repeat(1.5f, 2000).ToArray();
        values[1000] = 1e-6f;
        Assert.Equal("tensor([1.5000, 1.5000, 1.5000,  ..., 1.5000, 1.5000, 1.5000])", torch.tensor(values).ToString());
        // A small dimension inside a summarized tensor is shown whole.
        Assert.Equal(
            "tensor([[0., 0., 0., 0.],\n        [0., 0., 0., 0.],\n        [0., 0., 0., 0.],\n        ...,\n" +
            "        [0., 0., 0., 0.],\n        [0., 0., 0., 0.],\n        [0., 0., 0., 0.]])",
            torch.zeros(300, 4).ToString());
    }

    [Fact]
    public void EmptyTensorsShowTheirSizeUnlessItIsZero()
    {
        Assert.Equal("tensor([])", torch.zeros(0).ToString());
        Assert.Equal("tensor([], size=(2, 0))", torch.zeros(2, 0).ToString());
        Assert.Equal("tensor([], size=(0, 3, 1))", torch.zeros(0, 3, 1).ToString());
    }

    [Fact]
    public void AutogradSuffixes()
    {
        var x = torch.tensor([1f, 2f], requires_grad: true);
        Assert.Equal("tensor([1., 2.], requires_grad=True)", x.ToString());
        Assert.Equal("tensor([2., 4.], grad_fn=<MulBackward0>)", x.mul(2f).ToString());
        Assert.Equal("tensor(3., grad_fn=<SumBackward0>)", x.sum().ToString());
        Assert.Equal("tensor([0.2689, 0.7311], grad_fn=<SoftmaxBackward0>)", x.softmax(0).ToString());
        Assert.Equal("tensor([-1.3133, -0.3133], grad_fn=<LogSoftmaxBackward0>)", x.log_softmax(0).ToString());
        Assert.Equal("tensor([1., 2.])", x.detach().ToString());
        using (torch.no_grad())
        {
            Assert.Equal("tensor([2., 4.])", x.mul(2f).ToString());
        }
    }

    [Fact]
    public void ASuffixThatDoesNotFitGoesOnItsOwnLine()
    {
        // PyTorch measures the last line as its length + 2 and wraps when that + 2 + len(suffix) exceeds 80.
        // 7 elements: "tensor([" + 7 × "1.5000" + 6 × ", " + "]" is 63 characters, 65 + 2 + 18 > 80: wrap.
        var x = torch.full([7], 1.5f, requires_grad: true);
        Assert.Equal("tensor([" + string.Join(", ", Enumerable.Repeat("1.5000", 7)) + "],\n       requires_grad=True)", x.ToString());
        // 6 elements: 55 characters, 57 + 2 + 18 = 77: same line.
        var y = torch.full([6], 1.5f, requires_grad: true);
        Assert.Equal("tensor([" + string.Join(", ", Enumerable.Repeat("1.5000", 6)) + "], requires_grad=True)", y.ToString());
    }

    [Fact]
    public void ParametersSayWhatTheyContain()
    {
        var p = new Parameter(torch.tensor([1f, 2f]));
        Assert.Equal("Parameter containing:\ntensor([1., 2.], requires_grad=True)", p.ToString());
    }
}
