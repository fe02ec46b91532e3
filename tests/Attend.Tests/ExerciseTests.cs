using Attend.Display;

namespace Attend.Tests;

/// <summary>The exercise convention: a stub is "not attempted", a wrong answer is reported, a solution must pass.</summary>
public class ExerciseTests
{
    [Fact]
    public void CheckReportsStubWrongAndRightWithoutThrowing()
    {
        Assert.False(Exercise.Check("stub", () => throw new NotImplementedException()));
        Assert.False(Exercise.Check("wrong", () => Exercise.ExpectClose(2.0, 3.0, 0.1, "the answer")));
        Assert.True(Exercise.Check("right", () => Exercise.ExpectClose(3.05, 3.0, 0.1, "the answer")));
    }

    [Fact]
    public void SolutionThrowsWhenItsCheckFails()
    {
        var failure = Assert.Throws<ExerciseFailure>(() => Exercise.Solution("bad", () => Exercise.Expect(false, "rows must sum to 1")));
        Assert.Equal("rows must sum to 1", failure.Message);
        Exercise.Solution("good", () => Exercise.Expect(true, "unused"));
    }

    [Fact]
    public void TensorComparisonNamesShapeAndElement()
    {
        var shape = Assert.Throws<ExerciseFailure>(() => Exercise.ExpectClose(torch.zeros(2, 3), torch.zeros(3, 2), 1e-6, "w"));
        Assert.Contains("shape", shape.Message);
        var element = Assert.Throws<ExerciseFailure>(() => Exercise.ExpectClose(torch.tensor(new float[] { 1, 2, 3 }), torch.tensor(new float[] { 1, 2, 4 }), 1e-3, "w"));
        Assert.Contains("element 2", element.Message);
        Exercise.ExpectClose(torch.tensor(new float[] { 1, 2 }), torch.tensor(new float[] { 1, 2.0005f }), 1e-3, "w");
    }
}
