namespace Attend.Tests;

public class SmokeTests
{
    [Fact]
    public void MatmulGradientMatchesHandComputed()
    {
        var a = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }, requires_grad: true);
        var b = torch.tensor(new float[,] { { 5, 6 }, { 7, 8 } }, requires_grad: true);
        var c = a.matmul(b);
        Assert.Equal([19f, 22f, 43f, 50f], c.ToArray());
        c.sum().backward();
        Assert.Equal([11f, 15f, 11f, 15f], a.grad!.ToArray());
        Assert.Equal([4f, 4f, 6f, 6f], b.grad!.ToArray());
    }
}
