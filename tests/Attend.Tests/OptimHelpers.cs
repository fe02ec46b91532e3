using Attend.Optimizers;

namespace Attend.Tests;

/// <summary>Shared helpers of the optimizer tests: a parameter with given values, a fixed gradient, a tolerant comparison.</summary>
internal static class OptimHelpers
{
    public static Parameter Param(params float[] values) => new(torch.tensor(values));

    /// <summary>Gives <paramref name="p"/> a fixed gradient and takes one optimizer step.</summary>
    public static void StepWith(Optimizer opt, Parameter p, params double[] grad)
    {
        p.grad = torch.tensor(grad);
        opt.step();
    }

    /// <summary>Asserts float32 results equal hand-computed doubles to within <paramref name="tol"/> (absolute + relative).</summary>
    public static void Close(double[] expected, Tensor actual, double tol = 1e-6)
    {
        var got = actual.ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var allowed = tol * (1 + Math.Abs(expected[i]));
            Assert.True(Math.Abs(got[i] - expected[i]) <= allowed,
                $"element {i}: expected {expected[i]:R}, got {got[i]:R} (tolerance {allowed:G3})");
        }
    }

    public static double[] Values(params float[] v) => Array.ConvertAll(v, x => (double)x);
}
