namespace Attend.Tests;

/// <summary>Corner cases where the library follows PyTorch's exact results rather than a convenient one.</summary>
public class PyTorchParityTests
{
    [Fact]
    public void DivisionByAScalarIsATrueDivision()
    {
        // 1/3 rounded to float, times 3, is 1.0000001 for some inputs; x / 3 must be the correctly rounded quotient.
        var values = new float[] { 1f, 7f, 10f, 0.1f, 123456.79f };
        var quotient = torch.tensor(values).div(3f).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i] / 3f, quotient[i]);
        }
    }

    [Fact]
    public void UnbiasedVarianceOfOneElementIsNaN()
    {
        Assert.True(float.IsNaN(torch.tensor([5f]).var().item()));
        Assert.Equal(0f, torch.tensor([5f]).var(unbiased: false).item());
        Assert.True(float.IsNaN(torch.ones(3, 1).var(1).ToArray()[0]));
    }

    [Fact]
    public void MeanOfAnEmptyTensorIsNaN() => Assert.True(float.IsNaN(torch.zeros(0).mean().item()));
}
